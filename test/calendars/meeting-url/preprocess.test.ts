import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeEntities,
  extractUrls,
  findMeetingUrlInText,
  htmlPieces,
  parseMeetingUrl,
  unsupportedService,
  unwrapRedirects,
} from '../../../src/calendars/meeting-url/index.js';

describe('pre-processing (providers.md §7.2)', () => {
  it('decodes named and numeric entities', () => {
    expect(decodeEntities('a&amp;b &lt;x&gt; &#39;q&#x27; &quot;&nbsp;&unknown;')).toBe(`a&b <x> 'q' " &unknown;`);
  });

  it('puts href values before the anchor text and skips mailto hrefs', () => {
    expect(htmlPieces('<p>Hi <a href="https://x.test/?a=1&amp;b=2">Join</a> <a href="mailto:a@b.c">mail</a></p>')).toEqual([
      'Hi ',
      'https://x.test/?a=1&b=2',
      'Join',
      ' ',
      'mail',
    ]);
  });

  it('does not treat plain-text <https://…> as a tag', () => {
    expect(htmlPieces('Join<https://zoom.us/j/84315220467>')).toEqual(['Join<https://zoom.us/j/84315220467>']);
  });

  it('extracts URLs and trims trailing punctuation', () => {
    expect(extractUrls('See https://a.test/x). and (https://b.test/y?z=1!) or zoommtg://zoom.us/join?confno=1;')).toEqual([
      'https://a.test/x',
      'https://b.test/y?z=1',
      'zoommtg://zoom.us/join?confno=1',
    ]);
  });

  it('unwraps nested redirectors and stops at plain links', () => {
    const inner = 'https://meet.google.com/abc-defg-hij';
    const google = `https://www.google.com/url?q=${encodeURIComponent(inner)}&sa=D`;
    const safe = `https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(google)}&data=05`;
    expect(unwrapRedirects(safe)).toBe(inner);
    expect(unwrapRedirects(inner)).toBe(inner);
  });

  it('names recognised but unsupported services', () => {
    expect(unsupportedService('https://meet.jit.si/TeamStandup')).toBe('jitsi');
    expect(unsupportedService('https://app.chime.aws/meetings/1234567890')).toBe('amazon_chime');
    expect(unsupportedService('https://app.slack.com/huddle/T01/C02')).toBe('slack_huddle');
    expect(unsupportedService('https://acme.zoom.us/j/84315220467')).toBeNull();
  });
});

describe('robustness', () => {
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        findMeetingUrlInText(s);
        parseMeetingUrl(s);
      }),
      { numRuns: 500 },
    );
  });

  it('stays fast on pathological HTML', () => {
    const inputs = ['<a x '.repeat(40_000), '<style>'.repeat(30_000), '<!--'.repeat(50_000), 'https://zoom.us/'.repeat(20_000)];
    const started = performance.now();
    for (const input of inputs) expect(findMeetingUrlInText(input)).toBeNull();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
