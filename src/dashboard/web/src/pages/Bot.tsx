// One bot: its status timeline as it happens, its configuration, and what the runtime reported.
import { api } from '../api.js';
import { Badge, Json, Loading, Problem, Section } from '../components.js';
import { relative, time, when } from '../format.js';
import { usePoll } from '../poll.js';
import { botStatus, type Bot } from '../types.js';

const TIMELINE_FIELDS = new Set(['id', 'status_changes', 'recordings', 'calendar_meetings']);
const RUNTIME_FIELDS = ['runtime', 'runtime_status', 'runtime_response', 'runtime_answers', 'dispatched_at', 'dispatch', 'recordings'];

export function BotPage({ id }: { id: string }) {
  const { data: bot, error } = usePoll(() => api<Bot>(`/api/v1/bot/${id}/`), [id], 1500);
  if (!bot) return error ? <Problem error={error} /> : <Loading what="the bot" />;
  const config = Object.fromEntries(Object.entries(bot).filter(([k]) => !TIMELINE_FIELDS.has(k) && !RUNTIME_FIELDS.includes(k)));
  const runtime = Object.fromEntries(Object.entries(bot).filter(([k]) => RUNTIME_FIELDS.includes(k)));
  return (
    <>
      <p className="crumbs"><a href="#/">Overview</a> / bot</p>
      <h1>{bot.bot_name} <Badge value={botStatus(bot)} /></h1>
      <p className="muted">Joins {when(bot.join_at)} ({relative(bot.join_at)})</p>
      <Problem error={error} />
      <Section title="Status timeline">
        <ol className="steps" aria-live="polite">
          {bot.status_changes.map((s, i) => (
            <li key={i} data-code={s.code}>
              <Badge value={s.code} /> <time dateTime={s.created_at}>{time(s.created_at)}</time>
              {s.sub_code && <span className="muted"> · {s.sub_code}</span>}
              {s.message && <span className="muted"> · {s.message}</span>}
            </li>
          ))}
        </ol>
      </Section>
      <Section title="Configuration">
        <Json value={config} label="bot configuration" />
      </Section>
      <Section title="Runtime">
        {Object.keys(runtime).length ? <Json value={runtime} label="runtime answers" /> : <p className="muted">The runtime has reported only the status changes above.</p>}
      </Section>
    </>
  );
}
