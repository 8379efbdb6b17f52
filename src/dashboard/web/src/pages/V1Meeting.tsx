// One Calendar V1 meeting, through its user's calendar token: details, rollcall's recording decision with the
// override, its bot, and the CalendarMeeting JSON. V1 meetings are not reachable through the V2 event API
// (docs/decisions/0002), so this is the V1 counterpart of the Meeting page.
import { api } from '../api.js';
import { Badge, Json, Loading, Problem, Section } from '../components.js';
import { platformName, relative, when } from '../format.js';
import { usePoll } from '../poll.js';
import { botStatus, type Bot } from '../types.js';
import { meetingOf, userOf, type V1Meeting } from '../v1-api.js';
import { Decision, OverrideControl, calendarName } from '../v1-components.js';

async function load(userId: string, meetingId: string) {
  const [user, meeting] = await Promise.all([userOf({ id: userId }), meetingOf({ id: userId }, meetingId)]);
  const bot = meeting.bot_id ? await api<Bot>(`/api/v1/bot/${meeting.bot_id}/`).catch(() => null) : null;
  return { user, meeting, bot };
}

const yesNo = (v: boolean) => (v ? 'yes' : 'no');

export function V1MeetingPage({ userId, meetingId }: { userId: string; meetingId: string }) {
  const { data, error, reload, update } = usePoll(() => load(userId, meetingId), [userId, meetingId], 2000);
  if (!data) return error ? <Problem error={error} /> : <Loading what="the meeting" />;
  const { user, meeting: m, bot } = data;
  const onChanged = (next: V1Meeting) => {
    update((d) => ({ ...d, meeting: next }));
    reload();
  };
  return (
    <>
      <p className="crumbs">
        <a href="#/">Overview</a> / <a href="#/v1-users">V1 users</a> / <a href={`#/v1-users/${encodeURIComponent(userId)}`}>{user.external_id}</a> / meeting
      </p>
      <h1>{m.title || '(no title)'}</h1>
      <Problem error={error} />
      <Section title="Details">
        <dl className="details">
          <dt>Starts</dt><dd>{when(m.start_time)} <span className="muted">({relative(m.start_time)})</span></dd>
          <dt>Ends</dt><dd>{when(m.end_time)}</dd>
          <dt>Meeting</dt><dd>{m.platform ? platformName[m.platform] ?? m.platform : <span className="muted">no supported meeting link</span>}</dd>
          <dt>Calendar</dt><dd>{calendarName(m.calendar_platform)}</dd>
          <dt>Organizer</dt><dd>{m.organizer_email ?? '—'}</dd>
          <dt>Attendees</dt><dd>{m.attendees.map((a) => `${a.email} (${a.status.replace(/_/g, ' ')})`).join(', ') || '—'}</dd>
          <dt>User hosts</dt><dd>{yesNo(m.is_hosted_by_me)}</dd>
          <dt>External</dt><dd>{yesNo(m.is_external)}</dd>
          <dt>Recurring</dt><dd>{yesNo(m.is_recurring)}</dd>
        </dl>
      </Section>
      <Section title="Recording">
        <p data-will-record={String(m.will_record)}><Decision meeting={m} /></p>
        <OverrideControl userId={userId} meeting={m} onChanged={onChanged} />
        <p className="muted small">
          The override applies once the meeting can be recorded at all (a supported link, not all-day, cancelled or ended). Follow preferences
          clears it.
        </p>
      </Section>
      <Section title="Bot">
        {m.bot_id ? (
          <p>
            <a href={`#/bots/${m.bot_id}`}>{bot?.bot_name ?? m.bot_id}</a> {bot && <Badge value={botStatus(bot)} />}{' '}
            {bot && <span className="muted">joins {when(bot.join_at)}</span>}
          </p>
        ) : (
          <p className="muted">No bot: rollcall schedules one while the meeting will record.</p>
        )}
      </Section>
      <Section title="Meeting (V1 JSON)">
        <Json value={m} label="V1 meeting JSON" />
      </Section>
    </>
  );
}
