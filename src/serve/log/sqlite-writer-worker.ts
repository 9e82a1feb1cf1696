/**
 * The worker thread behind `SqliteWriterThread`: opens its own connection to the server's SQLite
 * file (WAL mode lets it write while the server's connection reads) and writes each batch it is
 * sent in one transaction per kind, answering `{ id }` or `{ id, error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { JournalEntry } from './journal.js';
import { writeEntries } from './log-writer.js';

/** A batch sent to the worker. */
export interface WriteRequest {
  readonly id: number;
  readonly entries: readonly JournalEntry[];
}

/** The worker's answer to one batch. */
export interface WriteReply {
  readonly id: number;
  readonly error?: string;
}

const port = parentPort;
if (port === null) throw new Error('sqlite-writer-worker runs only as a worker thread');
const store = openSqliteStore((workerData as { file: string }).file);
port.on('message', (request: WriteRequest | 'close') => {
  if (request === 'close') {
    void store.close().then(() => port.close());
    return;
  }
  writeEntries(store, request.entries).then(
    () => port.postMessage({ id: request.id } satisfies WriteReply),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WriteReply),
  );
});
