// The V1 auto-recording decision (api-contract §3.7), pure: prerequisites, then the per-meeting override, then
// the base preferences OR-ed, with `record_confirmed` and `record_only_host` AND-ed on top as filters.

export interface RecordingPreferences {
  record_non_host: boolean;
  record_recurring: boolean;
  record_external: boolean;
  record_internal: boolean;
  record_confirmed: boolean;
  record_only_host: boolean;
}

export interface MeetingFacts {
  hasSupportedLink: boolean;
  isAllDay: boolean;
  isCancelled: boolean;
  hasEnded: boolean;
  override: boolean | null;
  isHostedByMe: boolean;
  isExternal: boolean;
  isRecurring: boolean;
  /** The connected account accepted the invitation (a host counts as accepted). */
  acceptedBySelf: boolean;
}

export interface RecordingDecision {
  willRecord: boolean;
  reason: string;
}

export const REASONS = {
  noLink: 'Meeting has no supported meeting link',
  allDay: 'All-day meetings are not recorded',
  cancelled: 'Meeting has been cancelled',
  ended: 'Meeting has already ended',
  overrideOn: 'Recording turned on for this meeting',
  overrideOff: 'Recording turned off for this meeting',
  noPreferences: 'No recording preferences are enabled',
  noMatch: 'Meeting does not match your recording preferences',
  notAccepted: 'You have not accepted this meeting',
  notHost: 'You are not the host of this meeting',
  matches: (rule: string) => `Matches recording preference: ${rule}`,
} as const;

export function decideRecording(m: MeetingFacts, p: RecordingPreferences): RecordingDecision {
  const no = (reason: string): RecordingDecision => ({ willRecord: false, reason });
  if (!m.hasSupportedLink) return no(REASONS.noLink);
  if (m.isAllDay) return no(REASONS.allDay);
  if (m.isCancelled) return no(REASONS.cancelled);
  if (m.hasEnded) return no(REASONS.ended);
  if (m.override !== null) return { willRecord: m.override, reason: m.override ? REASONS.overrideOn : REASONS.overrideOff };

  // Base rules in the order their names are reported; only rules set to true are evaluated.
  const base: [boolean, boolean, string][] = [
    [p.record_non_host, !m.isHostedByMe, 'non-host meeting'],
    [p.record_external, m.isExternal, 'external meeting'],
    [p.record_internal, !m.isExternal, 'internal meeting'],
    [p.record_recurring, m.isRecurring, 'recurring meeting'],
  ];
  const enabled = base.filter(([on]) => on);
  if (enabled.length === 0) return no(REASONS.noPreferences);
  const match = enabled.find(([, holds]) => holds);
  if (!match) return no(REASONS.noMatch);
  if (p.record_confirmed && !(m.acceptedBySelf || m.isHostedByMe)) return no(REASONS.notAccepted);
  if (p.record_only_host && !m.isHostedByMe) return no(REASONS.notHost);
  return { willRecord: true, reason: REASONS.matches(match[2]) };
}
