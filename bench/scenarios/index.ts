// Every scenario `npm run bench` knows. Add a scenario file and list it here.
import type { Scenario } from '../scenario.js';

export const scenarios: Scenario[] = [];
