import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Position } from './read-yaml.js';

/** Bump when what the memo file holds, or how fields are located, changes. */
const MEMO_FORMAT = 1;

/** The memo file, in the parse cache directory. */
export const POSITION_MEMO_FILE = 'field-positions';

/** What is known of one manifest text: the position of each located field, 0 for none. */
interface FilePositions {
  readonly hash: string;
  readonly at: Record<string, readonly [line: number, column: number] | 0>;
}

interface MemoFile {
  readonly format: number;
  readonly files: Record<string, FilePositions>;
}

/**
 * Remembers where fields of manifest texts were found (a field's position depends only on the
 * text), so a repeated `paydown check` points its findings at their fields without parsing the
 * documents again. Kept in the parse cache directory, one entry per manifest file, valid while
 * the file's text has the hash it was recorded under. Like the parse cache, it only saves time:
 * an unreadable, corrupt or unwritable memo is ignored.
 *
 * @example
 * const memo = PositionMemo.read(root, path.join(root, '.paydown/cache'), new Map([[file, hash]]));
 * memo.get(file, key) ?? memo.set(file, key, locate(...));
 * memo.write();
 */
export class PositionMemo {
  readonly #root: string;
  readonly #directory: string;
  readonly #hashes = new Map<string, string>();
  /** What is known, by the file's path relative to the root (the same however the root is spelt). */
  readonly #files = new Map<string, FilePositions>();
  #changed = false;

  private constructor(root: string, directory: string, hashes: ReadonlyMap<string, string>, stored: MemoFile | undefined) {
    this.#root = root;
    this.#directory = directory;
    for (const [file, hash] of hashes) {
      const name = path.relative(root, file);
      this.#hashes.set(name, hash);
      const known = stored?.files[name];
      if (known !== undefined && known.hash === hash && typeof known.at === 'object' && known.at !== null) this.#files.set(name, known);
    }
  }

  /**
   * Reads the memo kept in a cache directory, keeping what was recorded for the given texts
   * (file → hash of its current text); positions recorded for other texts are dropped.
   */
  static read(root: string, directory: string, hashes: ReadonlyMap<string, string>): PositionMemo {
    return new PositionMemo(root, directory, hashes, readMemo(path.join(directory, POSITION_MEMO_FILE)));
  }

  /** The recorded position of a field: a position, null when it was not found, undefined when unknown. */
  get(file: string, key: string): Position | null | undefined {
    const found = this.#files.get(path.relative(this.#root, file))?.at[key];
    if (found === 0) return null;
    if (!Array.isArray(found) || typeof found[0] !== 'number' || typeof found[1] !== 'number') return undefined;
    return { line: found[0], column: found[1] };
  }

  /** Records where a field of a file was found (undefined: not found); ignored for texts of unknown hash. */
  set(file: string, key: string, position: Position | undefined): void {
    const name = path.relative(this.#root, file);
    const hash = this.#hashes.get(name);
    if (hash === undefined) return;
    let known = this.#files.get(name);
    if (known === undefined) {
      known = { hash, at: {} };
      this.#files.set(name, known);
    }
    known.at[key] = position === undefined ? 0 : [position.line, position.column];
    this.#changed = true;
  }

  /** Writes the memo when something new was recorded; a memo that cannot be written only costs speed. */
  write(): void {
    if (!this.#changed) return;
    const target = path.join(this.#directory, POSITION_MEMO_FILE);
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    const memo: MemoFile = { format: MEMO_FORMAT, files: Object.fromEntries(this.#files) };
    try {
      if (mkdirSync(this.#directory, { recursive: true }) !== undefined) writeFileSync(path.join(this.#directory, '.gitignore'), '*\n');
      writeFileSync(temporary, JSON.stringify(memo));
      renameSync(temporary, target);
      this.#changed = false;
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}

function readMemo(file: string): MemoFile | undefined {
  try {
    const memo = JSON.parse(readFileSync(file, 'utf8')) as MemoFile;
    const valid = typeof memo === 'object' && memo !== null && memo.format === MEMO_FORMAT && typeof memo.files === 'object' && memo.files !== null;
    return valid ? memo : undefined;
  } catch {
    return undefined;
  }
}
