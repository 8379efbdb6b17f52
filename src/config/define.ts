// Builders for configuration variables. Each variable carries its own parser, default and documentation so
// that the loader, the error messages and docs/configuration.md all come from one table.

export interface Variable<T> {
  /** One sentence for docs/configuration.md. */
  doc: string;
  /** Default as documented (a string as it would appear in the environment), or null when unset by default. */
  defaultText: string | null;
  /** Parse a raw value; throw an Error whose message says what is wrong. `raw` is undefined when unset. */
  parse(raw: string | undefined): T;
  /** Documentation group. */
  group: string;
}

type Opts = { doc: string; group: string };

function required<T>(v: T | undefined, name: string): T {
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
}

export function str(o: Opts & { default?: string }): Variable<string> {
  return { ...o, defaultText: o.default ?? null, parse: (raw) => required(raw ?? o.default, 'a value') };
}

export function optionalStr(o: Opts): Variable<string | null> {
  return { ...o, defaultText: null, parse: (raw) => (raw === undefined || raw === '' ? null : raw) };
}

export function int(o: Opts & { default: number; min?: number; max?: number }): Variable<number> {
  return {
    ...o,
    defaultText: String(o.default),
    parse(raw) {
      if (raw === undefined || raw === '') return o.default;
      if (!/^-?\d+$/.test(raw.trim())) throw new Error(`must be an integer, got "${raw}"`);
      const n = Number(raw);
      if (o.min !== undefined && n < o.min) throw new Error(`must be >= ${o.min}, got ${n}`);
      if (o.max !== undefined && n > o.max) throw new Error(`must be <= ${o.max}, got ${n}`);
      return n;
    },
  };
}

export function bool(o: Opts & { default: boolean | null }): Variable<boolean | null> {
  return {
    ...o,
    defaultText: o.default === null ? null : String(o.default),
    parse(raw) {
      if (raw === undefined || raw === '') return o.default;
      const v = raw.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      throw new Error(`must be true or false, got "${raw}"`);
    },
  };
}

export function flag(o: Opts & { default: boolean }): Variable<boolean> {
  const b = bool(o);
  return { ...b, parse: (raw) => b.parse(raw) as boolean };
}

export function oneOf<T extends string>(o: Opts & { values: readonly T[]; default: T }): Variable<T> {
  return {
    ...o,
    doc: `${o.doc} One of: ${o.values.map((v) => `\`${v}\``).join(', ')}.`,
    defaultText: o.default,
    parse(raw) {
      if (raw === undefined || raw === '') return o.default;
      if (!(o.values as readonly string[]).includes(raw)) {
        throw new Error(`must be one of ${o.values.join(', ')}, got "${raw}"`);
      }
      return raw as T;
    },
  };
}

function checkUrl(raw: string, protocols: string[]): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`must be an absolute URL, got "${raw}"`);
  }
  if (!protocols.includes(u.protocol)) throw new Error(`must use ${protocols.join(' or ')}, got "${u.protocol}"`);
  return raw.replace(/\/+$/, '');
}

export function url(o: Opts & { default: string; protocols?: string[] }): Variable<string> {
  const protocols = o.protocols ?? ['http:', 'https:'];
  return { ...o, defaultText: o.default, parse: (raw) => checkUrl(raw === undefined || raw === '' ? o.default : raw, protocols) };
}

export function optionalUrl(o: Opts & { protocols?: string[] }): Variable<string | null> {
  const protocols = o.protocols ?? ['http:', 'https:'];
  return { ...o, defaultText: null, parse: (raw) => (raw === undefined || raw === '' ? null : checkUrl(raw, protocols)) };
}

/** A comma-separated list of durations in seconds (e.g. the webhook retry schedule). */
export function secondsList(o: Opts & { default: number[] }): Variable<number[]> {
  return {
    ...o,
    defaultText: o.default.join(','),
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return o.default;
      return raw.split(',').map((part) => {
        const n = Number(part.trim());
        if (!Number.isFinite(n) || n < 0) throw new Error(`must be comma-separated non-negative seconds, got "${raw}"`);
        return n;
      });
    },
  };
}
