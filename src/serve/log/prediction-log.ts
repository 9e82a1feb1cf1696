/**
 * The prediction log: predictions and outcomes are acknowledged once they are in the local
 * {@link Journal} (a synchronous append, microseconds), and a background batcher hands them to a
 * {@link LogWriter} (the store, possibly through a writer thread) in batches of up to `batchSize`
 * records every `intervalMs`. On start-up the
 * journal left by an earlier run (a crash, `kill -9`) is replayed into the store first; replay is
 * idempotent (predictions are keyed by id, outcomes by prediction id), so a record committed
 * just before the crash is simply written again.
 */
import type { OutcomeRecord, PredictionRecord } from '../store/store.js';
import { journalLine, type Journal, type JournalEntry } from './journal.js';
import type { LogWriter } from './log-writer.js';

export interface PredictionLogOptions {
  /** Most records per store transaction (default 2,000). */
  readonly batchSize?: number;
  /**
   * Longest wait before queued records are written (default 20 ms: at 2,000 predictions/s that
   * is a transaction of 40 records, not 10, and a quarter of the writer thread's wake-ups).
   */
  readonly intervalMs?: number;
  /** Called when writing to the store fails; the records stay queued and are retried. */
  readonly onError?: (error: unknown) => void;
}

interface Queued {
  readonly entry: JournalEntry;
  /** The entry's journal line, kept so a writer thread is sent text, not objects to clone. */
  readonly line: string;
  readonly segment: number;
}

export class PredictionLog {
  readonly #journal: Journal;
  readonly #writer: LogWriter;
  readonly #batchSize: number;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  #queue: Queued[] = [];
  readonly #pending = new Map<number, number>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  #failures = 0;
  #closed = false;
  #committed = 0;

  /**
   * @example
   * const log = new PredictionLog(new Journal('.paydown/journal'), storeLogWriter(store));
   * await log.recover();
   * log.logPrediction(record);
   */
  constructor(journal: Journal, writer: LogWriter, options: PredictionLogOptions = {}) {
    this.#journal = journal;
    this.#writer = writer;
    this.#batchSize = options.batchSize ?? 2_000;
    this.#intervalMs = options.intervalMs ?? 20;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Replays what an earlier run journaled but may not have stored; returns how many records. */
  async recover(): Promise<number> {
    const { entries, segments } = this.#journal.recover();
    for (let start = 0; start < entries.length; start += this.#batchSize) await this.#writer.write(entries.slice(start, start + this.#batchSize));
    for (const segment of segments) this.#journal.removeSegment(segment);
    return entries.length;
  }

  /** Journals one prediction (durable when this returns) and queues it for the store. */
  logPrediction(record: PredictionRecord): void {
    this.#append([{ kind: 'prediction', record }]);
  }

  /** Journals predictions with one write and queues them. */
  logPredictions(records: readonly PredictionRecord[]): void {
    this.#append(records.map((record) => ({ kind: 'prediction', record })));
  }

  /** Journals outcomes with one write and queues them. */
  logOutcomes(records: readonly OutcomeRecord[]): void {
    this.#append(records.map((record) => ({ kind: 'outcome', record })));
  }

  /** Records journaled but not yet in the store. */
  get depth(): number {
    return this.#queue.length;
  }

  /** Records written to the store since start (not counting recovery). */
  get committed(): number {
    return this.#committed;
  }

  /** Writes everything queued to the store (retrying failures) and resolves when the queue is empty. */
  async flush(): Promise<void> {
    while (this.#queue.length > 0 || this.#flushing !== undefined) {
      if (this.#flushing !== undefined) await this.#flushing;
      else await this.#flushOnce();
      if (this.#failures > 0 && this.#queue.length > 0) await delay(Math.min(2_000, 50 * 2 ** this.#failures));
    }
  }

  /** Flushes, closes the writer, then closes the journal and removes its segments (all stored by then). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.flush();
    await this.#writer.close();
    const segment = this.#journal.currentSegment;
    this.#journal.close();
    this.#journal.removeSegment(segment);
  }

  #append(entries: JournalEntry[]): void {
    if (entries.length === 0) return;
    if (this.#closed) throw new Error('the prediction log is closed');
    const lines = entries.map(journalLine);
    const segment = this.#journal.appendLines(lines.join(''));
    entries.forEach((entry, i) => this.#queue.push({ entry, line: lines[i], segment }));
    this.#pending.set(segment, (this.#pending.get(segment) ?? 0) + entries.length);
    if (this.#journal.full) this.#journal.rotate();
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#flushing !== undefined || this.#closed) return;
    const wait = this.#failures > 0 ? Math.min(2_000, 50 * 2 ** this.#failures) : this.#queue.length >= this.#batchSize ? 0 : this.#intervalMs;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#flushOnce().then(() => {
        if (this.#queue.length > 0) this.#schedule();
      });
    }, wait);
  }

  #flushOnce(): Promise<void> {
    if (this.#flushing !== undefined) return this.#flushing;
    if (this.#queue.length === 0) return Promise.resolve();
    const batch = this.#queue.slice(0, this.#batchSize);
    this.#flushing = this.#writer.write(
      batch.map((q) => q.entry),
      batch.map((q) => q.line).join(''),
    )
      .then(() => {
        this.#failures = 0;
        this.#queue = this.#queue.slice(batch.length);
        this.#committed += batch.length;
        this.#release(batch);
      })
      .catch((error: unknown) => {
        this.#failures += 1;
        this.#onError(error);
      })
      .finally(() => {
        this.#flushing = undefined;
      });
    return this.#flushing;
  }

  /** Deletes every closed segment whose records are now all in the store. */
  #release(batch: readonly Queued[]): void {
    for (const { segment } of batch) this.#pending.set(segment, (this.#pending.get(segment) ?? 1) - 1);
    for (const [segment, count] of this.#pending) {
      if (count > 0 || segment === this.#journal.currentSegment) continue;
      this.#journal.removeSegment(segment);
      this.#pending.delete(segment);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
