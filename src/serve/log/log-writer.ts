/**
 * Where the prediction log's batcher puts journaled records: the store, written either on the
 * server's own thread ({@link storeLogWriter}) or by a worker thread with its own SQLite
 * connection (`SqliteStoreThread`), so the inserts never hold up a request.
 */
import type { OutcomeRecord, PredictionRecord, Store } from '../store/store.js';
import type { JournalEntry } from './journal.js';

export interface LogWriter {
  /**
   * Writes one batch of journaled records to the store; resolves once they are committed.
   * `lines`, when given, is the same batch as journal lines (a writer thread is sent those).
   */
  write(entries: readonly JournalEntry[], lines?: string): Promise<void>;
  /** Releases what the writer holds (not the store it was given). */
  close(): Promise<void>;
}

/**
 * Writes batches with the store's own connection, on the calling thread.
 *
 * @example
 * const log = new PredictionLog(journal, storeLogWriter(store));
 */
export function storeLogWriter(store: Pick<Store, 'appendPredictions' | 'appendOutcomes'>): LogWriter {
  return {
    write: (entries) => writeEntries(store, entries),
    close: () => Promise.resolve(),
  };
}

/** Splits a batch into predictions and outcomes and appends each kind in one call. */
export async function writeEntries(store: Pick<Store, 'appendPredictions' | 'appendOutcomes'>, entries: readonly JournalEntry[]): Promise<void> {
  const predictions: PredictionRecord[] = [];
  const outcomes: OutcomeRecord[] = [];
  for (const entry of entries) {
    if (entry.kind === 'prediction') predictions.push(entry.record);
    else outcomes.push(entry.record);
  }
  await store.appendPredictions(predictions);
  await store.appendOutcomes(outcomes);
}
