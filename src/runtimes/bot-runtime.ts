// The one interface every bot runtime implements (design decision 8): rollcall schedules and tracks bots; a
// runtime joins the meetings. Status changes flow back through the StatusReporter the runtime is built with.

export type RuntimeKind = 'simulated' | 'http' | 'recall';
export const RUNTIME_KINDS: readonly RuntimeKind[] = ['simulated', 'http', 'recall'];

/** What a runtime receives for one bot. `botId` doubles as the idempotency key: a retried launch must not create a second bot. */
export interface LaunchRequest {
  botId: string;
  workspaceId: string;
  meetingUrl: string;
  meetingPlatform: string;
  joinAt: Date;
  botName: string;
  metadata: Record<string, string | null>;
  /** Every other Create Bot field, as the client gave it. */
  config: Record<string, unknown>;
}

export interface LaunchResult {
  /** The runtime's own id for the bot (e.g. Recall's bot id), when it has one. */
  runtimeRef: string | null;
}

export interface StatusChange {
  code: string;
  subCode?: string | null;
  message?: string | null;
  at?: Date;
}

/** Records a status change of a bot (status_changes + `bot.*` webhook). */
export type StatusReporter = (botId: string, change: StatusChange) => Promise<void>;

/** A launch failure; `permanent` ones are not retried (the bot becomes `fatal`). */
export class LaunchError extends Error {
  constructor(message: string, readonly permanent = false) {
    super(message);
    this.name = 'LaunchError';
  }
}

export interface BotRuntime {
  readonly kind: RuntimeKind;
  /** How long before join_at a bot is handed to this runtime. */
  readonly dispatchLeadMs: number;
  launch(req: LaunchRequest): Promise<LaunchResult>;
  /** Ask a launched bot to leave (or a not-yet-joined one to stand down). */
  cancel(bot: { botId: string; runtimeRef: string | null }): Promise<void>;
  /** Whether an immediate join can be served now (false → 507). */
  hasCapacity(): Promise<boolean>;
  /** Stops timers and connections (process shutdown). */
  close?(): Promise<void>;
}
