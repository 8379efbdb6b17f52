// Secrets are compared in constant time (issue part 5): a review of the source, kept as a test. Any `===`/`!==`
// between two values named like a secret, token, signature or hash (not against a literal, null or a length)
// fails here; use safeEqual from src/crypto/tokens.ts (or compare digests with timingSafeEqual).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../src');
const SECRETISH = /(secret|token|signature|sig|password|apikey|api_key|verifier|clientstate|digest|hash|nonce)$/i;
const HARMLESS = /^(null|undefined|true|false|''|""|``|'[^']*'|"[^"]*"|\d+|.*\.length|typeof .*)$/;
/** Reviewed comparisons that only look like secrets. */
const REVIEWED = ['s.clientId === req.msToken' /* the emulator's client id, read through a token object */];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'web' ? [] : files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function lastName(operand: string): string {
  return operand.replace(/\(\)$/, '').replace(/\?/g, '').split(/[.[\]'"]/).filter(Boolean).at(-1) ?? operand;
}

export function timingUnsafeComparisons(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/([\w$.?[\]'"]+(?:\(\))?)\s*(===|!==)\s*([\w$.?[\]'"]+(?:\(\))?)/g)) {
    const [, left, , right] = m;
    if (HARMLESS.test(left) || HARMLESS.test(right)) continue;
    if ((SECRETISH.test(lastName(left)) || SECRETISH.test(lastName(right))) && !REVIEWED.includes(m[0])) out.push(m[0]);
  }
  return out;
}

describe('constant-time comparisons', () => {
  it('the check itself flags a plain comparison of secrets', () => {
    expect(timingUnsafeComparisons('if (client.clientSecret !== secret) fail();')).toHaveLength(1);
    expect(timingUnsafeComparisons("if (secret === null || token.length === 0 || kind === 'token') ok();")).toEqual([]);
  });

  it('no source file compares secrets with === or !==', () => {
    const found = files(ROOT).flatMap((f) => timingUnsafeComparisons(readFileSync(f, 'utf8')).map((c) => `${relative(ROOT, f)}: ${c}`));
    expect(found).toEqual([]);
  });
});
