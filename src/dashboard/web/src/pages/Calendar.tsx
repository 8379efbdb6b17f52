// One calendar: its events on a day-by-day timeline (past day, next 28 days) with meeting platform, bot state,
// and the reason when there is no bot; filters and search.
import { useMemo, useState } from 'react';
import { api, listAll } from '../api.js';
import { Badge, Loading, Problem, Section } from '../components.js';
import { clock, dayKey, dayLabel, platformName, relative, when } from '../format.js';
import { usePoll } from '../poll.js';
import { botStatus, eventTitle, type Bot, type Calendar, type CalendarEvent } from '../types.js';
import { syncHealth } from './Overview.js';

const DAY = 86_400_000;

async function load(id: string) {
  const now = Date.now();
  const from = new Date(now - DAY).toISOString();
  const to = new Date(now + 28 * DAY).toISOString();
  const [calendar, events, bots] = await Promise.all([
    api<Calendar>(`/api/v2/calendars/${id}/`),
    listAll<CalendarEvent>(`/api/v2/calendar-events/?calendar_id=${id}&start_time__gte=${from}&start_time__lte=${to}`, 30),
    listAll<Bot>(`/api/v1/bot/?join_at_after=${new Date(now - 2 * DAY).toISOString()}`, 10).catch(() => [] as Bot[]),
  ]);
  // Events that started before the window start but end inside it (long or all-day ones) are not in the list;
  // the past day is about meetings that already ran, which the start filter covers.
  return { calendar, events, bots: new Map(bots.map((b) => [b.id, b])) };
}

type Show = 'all' | 'link' | 'bot' | 'nobot';

export function CalendarPage({ id }: { id: string }) {
  const { data, error } = usePoll(() => load(id), [id], 3000);
  const [q, setQ] = useState('');
  const [show, setShow] = useState<Show>('all');
  const [platform, setPlatform] = useState('');
  const [deleted, setDeleted] = useState(false);

  const events = useMemo(() => {
    if (!data) return [];
    const needle = q.trim().toLowerCase();
    return data.events.filter((e) => {
      if (!deleted && e.is_deleted) return false;
      if (show === 'link' && !e.meeting_url) return false;
      if (show === 'bot' && e.bots.length === 0) return false;
      if (show === 'nobot' && e.bots.length > 0) return false;
      if (platform && (e.meeting_platform ?? 'none') !== platform) return false;
      if (needle && !`${eventTitle(e)} ${e.meeting_url ?? ''}`.toLowerCase().includes(needle)) return false;
      return true;
    });
  }, [data, q, show, platform, deleted]);

  if (!data) return error ? <Problem error={error} /> : <Loading what="the calendar" />;
  const { calendar, bots } = data;
  const days = new Map<string, CalendarEvent[]>();
  for (const e of events) {
    const k = dayKey(e.start_time);
    days.set(k, [...(days.get(k) ?? []), e]);
  }
  const platforms = [...new Set(data.events.map((e) => e.meeting_platform ?? 'none'))].sort();

  return (
    <>
      <p className="crumbs"><a href="#/">Overview</a> / calendar</p>
      <h1>{calendar.platform_email ?? calendar.id}</h1>
      <Problem error={error} />
      <div className="row">
        <span>{platformName[calendar.platform]}</span>
        <Badge value={calendar.status} />
        {syncHealth(calendar).map(([k, v]) => (
          <span key={k} className="small muted">{k.replace(/_/g, ' ')}: {typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? relative(v) : String(v)}</span>
        ))}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>Search <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="title or link" /></label>
        <label>Show
          <select value={show} onChange={(e) => setShow(e.target.value as Show)}>
            <option value="all">all events</option>
            <option value="link">with a meeting link</option>
            <option value="bot">with a bot</option>
            <option value="nobot">without a bot</option>
          </select>
        </label>
        <label>Meeting platform
          <select value={platform} onChange={(e) => setPlatform(e.target.value)}>
            <option value="">any</option>
            {platforms.map((p) => <option key={p} value={p}>{platformName[p] ?? p}</option>)}
          </select>
        </label>
        <label className="check"><input type="checkbox" checked={deleted} onChange={(e) => setDeleted(e.target.checked)} /> include deleted</label>
        <span className="muted small">{events.length} of {data.events.length} events</span>
      </form>
      {days.size === 0 && <p className="muted">No events match.</p>}
      {[...days.values()].map((list) => (
        <Section key={dayKey(list[0].start_time)} title={dayLabel(list[0].start_time)}>
          <ol className="timeline">
            {list.map((e) => <EventRow key={e.id} e={e} bot={e.bots.length ? bots.get(e.bots[e.bots.length - 1].bot_id) : undefined} />)}
          </ol>
        </Section>
      ))}
    </>
  );
}

function EventRow({ e, bot }: { e: CalendarEvent; bot: Bot | undefined }) {
  const start = new Date(e.start_time);
  const midnight = new Date(start).setHours(0, 0, 0, 0);
  const left = Math.max(0, Math.min(100, ((start.getTime() - midnight) / DAY) * 100));
  const width = Math.max(0.8, Math.min(100 - left, ((new Date(e.end_time).getTime() - start.getTime()) / DAY) * 100));
  const past = new Date(e.end_time).getTime() < Date.now();
  return (
    <li className={`event${past ? ' past' : ''}${e.is_deleted ? ' deleted' : ''}`} data-event-id={e.id}>
      <span className="when" title={when(e.start_time)}>{clock(e.start_time)}</span>
      <a className="title" href={`#/events/${e.id}`}>{eventTitle(e)}</a>
      <span className="platform">{e.meeting_platform ? platformName[e.meeting_platform] ?? e.meeting_platform : <span className="muted">no link</span>}</span>
      <span className="bot">
        {e.bots.length ? <Badge value={bot ? botStatus(bot) : 'scheduled'} /> : <span className="muted small">{(e.bot_reason ?? 'no bot').replace(/_/g, ' ')}</span>}
      </span>
      <span className="bar" aria-hidden="true"><span style={{ left: `${left}%`, width: `${width}%` }} /></span>
    </li>
  );
}
