// Pure parts: the contract's signature test vector, the retry delay rule, the legacy bot payload.
import { describe, expect, it } from 'vitest';
import { Webhook as SvixWebhook } from 'svix';
import { bodyForEndpoint } from '../../src/webhooks/payload-format.js';
import { nextDelayMs } from '../../src/webhooks/retry.js';
import { parseRetryAfter } from '../../src/webhooks/sender.js';
import { sign, signatureHeader } from '../../src/webhooks/signing.js';

describe('signing', () => {
  it('matches the api-contract §6.5 test vector', () => {
    const secret = 'whsec_cm9sbGNhbGwtZXhhbXBsZS1zaWduaW5nLWtleS0zMmI=';
    const body = '{"event":"calendar.sync_events","data":{"calendar_id":"5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a","last_updated_ts":"2025-01-04T14:13:20.123000+00:00"}}';
    expect(sign(secret, 'msg_2hQ8bXkR4vLw9TnE6sYc1ZpA3uD', 1736000000, body)).toBe('v1,Nnccrw/rW9DL8lptxS5AHTW+HTwQiPJOKLrYkE/k9dw=');
    // svix computes the same value.
    expect(new SvixWebhook(secret).sign('msg_2hQ8bXkR4vLw9TnE6sYc1ZpA3uD', new Date(1736000000 * 1000), body)).toBe('v1,Nnccrw/rW9DL8lptxS5AHTW+HTwQiPJOKLrYkE/k9dw=');
    expect(signatureHeader([secret, secret], 'msg_x', 1, '{}').split(' ')).toHaveLength(2);
  });
});

describe('retry delays', () => {
  const policy = { schedule: [0, 5, 300, 1800, 7200, 18000, 36000, 36000], jitterPercent: 10, retryAfterMaxSeconds: 3600 };
  it('follows the schedule with bounded jitter and stops after the last attempt', () => {
    expect(nextDelayMs(policy, 1, null, () => 0)).toBe(5000);
    expect(nextDelayMs(policy, 1, null, () => 0.999)).toBeLessThanOrEqual(5500);
    expect(nextDelayMs(policy, 2, null, () => 0)).toBe(300_000);
    expect(nextDelayMs(policy, 7, null, () => 0)).toBe(36_000_000);
    expect(nextDelayMs(policy, 8, null)).toBeNull();
    const total = policy.schedule.reduce((a, b) => a + b, 0) / 3600;
    expect(total).toBeCloseTo(27.5, 0);
  });
  it('honours Retry-After above the schedule, up to the cap', () => {
    expect(nextDelayMs(policy, 1, 60, () => 0)).toBe(60_000);
    expect(nextDelayMs(policy, 1, 1, () => 0)).toBe(5000);
    expect(nextDelayMs(policy, 1, 999_999, () => 0)).toBe(3_600_000);
    expect(nextDelayMs(policy, 6, 999_999, () => 0)).toBe(36_000_000);
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThanOrEqual(29);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('legacy bot payload', () => {
  it('rewrites bot.<status> as bot.status_change for legacy endpoints only', () => {
    const body = '{"event":"bot.done","data":{"data":{"code":"done","sub_code":null,"updated_at":"2025-06-10T15:31:02.417000+00:00"},"bot":{"id":"b1","metadata":{}}}}';
    expect(bodyForEndpoint(body, 'bot.done', 'current')).toBe(body);
    expect(JSON.parse(bodyForEndpoint(body, 'bot.done', 'legacy'))).toEqual({
      event: 'bot.status_change',
      data: { bot_id: 'b1', status: { code: 'done', created_at: '2025-06-10T15:31:02.417000+00:00', message: null, sub_code: null } },
    });
    const cal = '{"event":"calendar.update","data":{"calendar_id":"c"}}';
    expect(bodyForEndpoint(cal, 'calendar.update', 'legacy')).toBe(cal);
  });
});
