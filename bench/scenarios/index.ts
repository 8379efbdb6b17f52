// Every scenario `npm run bench` knows. Add a scenario file and list it here.
import type { Scenario } from '../scenario.js';
import { dispatchBurst } from './dispatch-burst.js';

export const scenarios: Scenario[] = [dispatchBurst];
