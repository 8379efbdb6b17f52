-- Bots: the Bot API's bots, their status history, what they are attached to (V2 calendar events, V1 meetings),
-- and the dispatch state the precise timer layer works on (docs/bots.md).

CREATE TABLE bots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  -- where the bot came from: the Bot API, V2 event scheduling, or V1 automatic recording
  source text NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'v2_event', 'v1_meeting')),
  -- the parsed meeting link: normalised URL, platform, identity parts
  meeting_url text NOT NULL,
  meeting_platform text NOT NULL,
  meeting_id text,
  meeting_password text,
  meeting_details jsonb NOT NULL DEFAULT '{}'::jsonb,
  bot_name text NOT NULL DEFAULT 'Meeting Notetaker',
  join_at timestamptz NOT NULL,
  -- every other Create Bot field, as given (passed to the runtime verbatim)
  config jsonb NOT NULL DEFAULT '{}'::jsonb,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- latest status code (Recall's values); the history is in bot_status_changes
  status text NOT NULL DEFAULT 'ready',
  -- dispatch: 'scheduled' (changeable) → 'launching' (claimed, being handed to the runtime) → 'dispatched'
  phase text NOT NULL DEFAULT 'scheduled' CHECK (phase IN ('scheduled', 'launching', 'dispatched')),
  -- join_at minus the runtime's start-up lead: when the bot is handed to its runtime
  dispatch_at timestamptz NOT NULL,
  -- the process that armed an in-process timer for this bot, until when that claim holds
  claimed_by text,
  claim_expires_at timestamptz,
  -- set when the bot leaves 'scheduled'; a launch whose lease passed is retried (same idempotency key)
  dispatched_at timestamptz,
  launch_expires_at timestamptz,
  launch_attempts integer NOT NULL DEFAULT 0,
  launched_at timestamptz,
  runtime text,
  -- the runtime's own id for the bot (e.g. the Recall bot id)
  runtime_ref text,
  -- V2/V1 deduplication key while scheduled (only scheduled bots group: a dispatched key starts a new bot)
  deduplication_key text,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE INDEX bots_workspace_join_idx ON bots (workspace_id, join_at, id);
CREATE INDEX bots_workspace_created_idx ON bots (workspace_id, created_at, id);
CREATE INDEX bots_due_idx ON bots (dispatch_at) WHERE phase = 'scheduled';
CREATE INDEX bots_launching_idx ON bots (launch_expires_at) WHERE phase = 'launching';
CREATE UNIQUE INDEX bots_dedup_key ON bots (workspace_id, deduplication_key) WHERE phase = 'scheduled' AND deduplication_key IS NOT NULL;
CREATE UNIQUE INDEX bots_runtime_ref_key ON bots (runtime, runtime_ref) WHERE runtime_ref IS NOT NULL;

CREATE TABLE bot_status_changes (
  id bigserial PRIMARY KEY,
  bot_id uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  code text NOT NULL,
  sub_code text,
  message text,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE INDEX bot_status_changes_bot_idx ON bot_status_changes (bot_id, created_at, id);

-- A bot serves V2 calendar events (event_id) or V1 meetings (meeting_id, no FK: the V1 tables come later).
CREATE TABLE bot_attachments (
  id bigserial PRIMARY KEY,
  bot_id uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  event_id uuid REFERENCES calendar_events (id) ON DELETE CASCADE,
  meeting_id uuid,
  deduplication_key text,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  CHECK ((event_id IS NULL) <> (meeting_id IS NULL))
);
CREATE UNIQUE INDEX bot_attachments_event_key ON bot_attachments (event_id, bot_id) WHERE event_id IS NOT NULL;
CREATE UNIQUE INDEX bot_attachments_meeting_key ON bot_attachments (meeting_id, bot_id) WHERE meeting_id IS NOT NULL;
CREATE INDEX bot_attachments_bot_idx ON bot_attachments (bot_id);

-- Why an event has no bot when the reason is not visible on the event itself (the client removed it, it was
-- unscheduled automatically, the runtime had no capacity). Overwritten by each scheduling outcome.
CREATE TABLE event_bot_notes (
  event_id uuid PRIMARY KEY REFERENCES calendar_events (id) ON DELETE CASCADE,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
