// Every scenario `npm run bench` knows. Add a scenario file and list it here.
import type { Scenario } from '../scenario.js';
import { api } from './api.js';
import { changeToWebhook } from './change-to-webhook.js';
import { dispatchBurst } from './dispatch-burst.js';
import { footprint } from './footprint.js';
import { syncIngest } from './sync-ingest.js';

export const scenarios: Scenario[] = [dispatchBurst, syncIngest, changeToWebhook, api, footprint];
