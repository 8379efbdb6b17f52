// Resolves the runtime of a workspace: settings are read from the workspace (cached briefly) and one runtime
// instance is kept per distinct configuration, so a simulated runtime's timers live in one place per process.
import type { Deps } from '../deps.js';
import type { BotRuntime, StatusReporter } from './bot-runtime.js';
import { HttpRuntime } from './http/http-runtime.js';
import { RecallRuntime } from './recall/recall-runtime.js';
import { resolveRuntimeSettings, workspaceRuntimeSettings, type RuntimeSettings, type StoredRuntimeSettings } from './settings.js';
import { SimulatedRuntime } from './simulated/simulated-runtime.js';

const SETTINGS_TTL_MS = 2000;

export const HTTP_CALLBACK_PATH = '/api/v1/runtime-callbacks/http/';
export const RECALL_CALLBACK_PATH = '/api/v1/runtime-callbacks/recall/';

export class RuntimeRegistry {
  private readonly settingsCache = new Map<string, { at: number; settings: Promise<RuntimeSettings> }>();
  private readonly instances = new Map<string, BotRuntime>();
  /** The runtime of a cached settings object, so a burst of launches skips re-keying it per bot. */
  private readonly bySettings = new WeakMap<RuntimeSettings, BotRuntime>();

  constructor(
    private readonly deps: Deps,
    private readonly report: StatusReporter,
  ) {}

  async settingsFor(workspaceId: string): Promise<RuntimeSettings> {
    const hit = this.settingsCache.get(workspaceId);
    if (hit && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.settings;
    // One read per workspace however many bots ask at once (thousands can be due in the same second).
    const settings = workspaceRuntimeSettings(this.deps, this.deps.pool, workspaceId);
    this.settingsCache.set(workspaceId, { at: Date.now(), settings });
    settings.catch(() => this.settingsCache.delete(workspaceId));
    return settings;
  }

  /** Forget cached settings (after the workspace changed them in this process). */
  invalidate(workspaceId: string): void {
    this.settingsCache.delete(workspaceId);
  }

  async forWorkspace(workspaceId: string): Promise<BotRuntime> {
    const settings = await this.settingsFor(workspaceId);
    let rt = this.bySettings.get(settings);
    if (!rt) this.bySettings.set(settings, (rt = this.instance(settings)));
    return rt;
  }

  /** The runtime of a given kind with the default (environment) settings, e.g. to verify a callback. */
  defaultSettings(stored?: StoredRuntimeSettings): RuntimeSettings {
    return resolveRuntimeSettings(this.deps, stored);
  }

  instance(settings: RuntimeSettings): BotRuntime {
    const key = JSON.stringify(settings);
    let rt = this.instances.get(key);
    if (!rt) {
      const timeout = this.deps.config.BOT_LAUNCH_TIMEOUT_MS;
      const log = this.deps.log.child({ component: 'bot-runtime', runtime: settings.type });
      if (settings.type === 'http') rt = new HttpRuntime(settings, `${this.deps.config.publicUrl}${HTTP_CALLBACK_PATH}`, timeout);
      else if (settings.type === 'recall') rt = new RecallRuntime(settings, timeout);
      else rt = new SimulatedRuntime(settings, this.deps.pool, this.report, log);
      this.instances.set(key, rt);
    }
    return rt;
  }

  async close(): Promise<void> {
    for (const rt of this.instances.values()) await rt.close?.();
    this.instances.clear();
  }
}
