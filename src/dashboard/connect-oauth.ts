// The dashboard's "Connect a calendar": the provider OAuth flow run with the deployment's dashboard OAuth client
// (DASHBOARD_*_CLIENT_ID; the sandbox client in demo mode). The obtained refresh token becomes a V2 calendar.
// Provider URLs come from config, so the same code runs against the emulators' consent pages and the real ones.
import { decodeJwt } from 'jose';
import type { Config } from '../config/load.js';

export type Platform = 'google_calendar' | 'microsoft_outlook';
export const PLATFORMS: Platform[] = ['google_calendar', 'microsoft_outlook'];

export interface OAuthClient {
  client_id: string;
  client_secret: string;
}

const GOOGLE_SCOPES = 'openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/calendar.events.readonly';
const MICROSOFT_SCOPES = 'offline_access openid email User.Read https://graph.microsoft.com/Calendars.Read';

export function dashboardClient(config: Config, platform: Platform): OAuthClient | null {
  const [id, secret] =
    platform === 'google_calendar'
      ? [config.DASHBOARD_GOOGLE_CLIENT_ID, config.DASHBOARD_GOOGLE_CLIENT_SECRET]
      : [config.DASHBOARD_MICROSOFT_CLIENT_ID, config.DASHBOARD_MICROSOFT_CLIENT_SECRET];
  return id && secret ? { client_id: id, client_secret: secret } : null;
}

export const redirectUri = (config: Config): string => `${config.publicUrl}/api/dashboard/oauth/callback`;

export function authorizeUrl(config: Config, platform: Platform, client: OAuthClient, state: string): string {
  const google = platform === 'google_calendar';
  const u = new URL(google ? config.GOOGLE_OAUTH_AUTHORIZE_URL : `${config.MICROSOFT_LOGIN_URL}/common/oauth2/v2.0/authorize`);
  const params: Record<string, string> = google
    ? { scope: GOOGLE_SCOPES, access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' }
    : { scope: MICROSOFT_SCOPES, response_mode: 'query', prompt: 'consent' };
  for (const [k, v] of Object.entries({ ...params, response_type: 'code', state, redirect_uri: redirectUri(config), client_id: client.client_id })) {
    u.searchParams.set(k, v);
  }
  return u.toString();
}

export class ConnectError extends Error {}

/** Exchanges the authorization code; the email comes from the id_token (informational only). */
export async function exchangeCode(config: Config, platform: Platform, client: OAuthClient, code: string): Promise<{ refreshToken: string; email: string | null }> {
  const tokenUrl = platform === 'google_calendar' ? config.GOOGLE_OAUTH_TOKEN_URL : `${config.MICROSOFT_LOGIN_URL}/common/oauth2/v2.0/token`;
  const res = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(config), ...client }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({}))) as { refresh_token?: string; id_token?: string; error?: string; error_description?: string };
  if (!res.ok) throw new ConnectError(`${body.error ?? `HTTP ${res.status}`}${body.error_description ? `: ${body.error_description.split('\r\n')[0]}` : ''}`);
  if (!body.refresh_token) throw new ConnectError('refresh_token missing from oAuth response');
  let email: string | null = null;
  try {
    const claims = body.id_token ? decodeJwt(body.id_token) : {};
    email = ((claims.email ?? claims.preferred_username) as string | undefined) ?? null;
  } catch {
    email = null;
  }
  return { refreshToken: body.refresh_token, email };
}
