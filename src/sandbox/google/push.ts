// events.watch channels and their push notifications: `sync` right after watch, then `exists` after changes
// (coalesced per account), with increasing message numbers, until channels.stop or expiry. Notification faults
// drop, duplicate or reorder deliveries.
import type { Logger } from 'pino';
import type { FaultRegistry } from '../shared/faults.js';
import type { GoogleState } from './state.js';
import type { Channel } from './types.js';

interface Message {
  channel: Channel;
  state: 'sync' | 'exists' | 'not_exists';
  number: number;
}

export class PushHub {
  private pending = new Map<string, NodeJS.Timeout>();
  /** A message held back by a reorder fault, delivered after the next one. */
  private held = new Map<string, { msg: Message; timer: NodeJS.Timeout }>();
  private inflight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly state: GoogleState,
    private readonly faults: FaultRegistry,
    private readonly logger: Logger | undefined,
    private readonly coalesceMs = 25,
  ) {}

  /** Send the initial `sync` message of a new channel. */
  started(channel: Channel): void {
    this.deliver({ channel, state: 'sync', number: ++channel.messageNumber });
  }

  /** Something in the account's calendar changed: notify its live channels soon (once per burst). */
  changed(email: string): void {
    if (this.closed || this.pending.has(email)) return;
    const t = setTimeout(() => {
      this.pending.delete(email);
      this.notifyNow(email);
    }, this.coalesceMs);
    this.pending.set(email, t);
  }

  notifyNow(email: string, state: 'exists' | 'not_exists' = 'exists'): number {
    let sent = 0;
    for (const ch of [...this.state.channels.values()]) {
      if (ch.account !== email) continue;
      if (ch.expiration <= Date.now()) {
        this.state.channels.delete(ch.id);
        continue;
      }
      this.dispatch({ channel: ch, state, number: ++ch.messageNumber });
      sent++;
    }
    return sent;
  }

  private dispatch(msg: Message): void {
    const fault = this.faults.forNotification(msg.channel.account);
    if (fault === 'drop_notifications') return;
    if (fault === 'reorder_notifications' && !this.held.has(msg.channel.id)) {
      // Deliver after the next message on this channel, or on its own after a while if none comes.
      const timer = setTimeout(() => this.flushHeld(msg.channel.id), 2000);
      timer.unref();
      this.held.set(msg.channel.id, { msg, timer });
      return;
    }
    this.deliver(msg);
    if (fault === 'duplicate_notifications') this.deliver(msg);
    this.flushHeld(msg.channel.id);
  }

  private flushHeld(channelId: string): void {
    const h = this.held.get(channelId);
    if (!h) return;
    clearTimeout(h.timer);
    this.held.delete(channelId);
    this.deliver(h.msg);
  }

  private deliver(msg: Message): void {
    if (this.closed) return;
    const ch = msg.channel;
    const headers: Record<string, string> = {
      'X-Goog-Channel-ID': ch.id,
      'X-Goog-Channel-Expiration': new Date(ch.expiration).toUTCString(),
      'X-Goog-Resource-ID': ch.resourceId,
      'X-Goog-Resource-URI': ch.resourceUri,
      'X-Goog-Resource-State': msg.state,
      'X-Goog-Message-Number': String(msg.number),
    };
    if (ch.token !== undefined) headers['X-Goog-Channel-Token'] = ch.token;
    const p = fetch(ch.address, { method: 'POST', headers, signal: AbortSignal.timeout(10_000) })
      .then(async (res) => {
        await res.arrayBuffer().catch(() => undefined);
        this.logger?.debug({ channel: ch.id, state: msg.state, number: msg.number, status: res.status }, 'google push delivered');
      })
      .catch((err: unknown) => {
        this.logger?.warn({ channel: ch.id, state: msg.state, err: String(err) }, 'google push failed');
      })
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.pending.values()) clearTimeout(t);
    for (const h of this.held.values()) clearTimeout(h.timer);
    this.pending.clear();
    this.held.clear();
    await Promise.allSettled([...this.inflight]);
  }
}
