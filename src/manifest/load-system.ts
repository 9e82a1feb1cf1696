import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PaydownError, formatLocation, type Problem } from '../errors.js';
import { PROJECT_CONFIG_FILE, ProjectConfigSchema, type ProjectConfig } from '../check/project-config.js';
import { locatePath } from './locate-path.js';
import { ManifestTexts } from './manifest-texts.js';
import { ParseCache, configKnownValid, recordValidConfig, type DerivedCacheSlot } from './parse-cache.js';
import type { PositionMemo } from './position-memo.js';
import { parseManifestFile, toProblem, type ParsedManifestFile } from './parse-manifest-file.js';
import { readYamlDocuments } from './read-yaml.js';
import { listReferences } from './references.js';
import { systemFromObjects, type System, type SystemObject } from './system.js';
import { createValidator } from './validate-document.js';
import { resolveConfigs } from '../config/resolve-config.js';

/** A system together with the project config found beside its manifests. */
export interface LoadedSystem extends System {
  readonly config: ProjectConfig;
  /** The text of each manifest file, kept so findings can be pointed at exact fields. */
  readonly texts: ReadonlyMap<string, string>;
  /** The project config file and its text, when there is one (to point config errors at a line). */
  readonly configFile?: { readonly file: string; readonly text: string };
  /** Where fields were found in earlier runs, when loaded with the cache (see PositionMemo). */
  readonly positions?: PositionMemo;
  /** Where what is derived from these texts may be cached, when loaded with the cache (see buildGraph). */
  readonly derivedCache?: DerivedCacheSlot;
}

const validateConfig = createValidator(ProjectConfigSchema);

/** How to load a system. */
export interface LoadOptions {
  /**
   * Keep what each manifest file declares in `.paydown/cache/` under the system directory and
   * reuse it while the file's text is unchanged, together with whether the whole set of texts
   * and the project config were found valid, and where findings' fields were found (default
   * false; `paydown check` turns it on).
   */
  readonly cache?: boolean;
}

/**
 * Reads every YAML manifest under a directory (several files, several documents per file),
 * validates each document, and returns the declared system. All problems found are thrown
 * together as one PaydownError, each with file, line and column.
 *
 * @example
 * const system = await loadSystem('examples/ad-click');
 * console.log(system.models.map((model) => model.id));
 * const again = await loadSystem('examples/ad-click', { cache: true }); // reuses unchanged files
 */
export async function loadSystem(root: string, options: LoadOptions = {}): Promise<LoadedSystem> {
  await assertDirectory(root);
  const { config, configFile } = await loadProjectConfig(root, options.cache === true);
  const files = await listManifestFiles(root, config.exclude ?? []);
  if (files.length === 0) {
    throw new PaydownError('PAYDOWN_SYSTEM_EMPTY', `no manifest files (*.yaml, *.yml) found in ${root}`, [
      { message: 'expected at least one YAML manifest; run `paydown init` to write a starting system', location: { file: root } },
    ]);
  }
  const problems: Problem[] = [];
  const entries: ManifestBytes[] = [];
  for (const relative of files) {
    const file = path.join(root, relative);
    const bytes = await readBytes(file, problems);
    if (bytes !== undefined) entries.push({ file, bytes });
  }
  const cache = options.cache === true ? await ParseCache.open(root) : undefined;
  const texts = new ManifestTexts(entries.map(({ file, bytes }) => [file, bytes]));
  const parsed = entries.map(({ file, bytes }) => cache?.get(file, bytes) ?? parseManifestFile(file, texts.get(file)!));
  if (cache !== undefined) await Promise.all(entries.map(({ file, bytes }, index) => cache.save(file, bytes, parsed[index])));
  const known = cache !== undefined && problems.length === 0 && cache.wasClean(entries);
  const system = assembleSystem(root, texts, parsed, config, problems, known);
  if (cache !== undefined && !known) await cache.recordClean(entries);
  const positions = cache?.positions(entries);
  const derivedCache = cache?.derivedSlot(entries);
  return {
    ...system,
    ...(configFile === undefined ? {} : { configFile }),
    ...(positions === undefined ? {} : { positions }),
    ...(derivedCache === undefined ? {} : { derivedCache }),
  };
}

/** The bytes of one manifest file as read, before they are decoded. */
interface ManifestBytes {
  readonly file: string;
  readonly bytes: Uint8Array;
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
export function parseManifests(root: string, entries: readonly ManifestText[], config: ProjectConfig = {}): LoadedSystem {
  const parsed = entries.map(({ file, text }) => parseManifestFile(file, text));
  return assembleSystem(root, new Map(entries.map(({ file, text }) => [file, text])), parsed, config, []);
}

function assembleSystem(
  root: string,
  texts: ReadonlyMap<string, string>,
  parsed: readonly ParsedManifestFile[],
  config: ProjectConfig,
  earlier: readonly Problem[],
  knownClean = false,
): LoadedSystem {
  const problems: Problem[] = [...earlier];
  const objects: SystemObject[] = [];
  for (const file of parsed) {
    for (const object of file.objects) objects.push(object);
    for (const problem of file.problems) problems.push(problem);
  }
  if (objects.length === 0 && problems.length === 0) {
    throw new PaydownError('PAYDOWN_SYSTEM_EMPTY', `the manifests in ${root} declare nothing`, [
      { message: 'expected documents with a kind and an id', location: { file: root } },
    ]);
  }
  const byId = new Map<string, SystemObject>();
  const unique = rejectDuplicates(objects, byId, problems);
  if (!knownClean) rejectWrongKinds(unique, byId, texts, problems);
  const system = systemFromObjects(root, [...texts.keys()], unique, byId);
  if (problems.length === 0 && !knownClean) rejectUnresolvableConfigs(system, texts, problems);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new PaydownError('PAYDOWN_MANIFEST_INVALID', `the system in ${root} has ${count}`, problems);
  }
  return { ...system, config, texts };
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

async function loadProjectConfig(root: string, cache: boolean): Promise<{ config: ProjectConfig; configFile?: { file: string; text: string } }> {
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
  const known = cache && (await configKnownValid(root, text));
  const violations = known ? [] : validateConfig(value);
  if (violations.length > 0) {
    throw new PaydownError(
      'PAYDOWN_CONFIG_INVALID',
      `invalid ${file}`,
      violations.map((violation) => toProblem(violation, file, text, 0)),
    );
  }
  if (cache && !known) await recordValidConfig(root, text);
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

async function readBytes(file: string, problems: Problem[]): Promise<Uint8Array | undefined> {
  try {
    return await readFile(file);
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
      const where = locatePath(text, object.documentIndex, reference.path);
      problems.push({
        message: `${object.kind} '${object.id}': ${reference.path.join('.')} refers to ${kind} '${reference.target}', expected a ${reference.allowed.join(' or ')}`,
        location: { file: object.location.file, ...where },
      });
    }
  }
}

function rejectUnresolvableConfigs(system: System, texts: ReadonlyMap<string, string>, problems: Problem[]): void {
  for (const problem of resolveConfigs(system).problems) {
    const object = system.objects.get(problem.config);
    if (object === undefined) continue;
    const where = locatePath(texts.get(object.location.file) ?? '', object.documentIndex, problem.path);
    problems.push({ message: problem.message, location: { file: object.location.file, ...where } });
  }
}
