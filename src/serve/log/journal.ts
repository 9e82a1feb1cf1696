/**
 * The local journal of `paydown serve`: every prediction and outcome is appended here with a
 * synchronous write before the client gets its answer. A write that returned is in the kernel's
 * page cache, so it survives the process being killed (`kill -9`); it does not survive the
 * machine losing power unless `fsync` is on. The journal is a folder of numbered segments
 * (`000001.jsonl`, …); a segment is deleted once every record in it is committed to the store.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PaydownError } from '../../errors.js';
import type { OutcomeRecord, PredictionRecord } from '../store/store.js';

/** One journaled record: a prediction or an outcome. */
export type JournalEntry = { readonly kind: 'prediction'; readonly record: PredictionRecord } | { readonly kind: 'outcome'; readonly record: OutcomeRecord };

export interface JournalOptions {
  /** Start a new segment after this many bytes (default 8 MiB). */
  readonly segmentBytes?: number;
  /** Also `fsync` after each append: survives power loss, costs a disk flush per request. */
  readonly fsync?: boolean;
}

/** One entry as the journal keeps it: a JSON line, newline included. */
export function journalLine(entry: JournalEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** The entries of journal lines (complete lines only). */
export function parseJournalLines(text: string): JournalEntry[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JournalEntry);
}

const SEGMENT = /^(\d{6,})\.jsonl$/;

export class Journal {
  readonly #dir: string;
  readonly #segmentBytes: number;
  readonly #fsync: boolean;
  #segment = 0;
  #fd = -1;
  #bytes = 0;
  readonly #lockFile: string;

  /** Opens the journal folder, taking its lock; call {@link recover} next, then append. */
  constructor(dir: string, options: JournalOptions = {}) {
    this.#dir = dir;
    this.#segmentBytes = options.segmentBytes ?? 8 * 1024 * 1024;
    this.#fsync = options.fsync === true;
    mkdirSync(dir, { recursive: true });
    this.#lockFile = path.join(dir, 'lock');
    takeLock(this.#lockFile);
  }

  get dir(): string {
    return this.#dir;
  }

  /** The segment new records go to. */
  get currentSegment(): number {
    return this.#segment;
  }

  /**
   * Reads every segment left by an earlier run, oldest first (a torn last line, from a write cut
   * short, is skipped), and opens a new segment after them. Returns the entries and the segment
   * numbers they came from; delete those with {@link removeSegment} once stored.
   */
  recover(): { entries: JournalEntry[]; segments: number[] } {
    const segments = this.#segments();
    const entries: JournalEntry[] = [];
    for (const segment of segments) {
      const text = readFileSync(this.#path(segment), 'utf8');
      for (const line of text.split('\n')) {
        if (line === '') continue;
        let entry: JournalEntry;
        try {
          entry = JSON.parse(line) as JournalEntry;
        } catch {
          continue; // a line cut short by a crash was never acknowledged
        }
        if (entry.kind === 'prediction' || entry.kind === 'outcome') entries.push(entry);
      }
    }
    this.#open((segments.at(-1) ?? 0) + 1);
    return { entries, segments };
  }

  /** Appends entries with one synchronous write; when it returns, they are durable against a process kill. */
  append(entries: readonly JournalEntry[]): number {
    return this.appendLines(entries.map(journalLine).join(''));
  }

  /** Appends lines made by {@link journalLine}, with one synchronous write; returns the segment. */
  appendLines(text: string): number {
    if (this.#fd < 0) throw new Error('journal is not open');
    const buffer = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < buffer.length) written += writeSync(this.#fd, buffer, written, buffer.length - written);
    if (this.#fsync) fsyncSync(this.#fd);
    this.#bytes += buffer.length;
    return this.#segment;
  }

  /** True when the current segment is past its size and should be rotated. */
  get full(): boolean {
    return this.#bytes >= this.#segmentBytes;
  }

  /** Bytes in the current segment. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Starts a new segment; returns the number of the one just closed. */
  rotate(): number {
    const previous = this.#segment;
    this.#open(previous + 1);
    return previous;
  }

  /** Deletes a segment whose records are all in the store. */
  removeSegment(segment: number): void {
    rmSync(this.#path(segment), { force: true });
  }

  /** Closes the current segment and releases the lock (the segment stays until removed). */
  close(): void {
    if (this.#fd >= 0) closeSync(this.#fd);
    this.#fd = -1;
    rmSync(this.#lockFile, { force: true });
  }

  #open(segment: number): void {
    if (this.#fd >= 0) closeSync(this.#fd);
    this.#segment = segment;
    this.#fd = openSync(this.#path(segment), 'a');
    this.#bytes = 0;
  }

  #path(segment: number): string {
    return path.join(this.#dir, `${String(segment).padStart(6, '0')}.jsonl`);
  }

  #segments(): number[] {
    return readdirSync(this.#dir)
      .map((name) => SEGMENT.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => Number(match[1]))
      .sort((a, b) => a - b);
  }
}

/** One process per journal folder: a lock file with the owner's pid; a dead owner's lock is taken over. */
function takeLock(file: string): void {
  try {
    writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
    throw new PaydownError('PAYDOWN_USAGE', `the journal ${path.dirname(file)} is in use by process ${owner}; give each server its own --journal folder`);
  }
  writeFileSync(file, `${process.pid}\n`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
