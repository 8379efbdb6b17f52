// What every role, route and job receives: built once in main.ts (or a test), never from globals.
import type { Config } from './config/load.js';
import type { SecretBox } from './crypto/secret-box.js';
import type { Pool } from './db/pool.js';
import type { Metrics } from './observability/metrics.js';
import type { Logger } from './observability/logger.js';

export interface Deps {
  config: Config;
  log: Logger;
  pool: Pool;
  secrets: SecretBox;
  metrics: Metrics;
}
