// Dates shown in the browser's time zone; durations and relative times short.
const dt = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const tm = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const hm = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });

export const when = (iso: string | null | undefined): string => (iso ? dt.format(new Date(iso)) : '—');
export const time = (iso: string | null | undefined): string => (iso ? tm.format(new Date(iso)) : '—');
export const clock = (iso: string | null | undefined): string => (iso ? hm.format(new Date(iso)) : '—');
export const dayLabel = (iso: string): string => day.format(new Date(iso));
export const dayKey = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
};

export function relative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const s = Math.round((new Date(iso).getTime() - now) / 1000);
  const a = Math.abs(s);
  const v = a < 60 ? `${a}s` : a < 3600 ? `${Math.round(a / 60)}m` : a < 86400 ? `${Math.round(a / 3600)}h` : `${Math.round(a / 86400)}d`;
  return s >= 0 ? `in ${v}` : `${v} ago`;
}

export const platformName: Record<string, string> = {
  google_calendar: 'Google',
  microsoft_outlook: 'Microsoft',
  zoom: 'Zoom',
  google_meet: 'Google Meet',
  microsoft_teams: 'Teams',
  microsoft_teams_live: 'Teams Live',
  webex: 'Webex',
  goto_meeting: 'GoTo',
};
