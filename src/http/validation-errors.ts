// Turns AJV validation errors into Django REST Framework-style field errors, which Recall clients display.
import type { FastifySchemaValidationError } from 'fastify';
import type { FieldErrors } from '../errors.js';

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'dict' : typeof v;
}

function message(e: FastifySchemaValidationError & { data?: unknown }): string {
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'required':
      return 'This field is required.';
    case 'type': {
      const t = Array.isArray(p.type) ? p.type.find((x: string) => x !== 'null') : p.type;
      if (t === 'string') return 'Not a valid string.';
      if (t === 'integer') return 'A valid integer is required.';
      if (t === 'number') return 'A valid number is required.';
      if (t === 'boolean') return 'Must be a valid boolean.';
      if (t === 'object') return `Expected a dictionary of items but got type "${typeName(e.data)}".`;
      if (t === 'array') return `Expected a list of items but got type "${typeName(e.data)}".`;
      return `Must be of type ${t}.`;
    }
    case 'format':
      if (p.format === 'uuid') return 'Must be a valid UUID.';
      if (p.format === 'date-time') return 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';
      if (p.format === 'uri' || p.format === 'url') return 'Enter a valid URL.';
      if (p.format === 'email') return 'Enter a valid email address.';
      return `Enter a valid ${p.format}.`;
    case 'enum':
    case 'const':
      return `"${String(e.data)}" is not a valid choice.`;
    case 'maxLength':
      return `Ensure this field has no more than ${p.limit} characters.`;
    case 'minLength':
      return p.limit === 1 ? 'This field may not be blank.' : `Ensure this field has at least ${p.limit} characters.`;
    case 'maxItems':
      return `Ensure this field has no more than ${p.limit} elements.`;
    case 'minItems':
      return `Ensure this field has at least ${p.limit} elements.`;
    case 'minimum':
      return `Ensure this value is greater than or equal to ${p.limit}.`;
    case 'maximum':
      return `Ensure this value is less than or equal to ${p.limit}.`;
    case 'pattern':
      return 'This value does not match the required pattern.';
    default:
      return e.message ?? 'Invalid value.';
  }
}

function setPath(target: FieldErrors, path: string[], msg: string): void {
  let node: FieldErrors = target;
  for (let i = 0; i < path.length - 1; i++) {
    const existing = node[path[i]];
    if (!existing || Array.isArray(existing)) node[path[i]] = {};
    node = node[path[i]] as FieldErrors;
  }
  const leaf = path[path.length - 1];
  const current = node[leaf];
  if (Array.isArray(current)) {
    if (!current.includes(msg)) current.push(msg);
  } else if (!current) {
    node[leaf] = [msg];
  }
}

export function toFieldErrors(errors: FastifySchemaValidationError[]): FieldErrors {
  const out: FieldErrors = {};
  // Prefer specific messages: anyOf/oneOf summaries only when nothing else was reported for that field.
  const specific = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
  for (const e of specific.length ? specific : errors) {
    const path = e.instancePath.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'required') path.push(String((e.params as { missingProperty: string }).missingProperty));
    if (path.length === 0) {
      setPath(out, ['non_field_errors'], e.keyword === 'type' ? `Invalid data. Expected a dictionary, but got ${typeName((e as any).data)}.` : message(e));
    } else {
      setPath(out, path, message(e));
    }
  }
  return out;
}
