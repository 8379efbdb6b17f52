// Parsing and validating events.list parameters with Google's rules, including the combinations a sync token
// forbids.
import { errors } from './errors.js';
import { isValidZone, parseRfc3339 } from './time.js';

export type RawQuery = Record<string, string | string[] | undefined>;

export interface ListParams {
  singleEvents: boolean;
  showDeleted: boolean;
  maxResults: number;
  timeMin?: number;
  timeMax?: number;
  updatedMin?: number;
  orderBy?: 'startTime' | 'updated';
  timeZone?: string;
  syncToken?: string;
  pageToken?: string;
  iCalUID?: string;
  q?: string;
  /** False when eventTypes excludes `default`, the only type the emulator stores. */
  typesMatch: boolean;
}

const SYNC_FORBIDDEN = ['timeMin', 'timeMax', 'updatedMin', 'iCalUID', 'orderBy', 'q', 'privateExtendedProperty', 'sharedExtendedProperty'];

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[v.length - 1] : v);

function bool(raw: RawQuery, name: string): boolean | undefined {
  const v = one(raw[name]);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw errors.invalid(`Invalid boolean value: '${v}'.`, name);
  return v === 'true';
}

function time(raw: RawQuery, name: string): number | undefined {
  const v = one(raw[name]);
  if (v === undefined) return undefined;
  const ms = parseRfc3339(v);
  if (ms === null) throw errors.badRequest();
  return ms;
}

export function parseListParams(raw: RawQuery): ListParams {
  const syncToken = one(raw.syncToken);
  if (syncToken !== undefined) {
    if (SYNC_FORBIDDEN.some((k) => raw[k] !== undefined) || one(raw.showDeleted) === 'false') throw errors.syncTokenWithRestrictions();
  }
  const maxRaw = one(raw.maxResults);
  let maxResults = 250;
  if (maxRaw !== undefined) {
    const n = Number(maxRaw);
    if (!Number.isInteger(n) || n < 1) throw errors.invalid(`Invalid value '${maxRaw}'. Values must be within the range: [1, 2500]`, 'maxResults');
    maxResults = Math.min(n, 2500); // Google caps larger values rather than refusing them
  }
  const singleEvents = bool(raw, 'singleEvents') ?? false;
  const timeMin = time(raw, 'timeMin');
  const timeMax = time(raw, 'timeMax');
  if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin) throw errors.timeRangeEmpty();
  const orderBy = one(raw.orderBy);
  if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') throw errors.invalid(`Invalid value '${orderBy}'.`, 'orderBy');
  if (orderBy === 'startTime' && !singleEvents) throw errors.badRequest('The requested ordering is not available for the particular query.');
  const timeZone = one(raw.timeZone);
  if (timeZone !== undefined && !isValidZone(timeZone)) throw errors.invalid('Invalid time zone definition for start time.', 'timeZone');
  const types = raw.eventTypes === undefined ? undefined : ([] as string[]).concat(raw.eventTypes);
  return {
    singleEvents,
    // Incremental requests include deletions regardless of showDeleted.
    showDeleted: syncToken !== undefined || raw.updatedMin !== undefined || (bool(raw, 'showDeleted') ?? false),
    maxResults,
    timeMin,
    timeMax,
    updatedMin: time(raw, 'updatedMin'),
    orderBy,
    timeZone,
    syncToken,
    pageToken: one(raw.pageToken),
    iCalUID: one(raw.iCalUID),
    q: one(raw.q)?.toLowerCase(),
    typesMatch: types === undefined || types.includes('default'),
  };
}
