-- Calendar V1: calendar users (with their recording preferences), per-meeting overrides, the hosted OAuth flow's
-- server-side state, the workspaces' OAuth clients and calendar-token secrets (encrypted at rest).
-- A V1 connection is a `calendars` row with calendar_user_id set; its meetings are that calendar's events.

CREATE TABLE calendar_users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  external_id text NOT NULL,
  -- the read-only `preferences.id` of the wire format
  preferences_id uuid NOT NULL DEFAULT gen_random_uuid(),
  record_non_host boolean NOT NULL DEFAULT false,
  record_recurring boolean NOT NULL DEFAULT false,
  record_external boolean NOT NULL DEFAULT false,
  record_internal boolean NOT NULL DEFAULT false,
  record_confirmed boolean NOT NULL DEFAULT false,
  record_only_host boolean NOT NULL DEFAULT false,
  bot_name text NOT NULL DEFAULT 'Meeting Notetaker',
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE UNIQUE INDEX calendar_users_external_key ON calendar_users (workspace_id, external_id);
CREATE INDEX calendar_users_created_idx ON calendar_users (workspace_id, created_at, id);

-- Deleting a user first deletes its calendars through the calendar service (push channels stopped); the FK only
-- guarantees no calendar points at a user that is gone.
ALTER TABLE calendars
  ADD CONSTRAINT calendars_calendar_user_fk FOREIGN KEY (calendar_user_id) REFERENCES calendar_users (id) ON DELETE SET NULL;
-- At most one live connection per user and platform.
CREATE UNIQUE INDEX calendars_user_platform_key ON calendars (calendar_user_id, platform)
  WHERE calendar_user_id IS NOT NULL AND deleted_at IS NULL;

-- Per meeting (= calendar event of a V1 connection): the user's override, and the bot key rollcall last
-- scheduled for it, so a bot deleted through the Bot API is not re-created until the meeting's time or link
-- changes (api-contract §3.8).
CREATE TABLE calendar_meeting_states (
  event_id uuid PRIMARY KEY REFERENCES calendar_events (id) ON DELETE CASCADE,
  calendar_user_id uuid NOT NULL REFERENCES calendar_users (id) ON DELETE CASCADE,
  override_should_record boolean,
  bot_key text,
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE INDEX calendar_meeting_states_user_idx ON calendar_meeting_states (calendar_user_id);

-- V1 meetings a bot serves are calendar events (bot_attachments.meeting_id was left without FK for this).
ALTER TABLE bot_attachments
  ADD CONSTRAINT bot_attachments_meeting_fk FOREIGN KEY (meeting_id) REFERENCES calendar_events (id) ON DELETE CASCADE;

-- OAuth URLs built by rollcall (GET /api/v1/calendar/oauth-url/) carry a nonce in `state`; the nonce's row holds
-- the PKCE verifier and is consumed by the first callback that presents it (no replay, no tampering).
CREATE TABLE calendar_oauth_states (
  nonce_hash text PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  calendar_user_id uuid NOT NULL REFERENCES calendar_users (id) ON DELETE CASCADE,
  platform text NOT NULL CHECK (platform IN ('google', 'microsoft')),
  redirect_uri text NOT NULL,
  -- SHA-256 of the state's fields as issued: a state edited on its way back is refused
  state_digest text NOT NULL,
  code_verifier_enc text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE INDEX calendar_oauth_states_expiry_idx ON calendar_oauth_states (expires_at);

-- The workspace's OAuth clients for the hosted V1 flow.
CREATE TABLE workspace_oauth_clients (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider IN ('google', 'microsoft')),
  client_id_enc text NOT NULL,
  client_secret_enc text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  PRIMARY KEY (workspace_id, provider)
);

-- HS256 secret signing the workspace's calendar auth tokens; replacing it invalidates every token.
CREATE TABLE calendar_token_secrets (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  secret_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
