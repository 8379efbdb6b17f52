// The operator's own launcher: rollcall POSTs signed JSON (Standard Webhooks headers, `Idempotency-Key: <bot id>`)
// to the configured URL; the launcher reports status changes to POST /api/v1/runtime-callbacks/http/ signed with
// the same secret (docs/bots.md "http runtime").
import type { BotRuntime, LaunchRequest, LaunchResult } from '../bot-runtime.js';
import { LaunchError } from '../bot-runtime.js';
import type { RuntimeSettings } from '../settings.js';
import { httpCall, type HttpAnswer } from '../http-client.js';
import { signedHeaders } from '../signature.js';

export class HttpRuntime implements BotRuntime {
  readonly kind = 'http' as const;
  readonly dispatchLeadMs: number;

  constructor(
    private readonly settings: RuntimeSettings,
    private readonly callbackUrl: string,
    private readonly timeoutMs: number,
  ) {
    this.dispatchLeadMs = settings.dispatchLeadMs;
  }

  private async post(kind: 'launch' | 'cancel', botId: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    const url = this.settings.http.url;
    if (!url) throw new LaunchError('the http runtime has no URL configured (BOT_RUNTIME_HTTP_URL)', true);
    const body = JSON.stringify({ type: kind, ...payload });
    let res: HttpAnswer;
    try {
      res = await httpCall(url, {
        method: 'POST',
        headers: { ...signedHeaders(this.settings.http.secret, `${kind}_${botId}`, body), 'idempotency-key': kind === 'launch' ? botId : `${kind}:${botId}` },
        body,
        timeoutMs: this.timeoutMs,
      });
    } catch (err) {
      throw new LaunchError(`http runtime unreachable: ${(err as Error).message}`);
    }
    const text = res.text;
    if (res.status >= 200 && res.status < 300) {
      try {
        return text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        return {};
      }
    }
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    throw new LaunchError(`http runtime answered ${res.status}`, !retryable);
  }

  async launch(req: LaunchRequest): Promise<LaunchResult> {
    const answer = await this.post('launch', req.botId, {
      bot_id: req.botId,
      idempotency_key: req.botId,
      workspace_id: req.workspaceId,
      meeting_url: req.meetingUrl,
      meeting_platform: req.meetingPlatform,
      join_at: req.joinAt.toISOString(),
      bot_name: req.botName,
      metadata: req.metadata,
      config: req.config,
      callback_url: this.callbackUrl,
    });
    const ref = answer.runtime_ref ?? answer.id;
    return { runtimeRef: typeof ref === 'string' && ref ? ref : null };
  }

  async cancel(bot: { botId: string; runtimeRef: string | null }): Promise<void> {
    await this.post('cancel', bot.botId, { bot_id: bot.botId, runtime_ref: bot.runtimeRef });
  }

  async hasCapacity(): Promise<boolean> {
    return true; // the launcher answers for its own capacity
  }
}
