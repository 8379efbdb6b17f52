// Generated artifacts are committed; these fail when the code changed without `npm run gen:docs`.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderConfigurationDoc } from '../../src/config/docs.js';
import { renderErrorsDoc } from '../../src/errors-doc.js';
import { errorRegistry } from '../../src/errors.js';
import { variables } from '../../src/config/variables.js';
import { renderOpenApi } from '../../scripts/openapi-doc.js';

const HINT = 'out of date: run `npm run gen:docs`';

describe('generated docs', () => {
  it('docs/configuration.md equals the configuration table', async () => {
    const doc = await readFile('docs/configuration.md', 'utf8');
    expect(doc, HINT).toBe(renderConfigurationDoc());
    for (const name of Object.keys(variables)) expect(doc).toContain(`\`${name}\``);
  });

  it('docs/errors.md equals the error registry', async () => {
    const doc = await readFile('docs/errors.md', 'utf8');
    expect(doc, HINT).toBe(renderErrorsDoc());
    for (const code of Object.keys(errorRegistry)) expect(doc).toContain(`\`${code}\``);
  });

  it('docs/openapi.json equals the schema generated from the routes', async () => {
    expect(await readFile('docs/openapi.json', 'utf8'), HINT).toBe(await renderOpenApi());
  });
});
