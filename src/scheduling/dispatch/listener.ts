// LISTEN rollcall_bots on a dedicated connection: every change to a bot (create, PATCH, delete, reschedule) is
// announced there, so armed timers learn of it at once. On a lost connection it reconnects and asks for a full
// rescan, since notifications sent meanwhile are gone.
import pg from 'pg';
import type { Pool } from '../../db/pool.js';
import type { Logger } from '../../observability/logger.js';

export const BOT_CHANNEL = 'rollcall_bots';

export class BotChangeListener {
  private client: pg.Client | null = null;
  private stopped = false;

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
    private readonly onChange: (botId: string) => void,
    private readonly onReconnect: () => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ ...this.pool.options, application_name: 'rollcall-dispatch-listen' } as pg.ClientConfig);
    client.on('notification', (n) => {
      if (n.channel === BOT_CHANNEL && n.payload) this.onChange(n.payload);
    });
    client.on('error', (err) => {
      this.log.warn({ err }, 'dispatch listener connection lost; reconnecting');
      void this.restart();
    });
    await client.connect();
    await client.query(`LISTEN ${BOT_CHANNEL}`);
    this.client = client;
  }

  private async restart(): Promise<void> {
    const old = this.client;
    this.client = null;
    await old?.end().catch(() => undefined);
    while (!this.stopped) {
      try {
        await this.start();
        this.onReconnect();
        return;
      } catch (err) {
        this.log.warn({ err }, 'dispatch listener reconnect failed');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }
}
