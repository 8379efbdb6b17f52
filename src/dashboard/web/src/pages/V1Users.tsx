// Calendar V1 users (GET /api/v1/calendar/users/ with the API key): external id, both connections, a summary
// of the recording preferences, and how many meetings will record (GET /meetings/ with each user's token).
import { useMemo, useState } from 'react';
import { Loading, Problem, Section, Stat } from '../components.js';
import { usePoll } from '../poll.js';
import { listV1Users, meetingsOf, preferenceSummary, type V1User } from '../v1-api.js';
import { Connections } from '../v1-components.js';

/** Meetings are counted for the first users only: each count is one request per user per refresh. */
const COUNTED = 50;
const PARALLEL = 4;

type Count = { recording: number; total: number } | Error;

async function load() {
  const users = await listV1Users();
  const counts = new Map<string, Count>();
  // A user without any connection has no meeting: no token is minted for it.
  const queue = users.slice(0, COUNTED).filter((u) => u.connections.some((c) => c.id));
  const worker = async () => {
    for (let u = queue.shift(); u; u = queue.shift()) {
      try {
        const meetings = await meetingsOf(u);
        counts.set(u.id, { recording: meetings.filter((m) => m.will_record).length, total: meetings.length });
      } catch (err) {
        counts.set(u.id, err as Error);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return { users, counts };
}

export function V1UsersPage() {
  const { data, error } = usePoll(load, [], 5000);
  const [q, setQ] = useState('');
  const users = useMemo(() => {
    const needle = q.trim().toLowerCase();
    if (!data || !needle) return data?.users ?? [];
    return data.users.filter((u) => [u.external_id, ...u.connections.map((c) => c.email ?? '')].some((s) => s.toLowerCase().includes(needle)));
  }, [data, q]);

  if (!data) return error ? <Problem error={error} /> : <Loading what="calendar users" />;
  const connected = data.users.filter((u) => u.connections.some((c) => c.connected)).length;
  const recording = [...data.counts.values()].reduce((n, c) => n + (c instanceof Error ? 0 : c.recording), 0);
  return (
    <>
      <h1>V1 users</h1>
      <p className="muted">
        Calendar V1 users of this workspace, as your app sees them through <code>/api/v1/calendar/</code>. Their calendars are not
        listed with the V2 calendars.
      </p>
      <Problem error={error} />
      <div className="stats">
        <Stat label="users" value={data.users.length} />
        <Stat label="with a connected calendar" value={connected} />
        <Stat label="meetings that will record" value={recording} />
      </div>
      <Section title="Users">
        {data.users.length === 0 ? (
          <p className="muted">
            No calendar user yet. Your app creates one with <code>POST /api/v1/calendar/authenticate/ {'{"user_id": …}'}</code> (docs/calendar-v1.md).
          </p>
        ) : (
          <>
            <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
              <label>Search <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="external id or email" /></label>
              <span className="muted small">{users.length} of {data.users.length} users</span>
            </form>
            <table>
              <thead>
                <tr><th>External id</th><th>Connections</th><th>Preferences</th><th>Will record</th></tr>
              </thead>
              <tbody>
                {users.map((u) => <UserRow key={u.id} user={u} count={data.counts.get(u.id)} counted={data.users.indexOf(u) < COUNTED} />)}
              </tbody>
            </table>
          </>
        )}
      </Section>
    </>
  );
}

function UserRow({ user, count, counted }: { user: V1User; count: Count | undefined; counted: boolean }) {
  let will;
  if (count instanceof Error) will = <span className="bad-text small">{count.message}</span>;
  else if (count) will = <><strong>{count.recording}</strong> <span className="muted small">of {count.total} meetings</span></>;
  else will = <span className="muted small">{counted ? 'no calendar' : 'not counted (open the user)'}</span>;
  return (
    <tr data-user-id={user.id}>
      <td><a href={`#/v1-users/${encodeURIComponent(user.id)}`}>{user.external_id}</a></td>
      <td><Connections list={user.connections} /></td>
      <td className="small">{preferenceSummary(user.preferences)}</td>
      <td className="will-record">{will}</td>
    </tr>
  );
}
