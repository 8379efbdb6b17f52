// Webhooks: endpoints, their recent messages, each attempt (code, latency, response), and replay.
import { useState } from 'react';
import { Badge, Json, Loading, Problem, Section } from '../components.js';
import { time, when } from '../format.js';
import { usePoll } from '../poll.js';
import { listEndpoints, listMessages, messageDetail, replay, type EndpointMessage } from '../webhooks-api.js';

export function WebhooksPage() {
  const { data: endpoints, error } = usePoll(listEndpoints, [], 5000);
  const [selected, setSelected] = useState<string | null>(null);
  if (!endpoints) return error ? <Problem error={error} /> : <Loading what="webhook endpoints" />;
  const current = selected ?? endpoints[0]?.id ?? null;
  return (
    <>
      <h1>Webhooks</h1>
      <Problem error={error} />
      <Section title="Endpoints">
        {endpoints.length === 0 ? (
          <p className="muted">No endpoint. Create one with <code>POST /api/v2/webhook-endpoints/</code>.</p>
        ) : (
          <table>
            <thead><tr><th>URL</th><th>Events</th><th>State</th><th></th></tr></thead>
            <tbody>
              {endpoints.map((ep) => (
                <tr key={ep.id} aria-selected={ep.id === current}>
                  <td className="mono">{ep.url}</td>
                  <td>{ep.event_types?.length ? ep.event_types.join(', ') : 'all'}</td>
                  <td><Badge value={ep.disabled ? 'disabled' : 'enabled'} /></td>
                  <td><button type="button" className="secondary" onClick={() => setSelected(ep.id)} aria-pressed={ep.id === current}>Messages</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {current && <Messages endpointId={current} />}
    </>
  );
}

function Messages({ endpointId }: { endpointId: string }) {
  const { data, error, reload } = usePoll(() => listMessages(endpointId), [endpointId], 3000);
  const [open, setOpen] = useState<string | null>(null);
  if (!data) return error ? <Problem error={error} /> : <Loading what="messages" />;
  return (
    <Section title="Recent messages">
      <Problem error={error} />
      {data.length === 0 && <p className="muted">No message yet.</p>}
      <ul className="messages">
        {data.map((m) => (
          <li key={m.delivery_id} data-message-id={m.message_id}>
            <button type="button" className="message-head" aria-expanded={open === m.message_id} onClick={() => setOpen(open === m.message_id ? null : m.message_id)}>
              <span className="mono">{m.event}</span> <Badge value={m.status} /> <span className="muted">{when(m.message_created_at)} · {m.attempt_count} attempt{m.attempt_count === 1 ? '' : 's'} · {m.message_id}</span>
            </button>
            {open === m.message_id && <MessageDetail endpointId={endpointId} message={m} onReplayed={reload} />}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function MessageDetail({ endpointId, message, onReplayed }: { endpointId: string; message: EndpointMessage; onReplayed(): void }) {
  const { data: detail, error, reload } = usePoll(() => messageDetail(message.message_id), [message.message_id], 2000);
  const attempts = detail?.deliveries.find((d) => d.endpoint_id === endpointId)?.attempts ?? [];
  const [busy, setBusy] = useState(false);
  const [replayError, setReplayError] = useState<Error | null>(null);
  const [replayed, setReplayed] = useState(false);
  return (
    <div className="message-detail">
      <Json value={message.payload} label="message payload" />
      <table>
        <thead><tr><th>#</th><th>At</th><th>Result</th><th>Code</th><th>Latency</th><th>Response</th></tr></thead>
        <tbody>
          {attempts.map((a, i) => (
            <tr key={i} className="attempt" data-status={a.status}>
              <td>{a.attempt}</td>
              <td>{time(a.started_at)}</td>
              <td><Badge value={a.status} /></td>
              <td className="mono">{a.response_status ?? '—'}</td>
              <td>{a.duration_ms} ms</td>
              <td className="mono small">{(a.response_body ?? a.error ?? '').slice(0, 120)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Problem error={error ?? replayError} />
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setReplayError(null);
          try {
            await replay(message.message_id, endpointId);
            setReplayed(true);
            reload();
            onReplayed();
          } catch (err) {
            setReplayError(err as Error);
          } finally {
            setBusy(false);
          }
        }}
      >
        Replay
      </button>
      {replayed && <span className="muted" role="status"> Replay queued.</span>}
    </div>
  );
}
