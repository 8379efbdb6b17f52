import { describe, expect, it } from 'vitest';
import {
  detectMeeting,
  findMeetingUrlInText,
  googleEventSources,
  graphEventSources,
  parseMeetingUrl,
} from '../../../src/calendars/meeting-url/index.js';
import type { Expected } from './cases-types.js';
import { NEAR_MISSES } from './near-miss-cases.js';
import { SOURCE_CASES } from './source-cases.js';
import { TEXT_CASES } from './text-cases.js';
import { SUPPORTED_URLS } from './url-cases.js';
import { WRAPPED_URLS } from './wrapped-cases.js';

function check(actual: unknown, expected: Expected): void {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toMatchObject(expected);
}

const URL_CASES = [...SUPPORTED_URLS, ...WRAPPED_URLS, ...NEAR_MISSES];

describe('parseMeetingUrl', () => {
  it.each(URL_CASES)('$input', ({ input, expected }) => {
    check(parseMeetingUrl(input), expected);
  });
});

describe('findMeetingUrlInText with each URL in a sentence', () => {
  it.each(URL_CASES.filter((c) => c.inText !== false))('$input', ({ input, expected }) => {
    check(findMeetingUrlInText(`Please join: ${input} — thanks!`), expected);
    check(findMeetingUrlInText(`<p>Join <a href="${input.replace(/&/g, '&amp;')}">here</a></p>`), expected);
  });
});

describe('findMeetingUrlInText', () => {
  it.each(TEXT_CASES)('$name', ({ text, expected }) => {
    check(findMeetingUrlInText(text), expected);
  });
});

describe('detectMeeting source priority', () => {
  it.each(SOURCE_CASES)('$kind: $name', ({ kind, raw, expected }) => {
    const sources = kind === 'google' ? googleEventSources(raw) : graphEventSources(raw);
    check(detectMeeting(sources), expected);
  });

  it('tries structured sources in order and skips unparseable ones', () => {
    const parsed = detectMeeting({
      conferenceUris: ['not a url', 'https://zoom.us/pricing'],
      onlineMeetingJoinUrl: null,
      hangoutLink: 'https://meet.google.com/abc-defg-hij',
    });
    expect(parsed?.platform).toBe('google_meet');
  });

  it('returns null for empty sources', () => {
    expect(detectMeeting({})).toBeNull();
    expect(detectMeeting(googleEventSources(null))).toBeNull();
    expect(detectMeeting(graphEventSources(undefined))).toBeNull();
  });
});

describe('table size', () => {
  it('covers at least 100 cases with at least 25 near-misses', () => {
    const all = [...URL_CASES, ...TEXT_CASES, ...SOURCE_CASES];
    const misses = all.filter((c) => c.expected === null);
    expect(all.length).toBeGreaterThanOrEqual(100);
    expect(misses.length).toBeGreaterThanOrEqual(25);
  });
});
