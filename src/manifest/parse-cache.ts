import { createHash, hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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
const CACHE_FORMAT = 3;

/** Bump when the checks made on a whole system (reference kinds, config resolution) change. */
const VERDICT_FORMAT = 1;

/** Where the key of the last set of texts found free of whole-system problems is kept. */
const VERDICT_FILE = 'clean-system';

/** Where the key of the last project config text found valid is kept. */
const VALID_CONFIG_FILE = 'valid-config';

/**
 * A cached manifest file holds the objects it declares, valid for exactly this text under this
 * schema. On disk, this header is the first line, then the objects follow as JSON arrays of a
 * few at a time, one per line, so that each line read is a small string: short-lived small
 * strings cost the garbage collector and the memory far less than one string of the whole file.
 */
interface CacheHeader {
  readonly format: number;
  readonly stamp: string;
  readonly file: string;
  readonly size: number;
  readonly hash: string;
}

/** About this many characters of objects per line of a cache file. */
const LINE_LENGTH = 16_384;

/**
 * Where something derived from a whole set of manifest texts may be cached (a directory), and
 * the key of that set (relative path and hash of every file, with the schema), which a reader
 * must find stored with it.
 */
export interface DerivedCacheSlot {
  readonly directory: string;
  readonly key: string;
}

/** A manifest file as read: its name and its bytes. */
interface ManifestContent {
  readonly file: string;
  readonly bytes: Uint8Array;
}

/** An object as cached: its kind and id are those of its document. */
type CachedObject = [doc: { kind: string; id: string }, line: number | undefined, column: number | undefined, documentIndex: number];

/**
 * Remembers what each manifest file declares, keyed by its path, size and a hash of its bytes
 * (and by the schema), so a repeated `paydown check` reads JSON instead of parsing and
 * validating YAML. Only files without problems are cached; a file whose text changed, or a
 * different schema, misses. The cache is an optimisation only: unreadable, corrupt or
 * unwritable cache files are ignored.
 *
 * @example
 * const cache = await ParseCache.open('examples/ad-click');
 * const bytes = await readFile(file);
 * const parsed = cache.get(file, bytes) ?? parseManifestFile(file, bytes.toString('utf8'));
 * await cache.save(file, bytes, parsed);
 */
export class ParseCache {
  readonly #root: string;
  readonly #directory: string;
  /** Cache files are read into this, one at a time, when looked up. */
  readonly #buffer = new ReadBuffer();
  readonly #stamp: string;
  /** The key of the set of texts last found free of whole-system problems, if any. */
  readonly #clean: string | undefined;
  /** Files served from the cache in this run: nothing to write for them. */
  readonly #hits = new Set<string>();
  /** The hash of each text looked up in this run. */
  readonly #hashes = new Map<string, string>();
  #prepared: Promise<void> | undefined;

  private constructor(root: string, directory: string, stamp: string, clean: string | undefined) {
    this.#root = root;
    this.#directory = directory;
    this.#stamp = stamp;
    this.#clean = clean;
  }

  /** Opens the cache of a system directory (its entries are read as `get` asks for them). */
  static async open(root: string): Promise<ParseCache> {
    const directory = path.join(root, PARSE_CACHE_DIRECTORY);
    return new ParseCache(root, directory, schemaStamp(), await readVerdict(path.join(directory, VERDICT_FILE)));
  }

  /** What the file declares, when the cache holds this exact content (the file's bytes); otherwise undefined. */
  get(file: string, bytes: Uint8Array): ParsedManifestFile | undefined {
    const hash = this.#hashOf(file, bytes);
    const wanted = (header: CacheHeader): boolean =>
      header.format === CACHE_FORMAT && header.stamp === this.#stamp && header.file === file && header.size === bytes.length && header.hash === hash;
    const objects = readEntry(path.join(this.#directory, entryName(file)), this.#buffer, wanted);
    if (objects === undefined) return undefined;
    this.#hits.add(file);
    return { objects, problems: [] };
  }

  /** Records what a file declares, when it parsed without problems and its values survive JSON. */
  async save(file: string, bytes: Uint8Array, parsed: ParsedManifestFile): Promise<void> {
    if (parsed.problems.length > 0 || this.#hits.has(file)) return;
    if (!parsed.objects.every((object) => survivesJson(object.doc))) return;
    const header: CacheHeader = { format: CACHE_FORMAT, stamp: this.#stamp, file, size: bytes.length, hash: this.#hashOf(file, bytes) };
    const objects = parsed.objects.map((object) => [object.doc, object.location.line, object.location.column, object.documentIndex] as CachedObject);
    try {
      this.#prepared ??= this.#prepare();
      await this.#prepared;
      await writeFileAtomic(path.join(this.#directory, entryName(file)), entryText(header, objects));
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }

  /**
   * Where fields of the texts looked up in this run were found in earlier runs (see
   * PositionMemo); call after `get` has seen every file.
   */
  positions(files: readonly ManifestContent[]): PositionMemo {
    for (const { file, bytes } of files) this.#hashOf(file, bytes);
    return PositionMemo.read(this.#root, this.#directory, this.#hashes);
  }

  /**
   * True when exactly these texts (the same files, each with the same hash) were found free of
   * whole-system problems before (see `recordClean`): the objects they declare are the same, so
   * the checks across files (reference kinds, config resolution) would find nothing again.
   */
  wasClean(files: readonly ManifestContent[]): boolean {
    return this.#clean !== undefined && this.#clean === this.#verdictKey(files);
  }

  /**
   * Where what is derived from exactly these texts (the graph's edges, say) may be kept, and the
   * key of the texts to keep it under: any change to any file changes the key.
   */
  derivedSlot(files: readonly ManifestContent[]): DerivedCacheSlot {
    return { directory: this.#directory, key: this.#verdictKey(files) };
  }

  /** Records that these texts were found free of problems, for `wasClean` in later runs. */
  async recordClean(files: readonly ManifestContent[]): Promise<void> {
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

  #verdictKey(files: readonly ManifestContent[]): string {
    const texts = files.map(({ file, bytes }) => [path.relative(this.#root, file), this.#hashOf(file, bytes)]);
    return createHash('sha256').update(JSON.stringify([CACHE_FORMAT, VERDICT_FORMAT, this.#stamp, texts])).digest('base64');
  }

  #hashOf(file: string, bytes: Uint8Array): string {
    let found = this.#hashes.get(file);
    if (found === undefined) {
      found = hashOf(bytes);
      this.#hashes.set(file, found);
    }
    return found;
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

/** The hash of a file's bytes (the same as the hash of its text, for text that is valid UTF-8). */
function hashOf(bytes: Uint8Array): string {
  return hash('sha1', bytes, 'base64');
}

let stamp: string | undefined;

/** A hash of every manifest schema: validation results cached under one schema do not hold under another. */
function schemaStamp(): string {
  stamp ??= createHash('sha256')
    .update(JSON.stringify(manifestKinds.map((kind) => manifestSchemas[kind])))
    .digest('base64');
  return stamp;
}

/** The text of a cache file: the header on the first line, then the objects a few per line. */
function entryText(header: CacheHeader, objects: readonly CachedObject[]): string {
  const lines = [JSON.stringify(header)];
  let line: string[] = [];
  let length = 0;
  for (const object of objects) {
    const text = JSON.stringify(object);
    if (line.length > 0 && length + text.length > LINE_LENGTH) {
      lines.push(`[${line.join(',')}]`);
      line = [];
      length = 0;
    }
    line.push(text);
    length += text.length + 1;
  }
  if (line.length > 0) lines.push(`[${line.join(',')}]`);
  return `${lines.join('\n')}\n`;
}

/** One buffer that cache files are read into in turn, grown as needed. */
class ReadBuffer {
  bytes = Buffer.allocUnsafe(1 << 20);

  /** Reads a whole file into the buffer and returns its length. */
  read(file: string): number {
    const descriptor = openSync(file, 'r');
    try {
      const size = fstatSync(descriptor).size;
      if (size > this.bytes.length) this.bytes = Buffer.allocUnsafe(size);
      let length = 0;
      while (length < size) {
        const read = readSync(descriptor, this.bytes, length, size - length, null);
        if (read === 0) break;
        length += read;
      }
      return length;
    } finally {
      closeSync(descriptor);
    }
  }
}

/**
 * The objects a cache file holds, when it can be read, is whole and its header passes
 * `wanted`; otherwise undefined. Objects are made as each line is read, so what JSON gives
 * for a line is short-lived.
 */
function readEntry(file: string, buffer: ReadBuffer, wanted: (header: CacheHeader) => boolean): SystemObject[] | undefined {
  try {
    const length = buffer.read(file);
    const bytes = buffer.bytes;
    let end = bytes.indexOf(10, 0);
    if (end === -1 || end >= length) return undefined;
    const header = JSON.parse(bytes.toString('utf8', 0, end)) as CacheHeader;
    if (typeof header !== 'object' || header === null || !wanted(header)) return undefined;
    const name = header.file;
    const objects: SystemObject[] = [];
    for (let start = end + 1; start < length; start = end + 1) {
      end = bytes.indexOf(10, start);
      if (end === -1 || end >= length) return undefined;
      const line = JSON.parse(bytes.toString('utf8', start, end)) as CachedObject[];
      if (!Array.isArray(line)) return undefined;
      for (const object of line) {
        if (!Array.isArray(object) || typeof object[0] !== 'object' || object[0] === null) return undefined;
        const [doc, position, column, documentIndex] = object;
        objects.push({ kind: doc.kind, id: doc.id, doc, location: { file: name, line: position, column }, documentIndex } as SystemObject);
      }
    }
    return objects;
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
