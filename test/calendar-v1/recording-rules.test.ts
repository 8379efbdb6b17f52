// Truth table of the V1 auto-recording rules (api-contract §3.7): the published recipes over every meeting
// shape, the prerequisites, the override, and the exact will_record_reason strings.
import { describe, expect, it } from 'vitest';
import { decideRecording, REASONS, type MeetingFacts, type RecordingPreferences } from '../../src/calendar-v1/recording-rules.js';

const none: RecordingPreferences = { record_non_host: false, record_recurring: false, record_external: false, record_internal: false, record_confirmed: false, record_only_host: false };
const prefs = (...on: (keyof RecordingPreferences)[]): RecordingPreferences => ({ ...none, ...Object.fromEntries(on.map((k) => [k, true])) });
const base: MeetingFacts = { hasSupportedLink: true, isAllDay: false, isCancelled: false, hasEnded: false, override: null, isHostedByMe: false, isExternal: false, isRecurring: false, acceptedBySelf: false };

// Every meeting shape the rules can tell apart: host or not, external or not, recurring or not, accepted or not.
const shapes: MeetingFacts[] = [];
for (const isHostedByMe of [false, true])
  for (const isExternal of [false, true])
    for (const isRecurring of [false, true])
      for (const acceptedBySelf of [false, true]) shapes.push({ ...base, isHostedByMe, isExternal, isRecurring, acceptedBySelf });

const name = (m: MeetingFacts) => `${m.isHostedByMe ? 'host' : 'guest'}/${m.isExternal ? 'external' : 'internal'}/${m.isRecurring ? 'recurring' : 'single'}/${m.acceptedBySelf ? 'accepted' : 'not-accepted'}`;

const recipes: { recipe: string; p: RecordingPreferences; records: (m: MeetingFacts) => boolean }[] = [
  { recipe: 'Record all', p: prefs('record_external', 'record_internal'), records: () => true },
  { recipe: 'Only internal', p: prefs('record_internal'), records: (m) => !m.isExternal },
  { recipe: 'Only external', p: prefs('record_external'), records: (m) => m.isExternal },
  { recipe: 'Only where I host', p: prefs('record_external', 'record_internal', 'record_only_host'), records: (m) => m.isHostedByMe },
  { recipe: 'Only accepted', p: prefs('record_external', 'record_internal', 'record_confirmed'), records: (m) => m.acceptedBySelf || m.isHostedByMe },
  { recipe: 'Default (nothing)', p: none, records: () => false },
  { recipe: 'Filter alone (confirmed)', p: prefs('record_confirmed'), records: () => false },
  { recipe: 'Filter alone (only host)', p: prefs('record_only_host'), records: () => false },
  { recipe: 'Non-host', p: prefs('record_non_host'), records: (m) => !m.isHostedByMe },
  { recipe: 'Recurring', p: prefs('record_recurring'), records: (m) => m.isRecurring },
  { recipe: 'Non-host OR recurring', p: prefs('record_non_host', 'record_recurring'), records: (m) => !m.isHostedByMe || m.isRecurring },
];

describe('V1 recording rules: published recipes × meeting shapes', () => {
  for (const r of recipes) {
    for (const m of shapes) {
      it(`${r.recipe}: ${name(m)}`, () => {
        const d = decideRecording(m, r.p);
        expect(d.willRecord).toBe(r.records(m));
        expect(d.reason.length).toBeGreaterThan(0);
        if (d.willRecord) expect(d.reason).toMatch(/^Matches recording preference: (non-host|external|internal|recurring) meeting$/);
      });
    }
  }
});

describe('V1 recording rules: reasons', () => {
  const all = prefs('record_external', 'record_internal');
  it.each([
    ['no link', { hasSupportedLink: false }, all, false, REASONS.noLink],
    ['all-day', { isAllDay: true }, all, false, 'All-day meetings are not recorded'],
    ['cancelled', { isCancelled: true }, all, false, 'Meeting has been cancelled'],
    ['ended', { hasEnded: true }, all, false, 'Meeting has already ended'],
    ['prerequisites beat the override', { hasEnded: true, override: true }, all, false, 'Meeting has already ended'],
    ['no link beats all-day', { hasSupportedLink: false, isAllDay: true }, all, false, 'Meeting has no supported meeting link'],
    ['override on', { override: true }, none, true, 'Recording turned on for this meeting'],
    ['override off', { override: false }, all, false, 'Recording turned off for this meeting'],
    ['no preference', {}, none, false, 'No recording preferences are enabled'],
    ['no match', { isExternal: true }, prefs('record_internal'), false, 'Meeting does not match your recording preferences'],
    ['not accepted', {}, prefs('record_internal', 'record_confirmed'), false, 'You have not accepted this meeting'],
    ['not host', { acceptedBySelf: true }, prefs('record_internal', 'record_confirmed', 'record_only_host'), false, 'You are not the host of this meeting'],
    ['first match wins: non-host before external', { isExternal: true }, prefs('record_external', 'record_non_host'), true, 'Matches recording preference: non-host meeting'],
    ['external', { isExternal: true, isHostedByMe: true }, prefs('record_external', 'record_non_host'), true, 'Matches recording preference: external meeting'],
    ['internal', {}, prefs('record_internal', 'record_recurring'), true, 'Matches recording preference: internal meeting'],
    ['recurring', { isRecurring: true, isExternal: true }, prefs('record_recurring', 'record_internal'), true, 'Matches recording preference: recurring meeting'],
  ] as [string, Partial<MeetingFacts>, RecordingPreferences, boolean, string][])('%s', (_n, facts, p, will, reason) => {
    expect(decideRecording({ ...base, ...facts }, p)).toEqual({ willRecord: will, reason });
  });
});
