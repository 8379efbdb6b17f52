import type { ParsedMeetingUrl } from '../../../src/calendars/meeting-url/index.js';

/** Expected fields of a match (checked with toMatchObject), or null for "must not match". */
export type Expected = (Partial<Omit<ParsedMeetingUrl, 'details'>> & { details?: Record<string, string | null> }) | null;

export interface UrlCase {
  input: string;
  expected: Expected;
  /** Also embed the URL in a sentence and expect the same from findMeetingUrlInText (default true). */
  inText?: boolean;
}

export interface TextCase {
  name: string;
  text: string;
  expected: Expected;
}
