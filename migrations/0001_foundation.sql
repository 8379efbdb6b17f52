-- Workspaces own every resource; API keys are stored only as SHA-256 hashes.
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE workspaces (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  -- per-workspace settings that are not secrets (runtime choice, V1 preset, allowlists, limits overrides)
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE UNIQUE INDEX workspaces_name_key ON workspaces (name);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  key_hash text NOT NULL UNIQUE,
  -- the first 6 characters, so an operator can tell keys apart without the key
  prefix text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_keys_workspace_idx ON api_keys (workspace_id, created_at, id);

-- Idempotency-Key records: replayed for 60 minutes; state 'in_flight' while the first request runs.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,               -- 'ws:<workspace id>' or 'user:<calendar user id>'
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  state text NOT NULL CHECK (state IN ('in_flight', 'done')),
  status_code integer,
  response_headers jsonb,
  response_body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
