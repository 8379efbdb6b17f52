// Pieces shared by the Calendar V1 pages: a user's connections, a meeting's recording decision, and the
// tri-state override (Record / Don't record / Follow preferences) sent as PUT /meetings/{id}/.
import { useState } from 'react';
import { Badge } from './components.js';
import { setOverride, type V1Connection, type V1Meeting } from './v1-api.js';

export const calendarName = (p: string) => (p === 'google' ? 'Google' : p === 'microsoft' ? 'Microsoft' : p);

/** Never connected, connected, or connected once and now failing (email and id kept, api-contract §3.4). */
export const connectionState = (c: V1Connection) => (c.connected ? 'connected' : c.id ? 'disconnected' : 'not_connected');

export function Connections({ list }: { list: V1Connection[] }) {
  return (
    <ul className="plain connections">
      {list.map((c) => (
        <li key={c.platform} data-platform={c.platform}>
          {calendarName(c.platform)} <Badge value={connectionState(c)} /> {c.email && <span>{c.email}</span>}
        </li>
      ))}
    </ul>
  );
}

export function Decision({ meeting }: { meeting: V1Meeting }) {
  return (
    <span className="decision">
      <Badge value={meeting.will_record ? 'will_record' : 'not_recording'} /> <span className="small">{meeting.will_record_reason}</span>
    </span>
  );
}

const CHOICES: [boolean | null, string][] = [
  [true, 'Record'],
  [false, 'Don’t record'],
  [null, 'Follow preferences'],
];

/**
 * Buttons with `aria-pressed` rather than radios: arrowing through a radio group would send a PUT per step.
 * While a change is in flight the buttons stay focusable (aria-disabled) so keyboard focus is not lost.
 */
export function OverrideControl({ userId, meeting, onChanged }: { userId: string; meeting: V1Meeting; onChanged(m: V1Meeting): void }) {
  const [pending, setPending] = useState<boolean | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const shown = pending === undefined ? meeting.override_should_record : pending;
  const choose = async (value: boolean | null) => {
    if (pending !== undefined || value === meeting.override_should_record) return;
    setPending(value);
    setError(null);
    try {
      onChanged(await setOverride({ id: userId }, meeting.id, value));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setPending(undefined);
    }
  };
  return (
    <div className="override">
      <div className="segmented" role="group" aria-label={`Recording override for ${meeting.title || '(no title)'}`} aria-busy={pending !== undefined}>
        {CHOICES.map(([value, label]) => (
          <button key={label} type="button" aria-pressed={shown === value} aria-disabled={pending !== undefined} onClick={() => void choose(value)}>
            {label}
          </button>
        ))}
      </div>
      {error && <p className="bad-text small" role="alert">{error}</p>}
    </div>
  );
}
