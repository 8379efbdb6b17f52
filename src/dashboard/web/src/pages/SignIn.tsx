// Sign in with an API key (checked against the API before it is kept) or with the one-time local link.
import { useState, type FormEvent } from 'react';
import { api, signIn } from '../api.js';

export async function exchangeLoginCode(code: string): Promise<void> {
  const r = await api<{ api_key: string; api_key_id: string }>('/api/dashboard/login', { method: 'POST', body: { code }, auth: false });
  signIn(r.api_key, r.api_key_id);
}

export function SignIn({ onSignedIn, initialError }: { onSignedIn(): void; initialError: string | null }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signIn(key.trim());
      await api('/api/v2/api-keys/?page_size=1');
      onSignedIn();
    } catch (err) {
      sessionStorage.clear();
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <h1>rollcall</h1>
      <p className="muted">Sign in with a workspace API key, or open the one-time link rollcall printed when it started.</p>
      <form onSubmit={submit}>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" name="api-key" type="password" autoComplete="off" required value={key} onChange={(e) => setKey(e.target.value)} autoFocus />
        <button type="submit" disabled={busy || !key.trim()}>Sign in</button>
      </form>
      {(error ?? initialError) && <p className="problem" role="alert">{error ?? initialError}</p>}
    </main>
  );
}
