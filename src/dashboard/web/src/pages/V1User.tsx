// One Calendar V1 user, through its calendar token: connections, recording preferences (PATCH /user/) and the
// meetings with rollcall's decision, their bot and the per-meeting override (PUT /meetings/{id}/).
import { useMemo, useState, type FormEvent } from 'react';
import { Loading, Problem, Section } from '../components.js';
import { platformName, when } from '../format.js';
import { usePoll } from '../poll.js';
import { BASE_RULES, FILTERS, meetingsOf, patchPreferences, userOf, type V1Meeting, type V1Preferences, type V1User } from '../v1-api.js';
import { Connections, Decision, OverrideControl, calendarName } from '../v1-components.js';

async function load(id: string) {
  const [user, meetings] = await Promise.all([userOf({ id }), meetingsOf({ id })]);
  if (user.id !== id) throw new Error('The calendar token answered for another user.');
  return { user, meetings };
}

export function V1UserPage({ id }: { id: string }) {
  const { data, error, reload, update } = usePoll(() => load(id), [id], 3000);
  const [withLink, setWithLink] = useState(false);
  const [ended, setEnded] = useState(false);
  const meetings = useMemo(() => {
    const now = Date.now();
    return (data?.meetings ?? []).filter((m) => (!withLink || m.platform) && (ended || new Date(m.end_time).getTime() > now));
  }, [data, withLink, ended]);

  if (!data) return error ? <Problem error={error} /> : <Loading what="the calendar user" />;
  const { user } = data;
  const onMeeting = (m: V1Meeting) => {
    update((d) => ({ ...d, meetings: d.meetings.map((x) => (x.id === m.id ? m : x)) }));
    reload();
  };
  const onUser = (u: V1User) => {
    update((d) => ({ ...d, user: u }));
    reload(); // every upcoming meeting was re-evaluated
  };
  return (
    <>
      <p className="crumbs"><a href="#/">Overview</a> / <a href="#/v1-users">V1 users</a> / user</p>
      <h1>{user.external_id}</h1>
      <Problem error={error} />
      <Section title="Connections">
        <Connections list={user.connections} />
      </Section>
      <Preferences key={user.id} user={user} onSaved={onUser} />
      <Section title="Meetings">
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <label><input type="checkbox" checked={withLink} onChange={(e) => setWithLink(e.target.checked)} /> only with a meeting link</label>
          <label><input type="checkbox" checked={ended} onChange={(e) => setEnded(e.target.checked)} /> include ended</label>
          <span className="muted small">
            {meetings.length} of {data.meetings.length} meetings · {data.meetings.filter((m) => m.will_record).length} will record
          </span>
        </form>
        {meetings.length === 0 ? (
          <p className="muted">No meeting{data.meetings.length ? ' matches' : ' yet: they appear after the first sync of a connected calendar'}.</p>
        ) : (
          <table className="meetings">
            <thead>
              <tr><th>Starts</th><th>Meeting</th><th>Decision</th><th>Bot</th><th>Override</th></tr>
            </thead>
            <tbody>
              {meetings.map((m) => <MeetingRow key={m.id} userId={user.id} meeting={m} onChanged={onMeeting} />)}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}

function MeetingRow({ userId, meeting: m, onChanged }: { userId: string; meeting: V1Meeting; onChanged(m: V1Meeting): void }) {
  const past = new Date(m.end_time).getTime() < Date.now();
  return (
    <tr className={`meeting${past ? ' past' : ''}`} data-meeting-id={m.id} data-will-record={String(m.will_record)}>
      <td className="when">{when(m.start_time)}</td>
      <td>
        <a href={`#/v1-users/${encodeURIComponent(userId)}/meetings/${encodeURIComponent(m.id)}`}>{m.title || '(no title)'}</a>
        <div className="small muted">
          {m.platform ? platformName[m.platform] ?? m.platform : 'no meeting link'} · {calendarName(m.calendar_platform)}
        </div>
      </td>
      <td><Decision meeting={m} /></td>
      <td className="bot">{m.bot_id ? <a className="mono" href={`#/bots/${m.bot_id}`} title={m.bot_id}>{m.bot_id}</a> : <span className="muted">—</span>}</td>
      <td><OverrideControl userId={userId} meeting={m} onChanged={onChanged} /></td>
    </tr>
  );
}

type Flag = Exclude<keyof V1Preferences, 'id' | 'bot_name'>;

/** Each toggle is saved at once; the bot name with its button. */
function Preferences({ user, onSaved }: { user: V1User; onSaved(u: V1User): void }) {
  const [pending, setPending] = useState<Partial<V1Preferences> | null>(null);
  const [name, setName] = useState(user.preferences.bot_name);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const prefs = { ...user.preferences, ...pending };

  const save = async (patch: Partial<Omit<V1Preferences, 'id'>>, what: string) => {
    if (pending) return;
    setPending(patch);
    setError(null);
    setStatus('Saving…');
    try {
      const u = await patchPreferences(user, patch);
      setName(u.preferences.bot_name);
      onSaved(u);
      setStatus(`Saved: ${what}. Meetings re-evaluated.`);
    } catch (err) {
      setError(err as Error);
      setStatus('');
    } finally {
      setPending(null);
    }
  };
  const toggle = (key: Flag, label: string) => (
    <label key={key}>
      <input type="checkbox" name={key} checked={prefs[key]} aria-disabled={pending !== null} onChange={(e) => void save({ [key]: e.target.checked }, `${label} ${e.target.checked ? 'on' : 'off'}`)} />
      {label}
    </label>
  );
  const saveName = (e: FormEvent) => {
    e.preventDefault();
    void save({ bot_name: name.trim() }, 'bot name');
  };
  return (
    <Section title="Recording preferences">
      <div className="prefs">
        <fieldset>
          <legend>Record any of</legend>
          {BASE_RULES.map(([k, label]) => toggle(k, label))}
        </fieldset>
        <fieldset>
          <legend>But only</legend>
          {FILTERS.map(([k, label]) => toggle(k, label))}
        </fieldset>
      </div>
      <form className="row" onSubmit={saveName}>
        <label>Bot name <input value={name} onChange={(e) => setName(e.target.value)} minLength={1} maxLength={100} required /></label>
        <button type="submit" className="secondary" aria-disabled={pending !== null}>Save name</button>
        <span className="muted small" role="status">{status}</span>
      </form>
      <Problem error={error} />
    </Section>
  );
}
