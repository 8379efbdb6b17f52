// Identifier formats. Graph ids are opaque base64-looking strings; the emulator derives both id flavours from
// one stored "item key" so that `Prefer: IdType="ImmutableId"` changes the representation, as in Graph, and a
// client mixing the two flavours sees ids that do not match.
import { randomBytes, randomUUID, createHash } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const IMMUTABLE_PREFIX = 'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A';
const REST_PREFIX = 'AAMkADAwATM0MDAAMS1hYzY2LTFmZjEtMDACLTAwCgBGAAAD';

export type IdFlavour = 'immutable' | 'rest';

/** Random [A-Za-z0-9] string: the core of an event id (no `_`, which separates occurrence stamps). */
export function randomCore(length = 40): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

export function renderId(itemKey: string, flavour: IdFlavour): string {
  return (flavour === 'immutable' ? IMMUTABLE_PREFIX : REST_PREFIX) + itemKey;
}

/** Item key of an id in either flavour, or null when the id is not one the emulator could have issued. */
export function parseId(id: string): string | null {
  for (const p of [IMMUTABLE_PREFIX, REST_PREFIX]) {
    if (id.startsWith(p) && id.length > p.length) {
      const key = id.slice(p.length);
      return /^[A-Za-z0-9]+(_\d{8}(T\d{6})?)?$/.test(key) ? key : null;
    }
  }
  return null;
}

/** Item key of an occurrence: series core plus the original start stamp. */
export function occurrenceKey(core: string, stamp: string): string {
  return `${core}_${stamp}`;
}

export function splitKey(key: string): { core: string; stamp: string | null } {
  const i = key.indexOf('_');
  return i < 0 ? { core: key, stamp: null } : { core: key.slice(0, i), stamp: key.slice(i + 1) };
}

export function opaqueToken(prefix: string, bytes = 32): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

export function uuid(): string {
  return randomUUID();
}

/** Outlook-style iCalUId (hex, `040000008200E00074C5B7101A82E008` class id prefix). */
export function iCalUIdFor(seed: string): string {
  return '040000008200E00074C5B7101A82E00800000000' + createHash('sha256').update(seed).digest('hex').toUpperCase().slice(0, 48);
}

export function changeKeyFor(itemKey: string, version: number): string {
  return createHash('sha1').update(`${itemKey}:${version}`).digest('base64').slice(0, 24);
}
