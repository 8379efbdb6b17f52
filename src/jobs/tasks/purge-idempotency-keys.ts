// Hourly: forget Idempotency-Key records older than the 60-minute replay window (and in-flight records whose
// request died with its process).
import { defineTask } from '../define.js';
import { purgeIdempotencyKeys } from '../../db/idempotency.js';

export const purgeIdempotencyKeysTask = defineTask<Record<string, never>>('purge_idempotency_keys', async (_payload, { deps, log }) => {
  const removed = await purgeIdempotencyKeys(deps.pool);
  log.debug({ removed }, 'idempotency keys purged');
});
