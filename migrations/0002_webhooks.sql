-- Outbound webhooks: endpoints, the per-workspace signing secret, the message outbox, one delivery per
-- (message, destination) with its own retry clock, and every attempt. Secrets are stored encrypted.

CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- empty = every event type
  event_types text[] NOT NULL DEFAULT '{}',
  -- 'current' (bot.<status> with data.data/data.bot) or 'legacy' (bot.status_change)
  bot_payload_format text NOT NULL DEFAULT 'current' CHECK (bot_payload_format IN ('current', 'legacy')),
  disabled boolean NOT NULL DEFAULT false,
  disabled_reason text,
  secret text NOT NULL,
  -- the secret before the last rotation, still used to sign until previous_secret_expires_at
  previous_secret text,
  previous_secret_expires_at timestamptz,
  -- start of the current run of failed attempts; null after any success
  failing_since timestamptz,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE INDEX webhook_endpoints_workspace_idx ON webhook_endpoints (workspace_id, created_at, id);

CREATE TABLE webhook_workspace_secrets (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  secret text NOT NULL,
  previous_secret text,
  previous_secret_expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);

-- The outbox: written in the transaction of the change it reports. body is the exact JSON sent.
CREATE TABLE webhook_messages (
  id text PRIMARY KEY,                 -- msg_ + 27 alphanumerics; the webhook-id on the wire
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  event text NOT NULL,
  body text NOT NULL,
  calendar_id uuid,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE INDEX webhook_messages_workspace_idx ON webhook_messages (workspace_id, created_at, id);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id text NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  -- a workspace endpoint, or null for a calendar's own webhook_url (then url holds it)
  endpoint_id uuid REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  url text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- when the next attempt is due; while an attempt runs, the end of its lease (a crashed sender's attempt is
  -- retried once the lease passes)
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE UNIQUE INDEX webhook_deliveries_endpoint_key ON webhook_deliveries (message_id, endpoint_id) WHERE endpoint_id IS NOT NULL;
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at, id);
CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_message_idx ON webhook_deliveries (message_id);

CREATE TABLE webhook_attempts (
  id bigserial PRIMARY KEY,
  delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
  started_at timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  response_status integer,
  -- the first bytes of the response body (truncated)
  response_body text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id);
