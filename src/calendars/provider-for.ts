// The provider adapter for a calendar's platform, from the adapters' factory (src/providers/index.ts).
import type { Config } from '../config/load.js';
import { providerFor as adapterFor } from '../providers/index.js';
import type { CalendarPlatform, CalendarProvider } from '../providers/provider.js';

type Factory = (platform: CalendarPlatform, config: Config) => CalendarProvider;

let override: Factory | null = null;

/** Lets a benchmark or tool wrap the adapters (e.g. to count requests). */
export function setProviderFactoryOverride(f: Factory | null): void {
  override = f;
}

export async function providerFor(platform: CalendarPlatform, config: Config): Promise<CalendarProvider> {
  return override ? override(platform, config) : adapterFor(platform, config);
}
