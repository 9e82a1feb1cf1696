import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ProjectConfigSchema } from '../check/project-config.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import type { ParsedManifestFile } from './parse-manifest-file.js';
import { PositionMemo } from './position-memo.js';
import { manifestKinds, manifestSchemas } from './schema.js';
import type { SystemObject } from './system.js';

/** Where the cache lives, inside the system directory. */
export const PARSE_CACHE_DIRECTORY = path.join('.paydown', 'cache');

/** Bump when what a cached file holds, or how manifests are read, changes. */
const CACHE_FORMAT = 1;

/** Bump when the checks made on a whole system (reference kinds, config resolution) change. */
const VERDICT_FORMAT = 1;

/** Where the key of the last set of texts found free of whole-system problems is kept. */
const VERDICT_FILE = 'clean-system';

/** Where the key of the last project config text found valid is kept. */
const VALID_CONFIG_FILE = 'valid-config';

/** One cached manifest file: the objects it declares, valid for exactly this text under this schema. */
interface CacheEntry {
  readonly format: number;
  readonly stamp: string;
  readonly file: string;
  readonly size: number;
  readonly hash: string;
  readonly objects: readonly CachedObject[];
}

type CachedObject = [kind: string, id: string, doc: unknown, line: number | undefined, column: number | undefined, documentIndex: number];

/**
 * Remembers what each manifest file declares, keyed by its path, size and a hash of its text
 * (and by the schema), so a repeated `paydown check` reads JSON instead of parsing and
 * validating YAML. Only files without problems are cached; a file whose text changed, or a
 * different schema, misses. The cache is an optimisation only: unreadable, corrupt or
 * unwritable cache files are ignored.
 *
 * @example
 * const cache = await ParseCache.open('examples/ad-click');
 * const parsed = cache.get(file, text) ?? parseManifestFile(file, text);
 * await cache.save(file, text, parsed);
 */
export class ParseCache {
  readonly #root: string;
  readonly #directory: string;
  readonly #entries: ReadonlyMap<string, CacheEntry>;
  readonly #stamp: string;
  /** The key of the set of texts last found free of whole-system problems, if any. */
  readonly #clean: string | undefined;
  /** Files served from the cache in this run: nothing to write for them. */
  readonly #hits = new Set<string>();
  /** The hash of each text looked up in this run. */
  readonly #hashes = new Map<string, string>();
  #prepared: Promise<void> | undefined;

  private constructor(root: string, directory: string, entries: ReadonlyMap<string, CacheEntry>, stamp: string, clean: string | undefined) {
    this.#root = root;
    this.#directory = directory;
    this.#entries = entries;
    this.#stamp = stamp;
    this.#clean = clean;
  }

  /** Opens the cache of a system directory and reads the entries of the given manifest files. */
  static async open(root: string, files: readonly string[]): Promise<ParseCache> {
    const directory = path.join(root, PARSE_CACHE_DIRECTORY);
    const stamp = schemaStamp();
    const entries = new Map<string, CacheEntry>();
    const [clean] = await Promise.all([
      readVerdict(path.join(directory, VERDICT_FILE)),
      ...files.map(async (file) => {
        const entry = await readEntry(path.join(directory, entryName(file)));
        if (entry !== undefined && entry.format === CACHE_FORMAT && entry.stamp === stamp && entry.file === file) entries.set(file, entry);
      }),
    ]);
    return new ParseCache(root, directory, entries, stamp, clean);
  }

  /** What the file declares, when the cache holds this exact text; otherwise undefined. */
  get(file: string, text: string): ParsedManifestFile | undefined {
    const entry = this.#entries.get(file);
    if (entry === undefined || entry.size !== text.length || entry.hash !== this.#hashOf(file, text)) return undefined;
    this.#hits.add(file);
    const objects = entry.objects.map(([kind, id, doc, line, column, documentIndex]) => ({ kind, id, doc, location: { file, line, column }, documentIndex }) as SystemObject);
    return { objects, problems: [] };
  }

  /** Records what a file declares, when it parsed without problems and its values survive JSON. */
  async save(file: string, text: string, parsed: ParsedManifestFile): Promise<void> {
    if (parsed.problems.length > 0 || this.#hits.has(file)) return;
    if (!parsed.objects.every((object) => survivesJson(object.doc))) return;
    const entry: CacheEntry = {
      format: CACHE_FORMAT,
      stamp: this.#stamp,
      file,
      size: text.length,
      hash: this.#hashOf(file, text),
      objects: parsed.objects.map((object) => [object.kind, object.id, object.doc, object.location.line, object.location.column, object.documentIndex]),
    };
    try {
      this.#prepared ??= this.#prepare();
      await this.#prepared;
      await writeFileAtomic(path.join(this.#directory, entryName(file)), JSON.stringify(entry));
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }

  /**
   * Where fields of the texts looked up in this run were found in earlier runs (see
   * PositionMemo); call after `get` has seen every file.
   */
  positions(files: readonly { readonly file: string; readonly text: string }[]): PositionMemo {
    for (const { file, text } of files) this.#hashOf(file, text);
    return PositionMemo.read(this.#root, this.#directory, this.#hashes);
  }

  /**
   * True when exactly these texts (the same files, each with the same hash) were found free of
   * whole-system problems before (see `recordClean`): the objects they declare are the same, so
   * the checks across files (reference kinds, config resolution) would find nothing again.
   */
  wasClean(files: readonly { readonly file: string; readonly text: string }[]): boolean {
    return this.#clean !== undefined && this.#clean === this.#verdictKey(files);
  }

  /** Records that these texts were found free of problems, for `wasClean` in later runs. */
  async recordClean(files: readonly { readonly file: string; readonly text: string }[]): Promise<void> {
    const key = this.#verdictKey(files);
    if (key === this.#clean) return;
    try {
      this.#prepared ??= this.#prepare();
      await this.#prepared;
      await writeFileAtomic(path.join(this.#directory, VERDICT_FILE), JSON.stringify({ format: VERDICT_FORMAT, key }));
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }

  #verdictKey(files: readonly { readonly file: string; readonly text: string }[]): string {
    const texts = files.map(({ file, text }) => [path.relative(this.#root, file), this.#hashOf(file, text)]);
    return createHash('sha256').update(JSON.stringify([CACHE_FORMAT, VERDICT_FORMAT, this.#stamp, texts])).digest('base64');
  }

  #hashOf(file: string, text: string): string {
    let hash = this.#hashes.get(file);
    if (hash === undefined) {
      hash = hashOf(text);
      this.#hashes.set(file, hash);
    }
    return hash;
  }

  async #prepare(): Promise<void> {
    await mkdir(this.#directory, { recursive: true });
    await writeFile(path.join(this.#directory, '.gitignore'), '*\n');
  }
}

/**
 * True when this exact project config text was found valid before under the current config
 * schema (see `recordValidConfig`), so it need not be validated again.
 *
 * @example
 * if (!(await configKnownValid(root, text))) validate(value);
 */
export async function configKnownValid(root: string, text: string): Promise<boolean> {
  try {
    return (await readFile(path.join(root, PARSE_CACHE_DIRECTORY, VALID_CONFIG_FILE), 'utf8')) === configKey(text);
  } catch {
    return false;
  }
}

/** Records that a project config text is valid, for `configKnownValid` in later runs. */
export async function recordValidConfig(root: string, text: string): Promise<void> {
  const directory = path.join(root, PARSE_CACHE_DIRECTORY);
  try {
    await mkdir(directory, { recursive: true });
    await writeFile(path.join(directory, '.gitignore'), '*\n');
    await writeFileAtomic(path.join(directory, VALID_CONFIG_FILE), configKey(text));
  } catch {
    // A cache that cannot be written only costs speed.
  }
}

function configKey(text: string): string {
  return createHash('sha256').update(JSON.stringify([CACHE_FORMAT, ProjectConfigSchema, text])).digest('base64');
}

function entryName(file: string): string {
  return `manifest-${createHash('sha1').update(file).digest('hex')}.json`;
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

let stamp: string | undefined;

/** A hash of every manifest schema: validation results cached under one schema do not hold under another. */
function schemaStamp(): string {
  stamp ??= createHash('sha256')
    .update(JSON.stringify(manifestKinds.map((kind) => manifestSchemas[kind])))
    .digest('base64');
  return stamp;
}

async function readEntry(file: string): Promise<CacheEntry | undefined> {
  try {
    const entry = JSON.parse(await readFile(file, 'utf8')) as CacheEntry;
    return typeof entry === 'object' && entry !== null && Array.isArray(entry.objects) ? entry : undefined;
  } catch {
    return undefined;
  }
}

async function readVerdict(file: string): Promise<string | undefined> {
  try {
    const verdict = JSON.parse(await readFile(file, 'utf8')) as { format?: unknown; key?: unknown };
    return verdict.format === VERDICT_FORMAT && typeof verdict.key === 'string' ? verdict.key : undefined;
  } catch {
    return undefined;
  }
}

/** True when JSON gives the value back unchanged: no NaN, infinities or negative zero. */
function survivesJson(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(survivesJson);
  if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (!survivesJson((value as Record<string, unknown>)[key])) return false;
    }
    return true;
  }
  return true;
}
