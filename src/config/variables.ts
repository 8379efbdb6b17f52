// Every environment variable rollcall reads. docs/configuration.md is generated from this table and a test keeps
// the two equal (`npm run gen:docs` rewrites the page).
import { bool, flag, int, oneOf, optionalStr, optionalUrl, secondsList, str, url } from './define.js';

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

  // --- outbound webhooks
  WEBHOOK_TIMEOUT_MS: int({ group: 'Webhooks', default: 15000, min: 100, max: 120000, doc: 'How long one webhook attempt may take (connect, send, response) before it counts as failed.' }),
  WEBHOOK_RETRY_SCHEDULE: secondsList({
    group: 'Webhooks',
    default: [0, 5, 300, 1800, 7200, 18000, 36000, 36000],
    doc: 'Delay in seconds before each attempt of a webhook delivery, the first included (one entry per attempt); after the last failed attempt the delivery is marked failed.',
  }),
  WEBHOOK_RETRY_JITTER_PERCENT: int({ group: 'Webhooks', default: 10, min: 0, max: 50, doc: 'Random jitter added to each retry delay, as a percentage of that delay (0 = exact schedule).' }),
  WEBHOOK_RETRY_AFTER_MAX_SECONDS: int({ group: 'Webhooks', default: 3600, min: 0, doc: 'Cap on a receiver\'s `Retry-After`: a longer value is honoured only up to this many seconds (never shorter than the schedule).' }),
  WEBHOOK_DISABLE_AFTER_SECONDS: int({ group: 'Webhooks', default: 432000, min: 1, doc: 'A workspace endpoint whose attempts have all failed for this long (default 5 days) is disabled and a `webhook_endpoint.disabled` message is recorded.' }),
  WEBHOOK_SECRET_ROTATION_OVERLAP_SECONDS: int({ group: 'Webhooks', default: 86400, min: 0, doc: 'After a signing secret is rotated, requests carry signatures with both the new and the old secret for this long.' }),
  WEBHOOK_ALLOW_PRIVATE_URLS: bool({
    group: 'Webhooks',
    default: null,
    doc: 'Allow webhook deliveries to loopback, private, link-local, CGNAT, multicast and IPv6 local addresses (checked on every resolved address at connect time). Default: true in embedded mode (no `DATABASE_URL`), false otherwise.',
  }),

  // --- bots: dispatch and runtimes (docs/bots.md)
  BOT_RUNTIME: oneOf({ group: 'Bots', values: ['simulated', 'http', 'recall'] as const, default: 'simulated', doc: 'Bot runtime of workspaces that did not choose one (`PATCH /api/v2/workspace/bot-runtime/`).' }),
  BOT_DISPATCH_LEAD_MS: int({ group: 'Bots', default: 300000, min: 0, max: 3600000, doc: 'A bot is handed to its runtime this long before its `join_at` (the runtime\'s start-up lead; a workspace may set its own).' }),
  BOT_DISPATCH_MAX_EARLY_MS: int({ group: 'Bots', default: 10000, min: 0, max: 600000, doc: 'When many bots fall due around the same instant, a worker process starts launching them up to this long before they are due (spread at its measured launch rate) so that none is late; each still carries its exact `join_at`. A PATCH or DELETE that arrives within this window before a burst may find the bot already dispatched. 0 launches every bot at its due time.' }),
  BOT_ARM_HORIZON_MS: int({ group: 'Bots', default: 60000, min: 1000, max: 600000, doc: 'Bots due within this horizon are claimed by a worker process and armed as in-process timers.' }),
  BOT_ARM_INTERVAL_MS: int({ group: 'Bots', default: 2000, min: 100, max: 60000, doc: 'How often each worker process looks for bots to arm (changes to bots wake it at once).' }),
  BOT_SWEEP_INTERVAL_MS: int({ group: 'Bots', default: 250, min: 20, max: 10000, doc: 'How often each worker process fires due bots that no live process armed (their claim expired) and retries launches whose lease passed.' }),
  BOT_CLAIM_GRACE_MS: int({ group: 'Bots', default: 1000, min: 100, max: 60000, doc: 'An armed claim expires this long after the bot is due; then any process\'s sweep may fire it.' }),
  BOT_LAUNCH_CONCURRENCY: int({ group: 'Bots', default: 200, min: 1, max: 5000, doc: 'Launch requests to runtimes in flight at once per worker process.' }),
  BOT_LAUNCH_TIMEOUT_MS: int({ group: 'Bots', default: 30000, min: 1000, max: 600000, doc: 'One launch attempt may take this long; a launch not confirmed within it is retried with the same idempotency key.' }),
  BOT_LAUNCH_MAX_ATTEMPTS: int({ group: 'Bots', default: 5, min: 1, max: 50, doc: 'Launch attempts before the bot is marked `fatal` with sub_code `runner_unavailable`.' }),
  BOT_RUNTIME_HTTP_URL: optionalUrl({ group: 'Bots', doc: 'Default launch URL of the `http` runtime (signed POSTs; see docs/bots.md).' }),
  BOT_RUNTIME_HTTP_SECRET: optionalStr({ group: 'Bots', doc: 'Default signing secret (`whsec_…`) of the `http` runtime: signs launch requests and verifies status callbacks.' }),
  RECALL_API_URL: url({ group: 'Bots', default: 'https://us-east-1.recall.ai', doc: 'Recall.ai base URL for the `recall` runtime (`/api/v1/bot/` is appended).' }),
  RECALL_API_KEY: optionalStr({ group: 'Bots', doc: 'Default Recall.ai API key of the `recall` runtime.' }),
  RECALL_WEBHOOK_SECRET: optionalStr({ group: 'Bots', doc: 'Default Recall.ai webhook signing secret (`whsec_…`) verifying status webhooks at `/api/v1/runtime-callbacks/recall/`.' }),
  SIMULATED_BOT_POOL_SIZE: int({ group: 'Bots', default: 1000, min: 0, doc: 'Bots the `simulated` runtime runs at once; an immediate join beyond it answers 507.' }),
  SIMULATED_BOT_STEP_MS: int({ group: 'Bots', default: 2000, min: 0, doc: 'Simulated bots: time between `joining_call`, `in_waiting_room` and `in_call_recording`, and between `call_ended` and `done`.' }),
  SIMULATED_BOT_CALL_MS: int({ group: 'Bots', default: 60000, min: 0, doc: 'Simulated bots: time spent in `in_call_recording` before `call_ended`.' }),
  SIMULATED_BOT_FAILURE_PERCENT: int({ group: 'Bots', default: 0, min: 0, max: 100, doc: 'Simulated bots: share that end in `fatal` (sub_code `bot_errored`) instead of joining.' }),

  // --- calendar sync (V2 calendars)
  SYNC_WINDOW_PAST_DAYS: int({ group: 'Calendar sync', default: 1, min: 0, max: 60, doc: 'Events ending within this many days in the past are synced.' }),
  SYNC_WINDOW_FUTURE_DAYS: int({ group: 'Calendar sync', default: 28, min: 1, max: 365, doc: 'Events starting within this many days ahead are synced.' }),
  SYNC_DEBOUNCE_MS: int({ group: 'Calendar sync', default: 5000, min: 0, max: 600000, doc: 'A push notification starts a sync this long after it arrives; later notifications for the same calendar join that sync.' }),
  SYNC_SAFETY_NET_SECONDS: int({ group: 'Calendar sync', default: 3600, min: 1, doc: 'Incremental sync of every calendar at least this often, even without notifications (also detects revoked grants).' }),
  SYNC_POLL_SECONDS: int({ group: 'Calendar sync', default: 300, min: 1, doc: 'Incremental sync interval for a calendar that has no working push channel.' }),
  SYNC_FULL_SECONDS: int({ group: 'Calendar sync', default: 86400, min: 60, doc: 'Full reconciliation (complete listing of the window) of every calendar this often.' }),
  SYNC_WINDOW_ROLL_SECONDS: int({ group: 'Calendar sync', default: 3600, min: 1, doc: 'When the future edge of the window has advanced this far since the last listing, the newly covered slice is listed (events entering the window).' }),
  SYNC_RETENTION_DAYS: int({ group: 'Calendar sync', default: 60, min: 1, doc: 'Events that ended more than this many days ago are purged.' }),
  SYNC_MAX_BACKOFF_SECONDS: int({ group: 'Calendar sync', default: 900, min: 1, doc: 'Cap of the exponential backoff after transient provider failures (5xx, timeouts).' }),
  PUSH_ENABLED: flag({ group: 'Calendar sync', default: true, doc: 'Create provider push channels (Google watch, Graph subscriptions) delivering to `PUBLIC_URL`; when off, or when creation fails, calendars are polled every `SYNC_POLL_SECONDS`.' }),
  PUSH_GOOGLE_TTL_SECONDS: int({ group: 'Calendar sync', default: 604800, min: 1, doc: 'Lifetime requested for Google watch channels (Google may shorten it).' }),
  PUSH_MICROSOFT_TTL_SECONDS: int({ group: 'Calendar sync', default: 252000, min: 1, doc: 'Lifetime requested for Graph subscriptions (4,200 minutes by default).' }),
  PUSH_RENEW_BEFORE_SECONDS: int({ group: 'Calendar sync', default: 86400, min: 1, doc: 'Push channels are renewed when less than this much of their lifetime is left (capped at half the lifetime).' }),

  // --- providers (the emulators serve the same paths under their own base)
  GOOGLE_OAUTH_AUTHORIZE_URL: url({ group: 'Providers', default: 'https://accounts.google.com/o/oauth2/v2/auth', doc: 'Google OAuth authorization endpoint.' }),
  GOOGLE_OAUTH_TOKEN_URL: url({ group: 'Providers', default: 'https://oauth2.googleapis.com/token', doc: 'Google OAuth token endpoint.' }),
  GOOGLE_USERINFO_URL: url({ group: 'Providers', default: 'https://openidconnect.googleapis.com/v1/userinfo', doc: 'Google userinfo endpoint (account email).' }),
  GOOGLE_CALENDAR_API_URL: url({ group: 'Providers', default: 'https://www.googleapis.com/calendar/v3', doc: 'Google Calendar API v3 base URL.' }),
  MICROSOFT_LOGIN_URL: url({ group: 'Providers', default: 'https://login.microsoftonline.com', doc: 'Microsoft identity platform base (`/{tenant}/oauth2/v2.0/...` is appended).' }),
  MICROSOFT_GRAPH_URL: url({ group: 'Providers', default: 'https://graph.microsoft.com/v1.0', doc: 'Microsoft Graph base URL.' }),

  // --- Calendar V1 (hosted OAuth, browser clients)
  GOOGLE_OAUTH_CLIENT_ID: optionalStr({ group: 'Calendar V1', doc: 'Google OAuth client id of the `default` workspace\'s V1 connect flow (other workspaces: `PUT /api/v2/workspace/oauth-clients/google/` or `rollcall workspace oauth-client`). A client stored for the workspace takes precedence.' }),
  GOOGLE_OAUTH_CLIENT_SECRET: optionalStr({ group: 'Calendar V1', doc: 'Google OAuth client secret going with `GOOGLE_OAUTH_CLIENT_ID`.' }),
  MICROSOFT_OAUTH_CLIENT_ID: optionalStr({ group: 'Calendar V1', doc: 'Microsoft (Entra ID, multi-tenant) application id of the `default` workspace\'s V1 connect flow; a client stored for the workspace takes precedence.' }),
  MICROSOFT_OAUTH_CLIENT_SECRET: optionalStr({ group: 'Calendar V1', doc: 'Microsoft client secret going with `MICROSOFT_OAUTH_CLIENT_ID`.' }),
  CALENDAR_V1_CORS_ORIGINS: optionalStr({
    group: 'Calendar V1',
    doc: 'Browser origins allowed on `/api/v1/calendar/*`, comma-separated (echoed with `Vary: Origin`). Unset or `*`: any origin (`Access-Control-Allow-Origin: *`), the contract\'s default. A workspace can narrow it further for authenticated responses (`cors_origins` of its V1 settings).',
  }),

  // --- demo mode and the dashboard (docs/tour.md)
  ROLLCALL_SANDBOX: oneOf({
    group: 'Demo and dashboard',
    values: ['auto', 'on', 'off'] as const,
    default: 'auto',
    doc: 'Run the Google and Microsoft emulators in-process, point the provider URLs at them and seed a demo workspace once. `auto` = on when rollcall runs on its embedded PostgreSQL and no provider URL or dashboard OAuth client is configured.',
  }),
  ROLLCALL_SANDBOX_GOOGLE_PORT: int({ group: 'Demo and dashboard', default: 0, min: 0, max: 65535, doc: 'Port of the in-process Google emulator in sandbox mode (0 = any free port).' }),
  ROLLCALL_SANDBOX_MICROSOFT_PORT: int({ group: 'Demo and dashboard', default: 0, min: 0, max: 65535, doc: 'Port of the in-process Microsoft emulator in sandbox mode (0 = any free port).' }),
  DASHBOARD_GOOGLE_CLIENT_ID: optionalStr({ group: 'Demo and dashboard', doc: 'Google OAuth client the dashboard\'s "Connect a calendar" page uses (redirect URI `{PUBLIC_URL}/api/dashboard/oauth/callback`). Sandbox mode sets a sandbox client.' }),
  DASHBOARD_GOOGLE_CLIENT_SECRET: optionalStr({ group: 'Demo and dashboard', doc: 'Secret of `DASHBOARD_GOOGLE_CLIENT_ID`.' }),
  DASHBOARD_MICROSOFT_CLIENT_ID: optionalStr({ group: 'Demo and dashboard', doc: 'Microsoft OAuth client the dashboard\'s "Connect a calendar" page uses (same redirect URI). Sandbox mode sets a sandbox client.' }),
  DASHBOARD_MICROSOFT_CLIENT_SECRET: optionalStr({ group: 'Demo and dashboard', doc: 'Secret of `DASHBOARD_MICROSOFT_CLIENT_ID`.' }),
} as const;

export type Variables = typeof variables;
