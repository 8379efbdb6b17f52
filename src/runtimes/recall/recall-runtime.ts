// Recall.ai as the runtime: each bot is created with Recall's Create Bot API (`POST /api/v1/bot/` with `join_at`,
// `Idempotency-Key: <rollcall bot id>`); Recall's status webhooks come back to /api/v1/runtime-callbacks/recall/.
import type { BotRuntime, LaunchRequest, LaunchResult } from '../bot-runtime.js';
import { LaunchError } from '../bot-runtime.js';
import { httpCall, type HttpAnswer } from '../http-client.js';
import type { RuntimeSettings } from '../settings.js';

export class RecallRuntime implements BotRuntime {
  readonly kind = 'recall' as const;
  readonly dispatchLeadMs: number;

  constructor(
    private readonly settings: RuntimeSettings,
    private readonly timeoutMs: number,
  ) {
    this.dispatchLeadMs = settings.dispatchLeadMs;
  }

  private async call(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<{ status: number; json: Record<string, unknown> }> {
    const key = this.settings.recall.apiKey;
    if (!key) throw new LaunchError('the recall runtime has no API key configured (RECALL_API_KEY)', true);
    const headers: Record<string, string> = { authorization: `Token ${key}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let res: HttpAnswer;
    try {
      res = await httpCall(`${this.settings.recall.apiUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.timeoutMs,
      });
    } catch (err) {
      throw new LaunchError(`Recall unreachable: ${(err as Error).message}`);
    }
    const text = res.text;
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      /* not JSON */
    }
    return { status: res.status, json };
  }

  async launch(req: LaunchRequest): Promise<LaunchResult> {
    const body = {
      ...req.config,
      meeting_url: req.meetingUrl,
      bot_name: req.botName,
      join_at: req.joinAt.toISOString(),
      metadata: { ...req.metadata, rollcall_bot_id: req.botId },
    };
    const { status, json } = await this.call('POST', '/api/v1/bot/', body, req.botId);
    if ((status === 200 || status === 201) && typeof json.id === 'string') return { runtimeRef: json.id };
    // 409 (idempotency key in flight), 429, 5xx and 507 (no ad-hoc capacity) are worth another attempt.
    const retryable = status >= 500 || status === 409 || status === 429 || status === 408;
    throw new LaunchError(`Recall answered ${status}: ${JSON.stringify(json).slice(0, 200)}`, !retryable);
  }

  async cancel(bot: { botId: string; runtimeRef: string | null }): Promise<void> {
    if (!bot.runtimeRef) return;
    const path = `/api/v1/bot/${encodeURIComponent(bot.runtimeRef)}/`;
    const del = await this.call('DELETE', path);
    // Recall refuses DELETE once its bot was dispatched to the call: ask it to leave instead.
    if (del.status === 405 || del.status === 400) await this.call('POST', `${path}leave_call/`, {});
  }

  async hasCapacity(): Promise<boolean> {
    return true; // Recall keeps its own ad-hoc pool; its 507 is retried at launch
  }
}
