// The Google emulator for benchmarks: accounts through its control API (one call each), events seeded in bulk
// through its in-process event service (the control API would cost 10–25 s per 10,000 events).
import { startGoogleEmulator, type GoogleEmulator } from '../../src/sandbox/google/server.js';
import { sandboxEnv } from '../../src/sandbox/index.js';
import { CONTROL_PREFIX, type CreatedAccount } from '../../src/sandbox/shared/control-types.js';

export { startGoogleEmulator, type GoogleEmulator };

/** rollcall's provider URLs pointing at the Google emulator (Microsoft is not used by the benchmarks). */
export const googleEnv = (g: GoogleEmulator): Record<string, string> => sandboxEnv(g.url, 'http://127.0.0.1:9');

export async function createAccount(g: GoogleEmulator, email: string): Promise<CreatedAccount> {
  const res = await fetch(`${g.url}${CONTROL_PREFIX}/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (res.status >= 300) throw new Error(`create account ${email}: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedAccount;
}

/** `n` meetings with a Zoom link and two guests, spread over the next 27 days (inside the default sync window). */
export function seedEvents(g: GoogleEmulator, email: string, n: number, seed = 0): string[] {
  const base = Math.ceil((Date.now() + 3_600_000) / 60_000) * 60_000;
  const step = Math.max(1, Math.floor((27 * 86_400_000) / n / 60_000)) * 60_000;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const start = base + i * step;
    const ev = g.events.create(email, {
      summary: `Meeting ${seed}-${i}`,
      description: 'Agenda: review the numbers, decide the next steps.',
      start: new Date(start).toISOString(),
      end: new Date(start + 30 * 60_000).toISOString(),
      conferenceUrl: `https://zoom.us/j/${8_000_000_000 + seed * 100_000 + i}`,
      attendees: [{ email: `guest${i % 7}@example.com` }, { email: `peer${i % 11}@example.org` }],
    });
    ids.push(ev.id);
  }
  return ids;
}
