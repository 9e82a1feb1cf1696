import { PaydownError, type Problem } from '../errors.js';
import { suggestionSuffix } from './did-you-mean.js';
import { locatePath, type PathSegment } from './locate-path.js';
import { readYamlDocuments, type YamlDocument } from './read-yaml.js';
import { manifestKinds, manifestSchemas, type ManifestKind } from './schema.js';
import type { SystemObject } from './system.js';
import { createValidator, type SchemaViolation } from './validate-document.js';

/** What one manifest file declares, and what is wrong in it. */
export interface ParsedManifestFile {
  readonly objects: SystemObject[];
  readonly problems: Problem[];
}

const validators = new Map(manifestKinds.map((kind) => [kind, createValidator(manifestSchemas[kind])]));

/**
 * Parses and validates every document of one manifest file. Never throws for bad input: YAML
 * and schema errors come back as problems with file, line and column.
 *
 * @example
 * const { objects, problems } = parseManifestFile('sources.yaml', 'kind: source\nid: clicks\n');
 */
export function parseManifestFile(file: string, text: string): ParsedManifestFile {
  const objects: SystemObject[] = [];
  const problems: Problem[] = [];
  let documents: YamlDocument[];
  try {
    documents = readYamlDocuments(text, file);
  } catch (error) {
    if (error instanceof PaydownError) return { objects, problems: [...error.problems] };
    throw error;
  }
  for (const document of documents) objects.push(...toObjects(document, file, text, problems));
  return { objects, problems };
}

function toObjects(document: YamlDocument, file: string, text: string, problems: Problem[]): SystemObject[] {
  const { value, position } = document;
  if (value === null || value === undefined) return [];
  const location = { file, line: position.line, column: position.column };
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ message: 'expected a mapping with `kind` and `id`, found ' + (Array.isArray(value) ? 'a list' : `a ${typeof value}`), location });
    return [];
  }
  const record = value as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== 'string') {
    problems.push({ message: `missing \`kind\`: expected one of ${manifestKinds.join(', ')}`, location });
    return [];
  }
  const validate = validators.get(kind as ManifestKind);
  if (!validate) {
    const where = locate(text, document.index, ['kind']) ?? location;
    problems.push({ message: `unknown kind '${kind}'${suggestionSuffix(kind, manifestKinds)}; expected one of ${manifestKinds.join(', ')}`, location: { ...where, file } });
    return [];
  }
  const violations = validate(value);
  if (violations.length > 0) {
    const label = typeof record.id === 'string' ? `${kind} '${record.id}'` : kind;
    for (const violation of violations) {
      const problem = toProblem(violation, file, text, document.index);
      problems.push({ ...problem, message: `${label}: ${problem.message}` });
    }
    return [];
  }
  const object = { kind, id: record.id, doc: value, location, documentIndex: document.index } as SystemObject;
  return [object];
}

/** Turns a schema violation into a problem pointing at the field. */
export function toProblem(violation: SchemaViolation, file: string, text: string, documentIndex: number): Problem {
  const where = locate(text, documentIndex, violation.path);
  const field = violation.path.length > 0 ? ` at ${violation.path.join('.')}` : '';
  return { message: `${violation.message}${field}`, location: { file, ...where } };
}

function locate(text: string, documentIndex: number, fieldPath: readonly PathSegment[]): { line: number; column: number } | undefined {
  return locatePath(text, documentIndex, fieldPath);
}
