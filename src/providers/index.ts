// Entry point of the provider adapters: the factory per platform and the public types.
import type { Config } from '../config/load.js';
import { createGoogleProvider } from './google/provider.js';
import type { ProviderHttpOptions } from './http.js';
import { createMicrosoftProvider } from './microsoft/provider.js';
import type { CalendarPlatform, CalendarProvider } from './provider.js';

export { createGoogleProvider } from './google/provider.js';
export { createMicrosoftProvider } from './microsoft/provider.js';
export type { ProviderHttpOptions } from './http.js';
export * from './provider.js';

export function providerFor(platform: CalendarPlatform, config: Config, opts: ProviderHttpOptions = {}): CalendarProvider {
  switch (platform) {
    case 'google_calendar':
      return createGoogleProvider(config, opts);
    case 'microsoft_outlook':
      return createMicrosoftProvider(config, opts);
  }
}
