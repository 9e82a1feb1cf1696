import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import { suggestionSuffix } from './did-you-mean.js';
import type { PathSegment } from './locate-path.js';

/** One schema violation: where in the document, and what was expected. */
export interface SchemaViolation {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/**
 * Validates plain data against a TypeBox schema and explains each violation in words a person
 * can act on (unknown fields with a suggestion, expected types, allowed values). The schema is
 * compiled on first use, so commands that never validate do not pay for it.
 *
 * @example
 * const validate = createValidator(SourceSchema);
 * validate({ kind: 'source', id: 'x', ownr: 'me' }); // [{ path: ['ownr'], message: "unknown field 'ownr' (did you mean 'owner'?)" }]
 */
export function createValidator(schema: TSchema): (value: unknown) => SchemaViolation[] {
  let validate: ValidateFunction | undefined;
  return (value) => {
    validate ??= compile(schema);
    return validate(value) ? [] : explain(validate, schema);
  };
}

let shared: Ajv | undefined;

/** Ajv's optimisation passes cost more at start-up than they save on manifest-sized documents. */
const AJV_OPTIONS = { allErrors: true, strict: false, code: { optimize: false } } as const;

function compile(schema: TSchema): ValidateFunction {
  const AjvClass = ajvClass();
  shared ??= new AjvClass(AJV_OPTIONS);
  try {
    return shared.compile(schema);
  } catch {
    return new AjvClass(AJV_OPTIONS).compile(schema);
  }
}

const requireFromHere = createRequire(import.meta.url);
let loadedAjv: typeof Ajv | undefined;

/** Ajv, loaded on first compile: a repeated check served from the parse cache may validate nothing. */
function ajvClass(): typeof Ajv {
  loadedAjv ??= (requireFromHere('ajv') as { Ajv: typeof Ajv }).Ajv;
  return loadedAjv;
}

function explain(validate: ValidateFunction, schema: TSchema): SchemaViolation[] {
  const errors = validate.errors ?? [];
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const violations: SchemaViolation[] = [];
  for (const [instancePath, list] of byPath) {
    const path = toPath(instancePath);
    const unknown = list.filter((error) => error.keyword === 'additionalProperties');
    for (const error of unknown) {
      const field = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(propertiesAt(schema, error.schemaPath));
      violations.push({ path: [...path, field], message: `unknown field '${field}'${suggestionSuffix(field, known)}` });
    }
    if (unknown.length > 0) continue;
    const required = list.filter((error) => error.keyword === 'required');
    for (const error of required) {
      const field = String((error.params as { missingProperty: string }).missingProperty);
      violations.push({ path, message: `missing required field '${field}'` });
    }
    if (required.length > 0) continue;
    violations.push({ path, message: describeValue(list) });
  }
  return dropShadowed(violations);
}

function describeValue(list: readonly ErrorObject[]): string {
  const constants = list
    .filter((error) => error.keyword === 'const')
    .map((error) => JSON.stringify((error.params as { allowedValue: unknown }).allowedValue));
  if (constants.length > 0) return `expected one of ${constants.join(', ')}`;
  const types = [...new Set(list.filter((error) => error.keyword === 'type').map((error) => String((error.params as { type: string }).type)))];
  const specific = list.find((error) => !['type', 'anyOf', 'oneOf', 'const'].includes(error.keyword));
  if (specific && types.length === 0) return specific.message ?? 'invalid value';
  if (types.length > 0) return `expected ${types.join(' or ')}`;
  return specific?.message ?? 'invalid value';
}

function dropShadowed(violations: SchemaViolation[]): SchemaViolation[] {
  const keys = violations.map((violation) => violation.path.join('/'));
  return violations.filter((violation, index) => {
    const key = keys[index] ?? '';
    const isUnionSummary = violation.message.startsWith('must match');
    const hasDeeper = keys.some((other, otherIndex) => otherIndex !== index && other.startsWith(`${key}/`));
    return !(isUnionSummary && hasDeeper);
  });
}

function toPath(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function propertiesAt(schema: TSchema, schemaPath: string): Record<string, unknown> {
  const segments = schemaPath.replace(/^#\/?/, '').split('/').filter((segment) => segment !== '');
  segments.pop();
  let node: unknown = schema;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return {};
    node = (node as Record<string, unknown>)[segment];
  }
  const properties = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ?? {};
}
