// `Prefer` header parsing (several preferences may share one header or come in several headers).
import { resolveZone } from './timezones.js';
import type { IdFlavour } from './ids.js';

export interface Preferences {
  zone: string;
  zoneName: string;
  flavour: IdFlavour;
  maxPageSize: number | null;
  applied: string[];
}

export function parsePrefer(header: string | string[] | undefined): Preferences {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  const prefs = new Map<string, string>();
  for (const m of raw.matchAll(/([A-Za-z][\w.-]*)\s*(?:=\s*("[^"]*"|[^,;\s]+))?/g)) {
    prefs.set(m[1].toLowerCase(), (m[2] ?? '').replace(/^"|"$/g, ''));
  }
  const out: Preferences = { zone: 'UTC', zoneName: 'UTC', flavour: 'rest', maxPageSize: null, applied: [] };
  const tz = prefs.get('outlook.timezone');
  if (tz) {
    const zone = resolveZone(tz);
    if (zone) {
      out.zone = zone;
      out.zoneName = tz;
      out.applied.push(`outlook.timezone="${tz}"`);
    }
  }
  if ((prefs.get('idtype') ?? '').toLowerCase() === 'immutableid') {
    out.flavour = 'immutable';
    out.applied.push('IdType="ImmutableId"');
  }
  const size = Number(prefs.get('odata.maxpagesize'));
  if (Number.isInteger(size) && size > 0) {
    out.maxPageSize = Math.min(size, 1000);
    out.applied.push(`odata.maxpagesize=${out.maxPageSize}`);
  }
  return out;
}
