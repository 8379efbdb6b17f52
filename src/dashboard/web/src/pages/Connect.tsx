// Connect a calendar through the provider's consent page (the sandbox's in demo mode), then watch the new
// calendar until its first sync completes.
import { useEffect, useState } from 'react';
import { navigate } from '../router.js';
import { api, listAll } from '../api.js';
import { Badge, Loading, Problem, Section } from '../components.js';
import { time } from '../format.js';
import { usePoll } from '../poll.js';
import type { Calendar, CalendarEvent } from '../types.js';

interface ConnectInfo {
  sandbox: boolean;
  platforms: { platform: 'google_calendar' | 'microsoft_outlook'; label: string; available: boolean }[];
}

export function ConnectPage({ query }: { query: URLSearchParams }) {
  const calendarId = query.get('calendar_id');
  const code = query.get('code');
  const state = query.get('state');
  if (calendarId) return <Progress id={calendarId} />;
  if (code && state) return <Finish code={code} state={state} />;
  return <Start error={query.get('error')} />;
}

/** Back from the consent page: trade the code for a calendar, then show its progress. */
function Finish({ code, state }: { code: string; state: string }) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<{ calendar_id: string }>('/api/dashboard/connect/finish', { method: 'POST', body: { code, state } }).then(
      (r) => live && navigate(`/connect?calendar_id=${r.calendar_id}`),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [code, state]);
  return (
    <>
      <h1>Connect a calendar</h1>
      {error ? (
        <p className="problem" role="alert">Connection failed: {error} <a href="#/connect">Try again</a></p>
      ) : (
        <p role="status">Access granted. Creating the calendar…</p>
      )}
    </>
  );
}

function Start({ error }: { error: string | null }) {
  const { data, error: loadError } = usePoll(() => api<ConnectInfo>('/api/dashboard/connect'), [], 60_000);
  const [busy, setBusy] = useState(false);
  const [startError, setStartError] = useState<Error | null>(null);
  const start = async (platform: string) => {
    setBusy(true);
    setStartError(null);
    try {
      const r = await api<{ authorize_url: string }>('/api/dashboard/connect', { method: 'POST', body: { platform } });
      location.assign(r.authorize_url);
    } catch (err) {
      setStartError(err as Error);
      setBusy(false);
    }
  };
  return (
    <>
      <h1>Connect a calendar</h1>
      {error && <p className="problem" role="alert">Connection failed: {error}</p>}
      <Problem error={loadError ?? startError} />
      {!data ? (
        <Loading what="providers" />
      ) : (
        <Section title={data.sandbox ? 'Sandbox providers (demo mode)' : 'Providers'}>
          <p className="muted">
            {data.sandbox
              ? 'rollcall runs with its built-in Google and Microsoft emulators: the consent page is the emulator’s, any email address works.'
              : 'You will be sent to the provider to allow read access to your calendar.'}
          </p>
          <div className="row">
            {data.platforms.map((p) => (
              <button key={p.platform} type="button" disabled={busy || !p.available} onClick={() => start(p.platform)}>
                Connect {p.label}
              </button>
            ))}
          </div>
          {data.platforms.some((p) => !p.available) && <p className="muted small">Providers without an OAuth client configured are disabled.</p>}
        </Section>
      )}
    </>
  );
}

async function loadProgress(id: string) {
  const calendar = await api<Calendar>(`/api/v2/calendars/${id}/`);
  const events = calendar.status === 'connected' ? await listAll<CalendarEvent>(`/api/v2/calendar-events/?calendar_id=${id}&is_deleted=false`, 10) : [];
  return { calendar, events: events.length };
}

function Progress({ id }: { id: string }) {
  const { data, error } = usePoll(() => loadProgress(id), [id], 1000);
  if (!data) return error ? <Problem error={error} /> : <Loading what="the new calendar" />;
  const { calendar } = data;
  const done = calendar.status === 'connected';
  return (
    <>
      <h1>Connecting {calendar.oauth_email ?? calendar.platform_email ?? 'your calendar'}</h1>
      <Problem error={error} />
      <Section title="Sync progress">
        <ol className="steps" aria-live="polite">
          <li><Badge value="done" /> Access granted on the consent page</li>
          {calendar.status_changes.map((s, i) => (
            <li key={i}>
              <Badge value={s.status} /> <time dateTime={s.created_at}>{time(s.created_at)}</time>
              {s.error_message && <span className="bad-text"> {s.error_code}: {s.error_message}</span>}
            </li>
          ))}
        </ol>
        <p role="status" id="sync-state" data-state={done ? 'synced' : calendar.status}>
          {done
            ? `First sync complete: ${data.events} events synced.`
            : calendar.status === 'disconnected'
              ? 'The calendar could not be connected.'
              : 'Waiting for the first sync…'}
        </p>
        {done && <a className="button" href={`#/calendars/${calendar.id}`}>Open the calendar</a>}
      </Section>
    </>
  );
}
