// Regenerates the committed artifacts that tests compare with the code: docs/configuration.md, docs/errors.md
// and docs/openapi.json.
import { writeFile } from 'node:fs/promises';
import { renderConfigurationDoc } from '../src/config/docs.js';
import { renderErrorsDoc } from '../src/errors-doc.js';
import { renderOpenApi } from './openapi-doc.js';

await writeFile('docs/configuration.md', renderConfigurationDoc());
await writeFile('docs/errors.md', renderErrorsDoc());
await writeFile('docs/openapi.json', await renderOpenApi());
process.stdout.write('wrote docs/configuration.md, docs/errors.md, docs/openapi.json\n');
