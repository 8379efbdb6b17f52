// Renders docs/configuration.md from the variable table.
import { variables } from './variables.js';

export function renderConfigurationDoc(): string {
  const lines = [
    '# Configuration',
    '',
    'rollcall reads its configuration from the environment only, once, at start (`src/config/`). An invalid value',
    'stops the process with a message naming the variable. This page is generated from `src/config/variables.ts`',
    '(`npm run gen:docs`); a test fails when they differ.',
    '',
  ];
  const groups = new Map<string, [string, (typeof variables)[keyof typeof variables]][]>();
  for (const [name, v] of Object.entries(variables)) {
    groups.set(v.group, [...(groups.get(v.group) ?? []), [name, v]]);
  }
  for (const [group, entries] of groups) {
    lines.push(`## ${group}`, '', '| Variable | Default | Meaning |', '| --- | --- | --- |');
    for (const [name, v] of entries) {
      const def = v.defaultText === null ? '(unset)' : `\`${v.defaultText}\``;
      lines.push(`| \`${name}\` | ${def} | ${v.doc.replace(/\|/g, '\\|')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
