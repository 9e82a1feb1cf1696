import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PaydownError, formatLocation, type Problem } from '../errors.js';
import { PROJECT_CONFIG_FILE, ProjectConfigSchema, type ProjectConfig } from '../check/project-config.js';
import { suggestionSuffix } from './did-you-mean.js';
import { locatePath, type PathSegment } from './locate-path.js';
import { readYamlDocuments, type YamlDocument } from './read-yaml.js';
import { listReferences } from './references.js';
import { manifestKinds, manifestSchemas, type ManifestKind } from './schema.js';
import { systemFromObjects, type System, type SystemObject } from './system.js';
import { createValidator, type SchemaViolation } from './validate-document.js';

/** A system together with the project config found beside its manifests. */
export interface LoadedSystem extends System {
  readonly config: ProjectConfig;
  /** The text of each manifest file, kept so findings can be pointed at exact fields. */
  readonly texts: ReadonlyMap<string, string>;
  /** The project config file and its text, when there is one (to point config errors at a line). */
  readonly configFile?: { readonly file: string; readonly text: string };
}

const validators = new Map(manifestKinds.map((kind) => [kind, createValidator(manifestSchemas[kind])]));
const validateConfig = createValidator(ProjectConfigSchema);

/**
 * Reads every YAML manifest under a directory (several files, several documents per file),
 * validates each document, and returns the declared system. All problems found are thrown
 * together as one PaydownError, each with file, line and column.
 *
 * @example
 * const system = await loadSystem('examples/ad-click');
 * console.log(system.models.map((model) => model.id));
 */
export async function loadSystem(root: string): Promise<LoadedSystem> {
  await assertDirectory(root);
  const { config, configFile } = await loadProjectConfig(root);
  const files = await listManifestFiles(root, config.exclude ?? []);
  if (files.length === 0) {
    throw new PaydownError('PAYDOWN_SYSTEM_EMPTY', `no manifest files (*.yaml, *.yml) found in ${root}`, [
      { message: 'expected at least one YAML manifest; run `paydown init` to write a starting system', location: { file: root } },
    ]);
  }
  const problems: Problem[] = [];
  const entries: ManifestText[] = [];
  for (const relative of files) {
    const file = path.join(root, relative);
    const text = await readText(file, problems);
    if (text !== undefined) entries.push({ file, text });
  }
  const system = parseManifests(root, entries, config, problems);
  return configFile === undefined ? system : { ...system, configFile };
}

/** The text of one manifest file and the name to report it under. */
export interface ManifestText {
  readonly file: string;
  readonly text: string;
}

/**
 * Builds a system from manifest texts already in memory (the pure half of `loadSystem`).
 * Throws one PaydownError listing every problem, including any passed in.
 *
 * @example
 * const system = parseManifests('.', [{ file: 'system.yaml', text: 'kind: source\nid: clicks\n' }]);
 */
export function parseManifests(root: string, entries: readonly ManifestText[], config: ProjectConfig = {}, earlier: readonly Problem[] = []): LoadedSystem {
  const problems: Problem[] = [...earlier];
  const objects: SystemObject[] = [];
  const texts = new Map<string, string>();
  for (const { file, text } of entries) {
    texts.set(file, text);
    let documents: YamlDocument[];
    try {
      documents = readYamlDocuments(text, file);
    } catch (error) {
      if (error instanceof PaydownError) {
        problems.push(...error.problems);
        continue;
      }
      throw error;
    }
    for (const document of documents) objects.push(...toObjects(document, file, text, problems));
  }
  if (objects.length === 0 && problems.length === 0) {
    throw new PaydownError('PAYDOWN_SYSTEM_EMPTY', `the manifests in ${root} declare nothing`, [
      { message: 'expected documents with a kind and an id', location: { file: root } },
    ]);
  }
  const byId = new Map<string, SystemObject>();
  const unique = rejectDuplicates(objects, byId, problems);
  rejectWrongKinds(unique, byId, texts, problems);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new PaydownError('PAYDOWN_MANIFEST_INVALID', `the system in ${root} has ${count}`, problems);
  }
  return { ...systemFromObjects(root, [...texts.keys()], unique, byId), config, texts };
}

async function assertDirectory(root: string): Promise<void> {
  try {
    const info = await stat(root);
    if (info.isDirectory()) return;
  } catch (error) {
    throw new PaydownError('PAYDOWN_SYSTEM_NOT_FOUND', `system directory not found: ${root}`, [
      { message: 'expected the folder holding the YAML manifests; run `paydown init` to write a starting system', location: { file: root } },
    ], { cause: error });
  }
  throw new PaydownError('PAYDOWN_SYSTEM_NOT_FOUND', `not a directory: ${root} (expected the folder holding the manifests)`, [
    { message: 'expected a directory, found a file', location: { file: root } },
  ]);
}

async function loadProjectConfig(root: string): Promise<{ config: ProjectConfig; configFile?: { file: string; text: string } }> {
  const file = path.join(root, PROJECT_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {} };
    throw new PaydownError('PAYDOWN_CONFIG_INVALID', `cannot read ${file}`, [{ message: unreadable(error), location: { file } }]);
  }
  const [document] = readYamlDocuments(text, file);
  const value = document?.value ?? {};
  const violations = validateConfig(value);
  if (violations.length > 0) {
    throw new PaydownError(
      'PAYDOWN_CONFIG_INVALID',
      `invalid ${file}`,
      violations.map((violation) => toProblem(violation, file, text, 0)),
    );
  }
  return { config: value, configFile: { file, text } };
}

async function listManifestFiles(root: string, exclude: readonly string[]): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const excluded = exclude.map((entry) => path.normalize(entry).replace(/\/$/, ''));
  const files: string[] = [];
  for (const entry of entries) {
    if (!/\.ya?ml$/.test(entry.name) || !(entry.isFile() || entry.isSymbolicLink() || entry.isDirectory())) continue;
    const relative = path.relative(root, path.join(entry.parentPath, entry.name));
    const parts = relative.split(path.sep);
    if (parts.some((part) => part.startsWith('.') || part === 'node_modules')) continue;
    if (relative === PROJECT_CONFIG_FILE) continue;
    if (excluded.some((prefix) => relative === prefix || relative.startsWith(`${prefix}/`))) continue;
    files.push(relative);
  }
  return files.sort();
}

async function readText(file: string, problems: Problem[]): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    problems.push({ message: unreadable(error), location: { file } });
    return undefined;
  }
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  const reasons: Record<string, string> = {
    EISDIR: 'it is a directory',
    ENOENT: 'it does not exist; is it a dangling symbolic link?',
    EACCES: 'permission denied',
    ELOOP: 'too many symbolic links',
  };
  const reason = reasons[code];
  return reason === undefined ? `cannot read the file (${code})` : `cannot read the file (${code}: ${reason})`;
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

function toProblem(violation: SchemaViolation, file: string, text: string, documentIndex: number): Problem {
  const where = locate(text, documentIndex, violation.path);
  const field = violation.path.length > 0 ? ` at ${violation.path.join('.')}` : '';
  return { message: `${violation.message}${field}`, location: { file, ...where } };
}

function locate(text: string, documentIndex: number, fieldPath: readonly PathSegment[]): { line: number; column: number } | undefined {
  return locatePath(text, documentIndex, fieldPath);
}

function rejectDuplicates(objects: readonly SystemObject[], seen: Map<string, SystemObject>, problems: Problem[]): SystemObject[] {
  const unique: SystemObject[] = [];
  for (const object of objects) {
    const first = seen.get(object.id);
    if (first) {
      const at = formatLocation(first.location);
      problems.push({ message: `duplicate id '${object.id}': ${object.kind} here, ${first.kind} already declared at ${at}`, location: object.location });
      continue;
    }
    seen.set(object.id, object);
    unique.push(object);
  }
  return unique;
}

function rejectWrongKinds(objects: readonly SystemObject[], byId: ReadonlyMap<string, SystemObject>, texts: ReadonlyMap<string, string>, problems: Problem[]): void {
  for (const object of objects) {
    for (const reference of listReferences(object)) {
      const kind = byId.get(reference.target)?.kind;
      if (kind === undefined || reference.allowed.includes(kind)) continue;
      const text = texts.get(object.location.file) ?? '';
      const where = locate(text, object.documentIndex, reference.path);
      problems.push({
        message: `${object.kind} '${object.id}': ${reference.path.join('.')} refers to ${kind} '${reference.target}', expected a ${reference.allowed.join(' or ')}`,
        location: { file: object.location.file, ...where },
      });
    }
  }
}
