// Every environment variable rollcall reads. docs/configuration.md is generated from this table and a test keeps
// the two equal (`npm run gen:docs` rewrites the page).
import { flag, int, oneOf, optionalStr, optionalUrl, str, url } from './define.js';

export const variables = {
  // --- server
  PORT: int({ group: 'Server', default: 3000, min: 0, max: 65535, doc: 'TCP port the HTTP API listens on (0 = any free port).' }),
  HOST: str({ group: 'Server', default: '0.0.0.0', doc: 'Interface the HTTP API binds to.' }),
  PUBLIC_URL: optionalUrl({
    group: 'Server',
    doc: 'The URL providers and browsers reach rollcall at (OAuth redirect URIs, push notification addresses, pagination links). Default `http://localhost:$PORT`; when unset, pagination links follow `X-Forwarded-Proto`/`X-Forwarded-Host` (if `TRUST_PROXY`) or `Host`.',
  }),
  TRUST_PROXY: flag({ group: 'Server', default: true, doc: 'Honour `X-Forwarded-Proto`/`X-Forwarded-Host` when building absolute URLs and `X-Forwarded-For` for client addresses.' }),
  BODY_LIMIT_BYTES: int({ group: 'Server', default: 1048576, min: 1024, doc: 'Largest request body accepted; larger bodies get 413 before they are read.' }),
  SHUTDOWN_TIMEOUT_MS: int({ group: 'Server', default: 10000, min: 0, doc: 'How long a SIGTERM/SIGINT waits for running requests and jobs before closing the database.' }),
  LOG_LEVEL: oneOf({ group: 'Server', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, default: 'info', doc: 'pino log level.' }),

  // --- storage
  DATABASE_URL: optionalStr({
    group: 'Storage',
    doc: 'PostgreSQL connection string. When unset, rollcall starts an embedded PostgreSQL server with its data under `ROLLCALL_DATA_DIR`.',
  }),
  ROLLCALL_DATA_DIR: str({ group: 'Storage', default: './.rollcall', doc: 'Directory for the embedded database, the generated encryption key and the first API key.' }),
  DATABASE_POOL_SIZE: int({ group: 'Storage', default: 10, min: 1, max: 200, doc: 'Connections in the main pool of each process.' }),
  ROLLCALL_ENCRYPTION_KEY: optionalStr({
    group: 'Storage',
    doc: 'Key(s) encrypting secrets at rest (AES-256-GCM): base64 of 32 bytes, or `id:base64,id:base64` where the first encrypts and all decrypt (rotation). Required with `DATABASE_URL`; generated into the data directory in embedded mode.',
  }),

  // --- jobs
  WORKER_CONCURRENCY: int({ group: 'Jobs', default: 8, min: 1, max: 100, doc: 'graphile-worker jobs run at once per worker process.' }),
  WORKER_POLL_INTERVAL_MS: int({ group: 'Jobs', default: 1000, min: 50, doc: 'graphile-worker poll interval (LISTEN/NOTIFY wakes it sooner).' }),

  // --- API behaviour
  RATE_LIMIT_ENABLED: flag({ group: 'API', default: true, doc: 'Apply the per-workspace rate limits of the API contract (429 with `Retry-After`).' }),
  RATE_LIMIT_MULTIPLIER: int({ group: 'API', default: 1, min: 1, max: 1000, doc: 'Multiply every published rate limit by this factor (for operators with bigger clients).' }),

  // --- providers (the emulators serve the same paths under their own base)
  GOOGLE_OAUTH_AUTHORIZE_URL: url({ group: 'Providers', default: 'https://accounts.google.com/o/oauth2/v2/auth', doc: 'Google OAuth authorization endpoint.' }),
  GOOGLE_OAUTH_TOKEN_URL: url({ group: 'Providers', default: 'https://oauth2.googleapis.com/token', doc: 'Google OAuth token endpoint.' }),
  GOOGLE_USERINFO_URL: url({ group: 'Providers', default: 'https://openidconnect.googleapis.com/v1/userinfo', doc: 'Google userinfo endpoint (account email).' }),
  GOOGLE_CALENDAR_API_URL: url({ group: 'Providers', default: 'https://www.googleapis.com/calendar/v3', doc: 'Google Calendar API v3 base URL.' }),
  MICROSOFT_LOGIN_URL: url({ group: 'Providers', default: 'https://login.microsoftonline.com', doc: 'Microsoft identity platform base (`/{tenant}/oauth2/v2.0/...` is appended).' }),
  MICROSOFT_GRAPH_URL: url({ group: 'Providers', default: 'https://graph.microsoft.com/v1.0', doc: 'Microsoft Graph base URL.' }),
} as const;

export type Variables = typeof variables;
