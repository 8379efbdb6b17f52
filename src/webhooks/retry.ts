// When the next attempt of a failed delivery is due: the configured schedule (one delay per attempt, the first
// being 0 = immediately), plus jitter, stretched by a receiver's Retry-After up to a cap.

export interface RetryPolicy {
  /** Seconds before each attempt; index 0 is the first attempt. */
  schedule: number[];
  jitterPercent: number;
  retryAfterMaxSeconds: number;
}

/**
 * Delay in ms before the attempt following attempt number `attemptsMade` (1-based), or null when the schedule is
 * exhausted and the delivery has failed.
 */
export function nextDelayMs(policy: RetryPolicy, attemptsMade: number, retryAfterSeconds: number | null, random = Math.random): number | null {
  if (attemptsMade >= policy.schedule.length) return null;
  const base = policy.schedule[attemptsMade] * 1000;
  const jittered = base + base * (policy.jitterPercent / 100) * random();
  const asked = retryAfterSeconds === null ? 0 : Math.min(retryAfterSeconds, policy.retryAfterMaxSeconds) * 1000;
  return Math.round(Math.max(jittered, asked));
}
