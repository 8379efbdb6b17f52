-- Calendar V2: connected calendars (credentials encrypted at rest) and their synced events.

CREATE TABLE calendars (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  -- set for V1 connections (the V1 engineer's calendar users); no FK on purpose
  calendar_user_id uuid,
  platform text NOT NULL CHECK (platform IN ('google_calendar', 'microsoft_outlook')),
  oauth_client_id_enc text NOT NULL,
  oauth_client_secret_enc text NOT NULL,
  oauth_refresh_token_enc text NOT NULL,
  oauth_email text,
  webhook_url text,
  platform_email text,
  status text NOT NULL DEFAULT 'connecting' CHECK (status IN ('connecting', 'connected', 'disconnected')),
  -- [{status, created_at, error_code, error_message}], oldest first
  status_changes jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- bumped on every credential change, so a connect/sync started with older credentials cannot win
  credentials_version integer NOT NULL DEFAULT 1,
  -- cached provider access token
  access_token_enc text,
  access_token_expires_at timestamptz,
  -- incremental sync state (Google syncToken / Graph deltaLink) and the window it was established for
  sync_state text,
  sync_window_start timestamptz,
  sync_window_end timestamptz,
  -- the last updated_at stamped on this calendar's events (each sync batch uses a strictly greater one)
  last_events_ts timestamptz,
  -- push channel (Google watch channel / Graph subscription)
  push_channel_id text,
  push_resource_id text,
  push_secret_enc text,
  push_expires_at timestamptz,
  -- sync health
  last_sync_at timestamptz,
  last_full_sync_at timestamptz,
  last_sync_error text,
  last_sync_error_at timestamptz,
  next_sync_at timestamptz,
  -- provider asked us to wait (429 Retry-After / 5xx backoff): no provider request before this instant
  backoff_until timestamptz,
  consecutive_failures integer NOT NULL DEFAULT 0,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE INDEX calendars_workspace_idx ON calendars (workspace_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX calendars_email_idx ON calendars (workspace_id, lower(platform_email)) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX calendars_push_channel_key ON calendars (push_channel_id) WHERE push_channel_id IS NOT NULL;
CREATE INDEX calendars_push_expiry_idx ON calendars (push_expires_at) WHERE deleted_at IS NULL AND push_expires_at IS NOT NULL;
CREATE INDEX calendars_user_idx ON calendars (calendar_user_id) WHERE calendar_user_id IS NOT NULL;
CREATE INDEX calendars_next_sync_idx ON calendars (next_sync_at) WHERE deleted_at IS NULL AND status <> 'disconnected';
CREATE INDEX calendars_deleted_idx ON calendars (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE calendar_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  calendar_id uuid NOT NULL REFERENCES calendars (id) ON DELETE CASCADE,
  platform_id text NOT NULL,
  ical_uid text,
  start_time timestamptz NOT NULL,
  end_time timestamptz NOT NULL,
  is_all_day boolean NOT NULL DEFAULT false,
  meeting_url text,
  meeting_platform text,
  raw jsonb NOT NULL,
  -- md5 of the provider-derived content: an unchanged re-sync writes nothing
  content_hash text NOT NULL,
  is_deleted boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  CONSTRAINT calendar_events_calendar_platform_key UNIQUE (calendar_id, platform_id)
);
-- keyset indexes for the list filters (default order start_time, id)
CREATE INDEX calendar_events_ws_start_idx ON calendar_events (workspace_id, start_time, id);
CREATE INDEX calendar_events_cal_start_idx ON calendar_events (calendar_id, start_time, id);
CREATE INDEX calendar_events_cal_updated_idx ON calendar_events (calendar_id, updated_at, id);
CREATE INDEX calendar_events_ws_updated_idx ON calendar_events (workspace_id, updated_at, id);
CREATE INDEX calendar_events_ws_created_idx ON calendar_events (workspace_id, created_at, id);
CREATE INDEX calendar_events_ical_idx ON calendar_events (workspace_id, ical_uid text_pattern_ops);
CREATE INDEX calendar_events_end_idx ON calendar_events (end_time);
