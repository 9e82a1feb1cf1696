/**
 * The worker thread behind {@link SqliteStoreThread}: opens its own connection to the server's
 * SQLite file (WAL mode lets it read and write beside the server's connection) and runs the
 * store calls it is sent, answering `{ id, result }` or `{ id, error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runInBackground } from './background-priority.js';
import { parseJournalLines } from '../log/journal.js';
import { writeEntries } from '../log/log-writer.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/** A call sent to the worker: a store method by name, or a batch of journal lines to write. */
export type ThreadCall = { readonly id: number; readonly method: keyof Store; readonly args: readonly unknown[] } | { readonly id: number; readonly method: 'writeLines'; readonly args: readonly [string] };

/** The worker's answer to one call. */
export interface ThreadReply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: string;
}

const port = parentPort;
if (port === null) throw new Error('sqlite-store-worker runs only as a worker thread');
runInBackground();
const store = openSqliteStore((workerData as { file: string }).file);

function run(call: ThreadCall): Promise<unknown> {
  if (call.method === 'writeLines') return writeEntries(store, parseJournalLines(call.args[0]));
  const method = store[call.method].bind(store) as (...args: unknown[]) => Promise<unknown>;
  return method(...call.args);
}

port.on('message', (call: ThreadCall | 'close') => {
  if (call === 'close') {
    void store.close().then(() => port.close());
    return;
  }
  run(call).then(
    (result) => port.postMessage({ id: call.id, result } satisfies ThreadReply),
    (error: unknown) => port.postMessage({ id: call.id, error: error instanceof Error ? error.message : String(error) } satisfies ThreadReply),
  );
});
