// Small shared pieces: status badges, JSON blocks, loading and error states.
import type { ReactNode } from 'react';

const TONE: Record<string, string> = {
  connected: 'good', done: 'good', succeeded: 'good', in_call_recording: 'live', recording_done: 'good',
  connecting: 'busy', ready: 'idle', joining_call: 'busy', in_waiting_room: 'busy', in_call_not_recording: 'busy',
  call_ended: 'idle', pending: 'busy', disconnected: 'bad', fatal: 'bad', failed: 'bad', disabled: 'bad',
  will_record: 'live', not_recording: 'idle', not_connected: 'idle',
};

export function Badge({ value }: { value: string | null | undefined }) {
  const v = value ?? 'none';
  return <span className={`badge ${TONE[v] ?? 'idle'}`} data-status={v}>{v.replace(/_/g, ' ')}</span>;
}

export function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="json" tabIndex={0} aria-label={label}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

export function Problem({ error }: { error: Error | null }) {
  if (!error) return null;
  return <p className="problem" role="alert">{error.message}</p>;
}

export function Loading({ what }: { what: string }) {
  return <p className="muted" aria-live="polite">Loading {what}…</p>;
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card">
      <header className="card-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="stat">
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
