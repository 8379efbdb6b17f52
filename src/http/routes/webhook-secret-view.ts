// How a signing secret is shown: the current secret, and the previous one while a rotation still signs with it.
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../deps.js';
import { restDate } from '../format.js';
import { Nullable } from '../schemas.js';

export const EndpointSecret = Type.Object({
  secret: Type.String(),
  previous_secret: Nullable(Type.String()),
  previous_secret_expires_at: Nullable(Type.String()),
});

export function renderSecret(deps: Deps, row: { secret: string; previous_secret: string | null; previous_secret_expires_at: Date | null }) {
  const overlapping = row.previous_secret !== null && row.previous_secret_expires_at !== null && row.previous_secret_expires_at > new Date();
  return {
    secret: deps.secrets.decrypt(row.secret),
    previous_secret: overlapping ? deps.secrets.decrypt(row.previous_secret!) : null,
    previous_secret_expires_at: overlapping ? restDate(row.previous_secret_expires_at) : null,
  };
}
