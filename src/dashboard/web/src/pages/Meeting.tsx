// One calendar event: details, the provider's raw JSON, its bots, and schedule/unschedule through the V2 API.
import { useState } from 'react';
import { api } from '../api.js';
import { Badge, Json, Loading, Problem, Section } from '../components.js';
import { platformName, relative, when } from '../format.js';
import { usePoll } from '../poll.js';
import { botStatus, eventTitle, type Bot, type CalendarEvent } from '../types.js';

async function load(id: string) {
  const event = await api<CalendarEvent>(`/api/v2/calendar-events/${id}/`);
  const bots = await Promise.all(event.bots.map((b) => api<Bot>(`/api/v1/bot/${b.bot_id}/`).catch(() => null)));
  return { event, bots: bots.filter((b): b is Bot => b !== null) };
}

export function MeetingPage({ id }: { id: string }) {
  const { data, error, reload } = usePoll(() => load(id), [id], 2000);
  const [botName, setBotName] = useState('rollcall demo bot');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<Error | null>(null);

  if (!data) return error ? <Problem error={error} /> : <Loading what="the meeting" />;
  const { event, bots } = data;

  const act = async (method: 'POST' | 'DELETE') => {
    setBusy(true);
    setActionError(null);
    try {
      const body = method === 'POST' ? { deduplication_key: `${event.start_time}-${event.meeting_url ?? event.id}`, bot_config: { bot_name: botName } } : undefined;
      await api(`/api/v2/calendar-events/${event.id}/bot/`, { method, body });
      reload();
    } catch (err) {
      setActionError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const organizer = (event.raw.organizer as { email?: string; emailAddress?: { address?: string } } | undefined) ?? {};
  const attendees = (event.raw.attendees as unknown[] | undefined)?.length ?? 0;
  return (
    <>
      <p className="crumbs"><a href="#/">Overview</a> / <a href={`#/calendars/${event.calendar_id}`}>calendar</a> / meeting</p>
      <h1>{eventTitle(event)}</h1>
      <Problem error={error} />
      <Section title="Details">
        <dl className="details">
          <dt>Starts</dt><dd>{when(event.start_time)} <span className="muted">({relative(event.start_time)})</span></dd>
          <dt>Ends</dt><dd>{when(event.end_time)}</dd>
          <dt>Meeting</dt><dd>{event.meeting_platform ? `${platformName[event.meeting_platform] ?? event.meeting_platform} · ` : ''}{event.meeting_url ?? <span className="muted">no supported meeting link</span>}</dd>
          <dt>Organizer</dt><dd>{organizer.email ?? organizer.emailAddress?.address ?? '—'}</dd>
          <dt>Attendees</dt><dd>{attendees}</dd>
          <dt>Provider id</dt><dd className="mono">{event.platform_id}</dd>
          <dt>Deleted</dt><dd>{event.is_deleted ? 'yes' : 'no'}</dd>
          {event.bot_reason !== undefined && (<><dt>Bot decision</dt><dd>{event.bot_reason ?? '—'}</dd></>)}
        </dl>
      </Section>
      <Section title="Bot">
        {bots.length > 0 ? (
          <ul className="plain">
            {bots.map((b) => (
              <li key={b.id}>
                <a href={`#/bots/${b.id}`}>{b.bot_name}</a> <Badge value={botStatus(b)} /> <span className="muted">joins {when(b.join_at)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No bot{event.bot_reason ? `: ${event.bot_reason}` : ''}.</p>
        )}
        <div className="row">
          <label>Bot name <input value={botName} onChange={(e) => setBotName(e.target.value)} maxLength={100} /></label>
          <button type="button" disabled={busy || event.is_deleted} onClick={() => act('POST')}>{bots.length ? 'Reschedule bot' : 'Schedule bot'}</button>
          <button type="button" className="secondary" disabled={busy || bots.length === 0} onClick={() => act('DELETE')}>Unschedule</button>
        </div>
        <Problem error={actionError} />
      </Section>
      <Section title="Raw provider event">
        <Json value={event.raw} label="raw provider JSON" />
      </Section>
    </>
  );
}
