// Renders docs/errors.md from the registry.
import { errorRegistry } from './errors.js';

export function renderErrorsDoc(): string {
  const lines = [
    '# Errors',
    '',
    'Every error answer is JSON. Validation errors (400) use the envelope',
    '`{"code": "invalid_request_data", "message": "...", "errors": {"field": ["..."]}}`; all others are',
    '`{"detail": "...", "code": "..."}`. The `code` values below are stable. This page is generated from',
    '`src/errors.ts` (`npm run gen:docs`); a test fails when they differ.',
    '',
    '| Code | Status | Default message | When |',
    '| --- | --- | --- | --- |',
  ];
  for (const [code, spec] of Object.entries(errorRegistry)) {
    lines.push(`| \`${code}\` | ${spec.status} | ${spec.detail.replace(/\|/g, '\\|')} | ${spec.when.replace(/\|/g, '\\|')} |`);
  }
  lines.push('');
  return lines.join('\n');
}
