// Decrypting a calendar's OAuth credentials (stored encrypted; never logged).
import type { CalendarRow } from '../db/calendars.js';
import type { Deps } from '../deps.js';
import type { ProviderCredentials } from '../providers/provider.js';

export function calendarCredentials(deps: Pick<Deps, 'secrets'>, row: CalendarRow): ProviderCredentials {
  return {
    clientId: deps.secrets.decrypt(row.oauth_client_id_enc),
    clientSecret: deps.secrets.decrypt(row.oauth_client_secret_enc),
    refreshToken: deps.secrets.decrypt(row.oauth_refresh_token_enc),
  };
}
