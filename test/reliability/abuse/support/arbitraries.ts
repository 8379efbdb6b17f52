// fast-check generators of hostile input: wrong types, malformed JSON, huge strings and arrays, invalid dates and
// time zones, unicode edge cases, path traversal, broken cursors and odd header values.
import fc from 'fast-check';

/** Values that are plausible for some field somewhere, so fuzzing also reaches code behind validation. */
export interface Plausible {
  ids: string[];
  strings: string[];
}

const TRAVERSAL = ['..', '../../etc/passwd', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f', '....//', '/', '//', '\\..\\..\\windows', '%00', '\u0000', '.', '~', '*', '?', '#'];
const UNICODE = ['\u202e', '\u200b', '\ufeff', '\ud800', '\udfff', 'e\u0301', '👩‍👩‍👧‍👦', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'Ω≈ç√∫', '\u0000\u0001\u001f', 'ＡＢＣ', '\r\n', '\t', 'İ', 'ß'];
const DATES = [
  '2025-02-30T10:00:00Z', '2025-13-01T00:00:00Z', '0000-00-00', '9999-12-31T23:59:59.999999999Z', '2025-06-01T10:00:00+25:00',
  '2025-06-01T10:00:00 Europe/Paris', '2025-06-01T10:00:00[Mars/Olympus]', '2025-06-01T24:00:00Z', '-002025-06-01', '+275760-09-13T00:00:01Z',
  '2025-06-01T10:00:00.000000Z', '2025-06-01', '2025-06-01T10:00:00 00:00', '2025-W22-1', 'yesterday', '1e12', '2025-06-01T10:00:00-00:00',
  '2025-06-01T10:00:00+05:45', '2025-06-01T10:00:00.1234567890123Z', '2025-06-01T10:60:00Z', 'Europe/Nowhere', '1748772000',
];
const CURSORS = ['', '!', '====', 'eyJ9', 'eyJkIjoibiIsImsiOltdfQ', 'eyJkIjoibiIsImsiOlsxLDIsMyw0LDVdfQ', 'eyJkIjoibiIsImsiOlsiYSJdfQ',
  'eyJkIjoicCIsImsiOlsiMjAyNS0wNi0wMVQwMDowMDowMC4wMDBaIiwibm90LWEtdXVpZCJdfQ', 'eyJkIjoibiIsImsiOlt7ImEiOjF9LG51bGxdfQ',
  Buffer.from(JSON.stringify({ d: 'n', k: ['9999-99-99', '00000000-0000-0000-0000-000000000000'] })).toString('base64url'),
  Buffer.from(JSON.stringify({ d: 'n', k: [1e308, -1] })).toString('base64url'),
  Buffer.from(JSON.stringify({ d: 'n', k: ["'; DROP TABLE calendars; --", 'x'] })).toString('base64url'),
  Buffer.from(JSON.stringify({ d: 'p', k: [null, null, null] })).toString('base64url'),
  Buffer.from(JSON.stringify({ d: 'n', k: [[1], { a: 1 }] })).toString('base64url'),
];
const MISC = ["' OR 1=1 --", '"; DROP TABLE x; --', '${jndi:ldap://x}', '{{7*7}}', '<script>alert(1)</script>', 'null', 'undefined', 'NaN', '-0', '1e309', 'true', '[]', '{}',
  'http://', 'javascript:alert(1)', 'file:///etc/passwd', 'http://127.0.0.1:1/x', 'http://[::1]:1/', 'https://us02web.zoom.us/j/84315220467?pwd=x', 'https://meet.google.com/abc-defg-hij',
  'google', 'microsoft', 'google_calendar', 'microsoft_outlook', 'zoom', 'whsec_', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'current', 'legacy', 'pending', '-created_at', 'start_time', '0', '1', '-1', '101', '2147483648'];

export function nastyString(p: Plausible, maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...TRAVERSAL, ...UNICODE, ...DATES, ...CURSORS, ...MISC) },
    { weight: 2, arbitrary: fc.constantFrom(...p.ids, ...p.strings) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.uuid().map((u) => (Math.random() < 0.5 ? u.toUpperCase() : u)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '💥', '\u0000', 'é', '%', '/'), fc.integer({ min: 1, max: maxLength })).map(([c, n]) => c.repeat(Math.max(1, Math.floor(n / c.length)))) },
  );
}

function scalar(p: Plausible, maxString: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: nastyString(p, maxString) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, Number.MIN_VALUE, 100, 101, 3601) },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

export function jsonValue(p: Plausible, keys: string[], maxString: number, maxArray: number): fc.Arbitrary<unknown> {
  const key = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', '', ' ', 'a.b', '$where') }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar(p, maxString), tie('array'), tie('object')),
    array: fc.oneof(fc.array(tie('tree'), { maxLength: 5 }), fc.tuple(scalar(p, 100), fc.integer({ min: 0, max: maxArray })).map(([v, n]) => Array.from({ length: n }, () => v))),
    object: fc.dictionary(key, tie('tree'), { maxKeys: 6 }),
  }));
  return tree;
}

/** A request body as raw text: mostly JSON objects over known field names, sometimes malformed or hostile text. */
export function bodyText(p: Plausible, keys: string[], maxString: number, maxArray: number): fc.Arbitrary<string | undefined> {
  const obj = fc.dictionary(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor') }), jsonValue(p, keys, maxString, maxArray), { maxKeys: 8 });
  return fc.oneof(
    { weight: 8, arbitrary: obj.map((o) => JSON.stringify(o)) },
    { weight: 2, arbitrary: jsonValue(p, keys, maxString, maxArray).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '', ' ', 'null', '{', '{"a":', '[1,2', '{"a":1}garbage', '\ufeff{}', '\u0000', 'nul', "{'a':1}", '{"a":1,}', '{"a":NaN}', '{"a":1e999}', '{"a":-}',
        '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"a":"\\ud800"}', '{"a":"\\u0000"}', `{"a":${'9'.repeat(400)}}`,
        '['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000), 'true', '1', '"string"', '[]',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
}

export function queryString(p: Plausible, keys: string[], maxString: number): fc.Arbitrary<string> {
  const value = nastyString(p, Math.min(maxString, 10_000));
  const pair = fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), value);
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(pair, { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()) },
    // Hand-made query strings: broken percent-escapes, repeated keys, bare keys, raw unicode.
    { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom(...keys), fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '', 'é', '💥', '+00:00', '%2B00:00', 'a&b', '[]', '%ff%fe')), { maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...keys), { maxLength: 3 }).map((ks) => ks.join('&')) },
  );
}

const latin1 = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 60 });

/** Header overrides: `undefined` keeps the well-formed default. */
export interface HeaderVariant {
  authorization?: string | null;
  calendarToken?: string | null;
  contentType?: string | null;
  extra: Record<string, string>;
}

export function headerVariant(): fc.Arbitrary<HeaderVariant> {
  const auth = fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom(null, '', 'Token', 'Token ', 'Bearer', 'Basic dXNlcjpwYXNz', 'Token a b', 'Token ' + 'f'.repeat(40), 'Token ' + 'x'.repeat(5000), 'token\t', '\u00ff\u00fe') },
    { weight: 1, arbitrary: latin1 },
  );
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constant(undefined) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(null, 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'APPLICATION/JSON', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x',
        'application/merge-patch+json', 'application/vnd.api+json', 'application/xml', 'application/json;;;', '*/*', 'application/', ';', 'application/json\u00ff'),
    },
  );
  const extra = fc.dictionary(
    fc.constantFrom('idempotency-key', 'x-request-id', 'accept', 'accept-encoding', 'origin', 'x-forwarded-host', 'x-forwarded-proto', 'range', 'if-none-match', 'expect', 'transfer-encoding-hint', 'access-control-request-method'),
    fc.oneof(latin1, fc.constantFrom('', 'x'.repeat(300), 'x'.repeat(9000), 'gzip, br', '*/*;q=0', 'bytes=0-1', 'http://evil.example', '100-continue')),
    { maxKeys: 3 },
  );
  return fc.record({ authorization: auth, calendarToken: auth, contentType, extra });
}
