// Overview: calendars with status and sync health, the bots due next, webhook delivery health, counts.
import { listAll } from '../api.js';
import { Badge, Loading, Problem, Section, Stat } from '../components.js';
import { platformName, relative, when } from '../format.js';
import { usePoll } from '../poll.js';
import { botStatus, type Bot, type Calendar, type CalendarEvent } from '../types.js';
import { loadWebhookSummary, type WebhookSummary } from '../webhooks-api.js';

const CONTRACT_FIELDS = new Set(['id', 'oauth_client_id', 'oauth_client_secret', 'oauth_refresh_token', 'platform', 'webhook_url', 'oauth_email', 'platform_email', 'status', 'status_changes', 'created_at', 'updated_at']);

/** Sync-health extension fields: whatever the calendar carries beyond the contract's fields. */
export function syncHealth(c: Calendar): [string, unknown][] {
  return Object.entries(c).filter(([k, v]) => !CONTRACT_FIELDS.has(k) && v !== null && typeof v !== 'object');
}

interface OverviewData {
  calendars: Calendar[];
  events: CalendarEvent[];
  bots: Bot[];
  webhooks: WebhookSummary | null;
}

async function load(): Promise<OverviewData> {
  const now = Date.now();
  const [calendars, events, bots, webhooks] = await Promise.all([
    listAll<Calendar>('/api/v2/calendars/'),
    listAll<CalendarEvent>(`/api/v2/calendar-events/?is_deleted=false&start_time__gte=${new Date(now - 86_400_000).toISOString()}`, 10).catch(() => []),
    listAll<Bot>(`/api/v1/bot/?join_at_after=${new Date(now - 2 * 3_600_000).toISOString()}`, 5).catch(() => []),
    loadWebhookSummary().catch(() => null),
  ]);
  return { calendars, events, bots, webhooks };
}

export function Overview() {
  const { data, error } = usePoll(load, [], 3000);
  if (!data) return error ? <Problem error={error} /> : <Loading what="the overview" />;
  const now = Date.now();
  const upcoming = data.bots
    .filter((b) => b.join_at && new Date(b.join_at).getTime() > now - 3_600_000)
    .sort((a, b) => (a.join_at ?? '').localeCompare(b.join_at ?? ''))
    .slice(0, 8);
  const withLink = data.events.filter((e) => e.meeting_url).length;
  const withBot = data.events.filter((e) => e.bots.length > 0).length;
  return (
    <>
      <h1>Overview</h1>
      <Problem error={error} />
      <div className="stats">
        <Stat label="calendars" value={data.calendars.length} />
        <Stat label="events in window" value={data.events.length} />
        <Stat label="with a meeting link" value={withLink} />
        <Stat label="with a bot" value={withBot} />
        <Stat label="webhook deliveries failing" value={data.webhooks ? data.webhooks.failing : '—'} />
      </div>
      <Section title="Calendars" actions={<a className="button" href="#/connect">Connect a calendar</a>}>
        {data.calendars.length === 0 ? (
          <p className="muted">No calendar yet. <a href="#/connect">Connect one</a>.</p>
        ) : (
          <table>
            <thead>
              <tr><th>Account</th><th>Provider</th><th>Status</th><th>Sync health</th><th>Connected</th></tr>
            </thead>
            <tbody>
              {data.calendars.map((c) => (
                <tr key={c.id}>
                  <td><a href={`#/calendars/${c.id}`}>{c.platform_email ?? c.oauth_email ?? c.id}</a></td>
                  <td>{platformName[c.platform] ?? c.platform}</td>
                  <td><Badge value={c.status} /></td>
                  <td className="small">
                    {syncHealth(c).map(([k, v]) => (
                      <div key={k}>{k.replace(/_/g, ' ')}: {typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? relative(v) : String(v)}</div>
                    ))}
                    {c.status_changes.at(-1)?.error_message && <div className="bad-text">{c.status_changes.at(-1)?.error_message}</div>}
                  </td>
                  <td>{when(c.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Bots due next">
        {upcoming.length === 0 ? (
          <p className="muted">No bot scheduled. Open a meeting to schedule one.</p>
        ) : (
          <table>
            <thead>
              <tr><th>Bot</th><th>Joins</th><th>Status</th></tr>
            </thead>
            <tbody>
              {upcoming.map((b) => (
                <tr key={b.id}>
                  <td><a href={`#/bots/${b.id}`}>{b.bot_name}</a></td>
                  <td>{when(b.join_at)} <span className="muted">({relative(b.join_at)})</span></td>
                  <td><Badge value={botStatus(b)} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Webhook deliveries" actions={<a href="#/webhooks">Details</a>}>
        {data.webhooks ? (
          <div className="stats">
            <Stat label="endpoints" value={data.webhooks.endpoints} />
            <Stat label="recent messages" value={data.webhooks.messages} />
            <Stat label="delivered" value={data.webhooks.succeeded} />
            <Stat label="pending" value={data.webhooks.pending} />
            <Stat label="failing" value={data.webhooks.failing} />
          </div>
        ) : (
          <p className="muted">Webhook information is not available.</p>
        )}
      </Section>
    </>
  );
}
