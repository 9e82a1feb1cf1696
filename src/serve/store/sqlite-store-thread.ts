/**
 * A worker thread holding its own connection to the server's SQLite file. better-sqlite3 is
 * synchronous, so on the server's thread every statement runs between two requests; this
 * thread takes the heavy ones instead:
 * - as a {@link LogWriter}, the prediction log's batched inserts;
 * - through {@link storeOnThreads}, every other store call of the running server: the
 *   monitors' window reads and sums on one thread, everything else on the writer's.
 *
 * The worker starts on the first call. If it dies, the calls it held fail (the prediction log
 * keeps its batches queued and retries; a monitor evaluation reports the error) and the next
 * call starts a new worker. After `close()` calls are refused.
 */
import { Worker } from 'node:worker_threads';
import { journalLine, type JournalEntry } from '../log/journal.js';
import type { LogWriter } from '../log/log-writer.js';
import type { ThreadCall, ThreadReply } from './sqlite-store-worker.js';
import type { Store } from './store.js';

interface Pending {
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
}

type StoreMethod = { [K in keyof Store]: Store[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof Store];

export class SqliteStoreThread implements LogWriter {
  readonly #file: string;
  #worker: Worker | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #closed = false;

  /**
   * @param file the SQLite database file (already migrated by the server's own store).
   *
   * @example
   * const log = new PredictionLog(journal, new SqliteStoreThread('.paydown/serve.sqlite'));
   */
  constructor(file: string) {
    this.#file = file;
  }

  /**
   * Writes a batch of journaled records in the worker ({@link LogWriter}). Given the batch's
   * journal lines, it sends that one string instead of cloning the records.
   */
  write(entries: readonly JournalEntry[], lines?: string): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return this.#send({ id: this.#id(), method: 'writeLines', args: [lines ?? entries.map(journalLine).join('')] }).then(() => undefined);
  }

  /** Runs one store method in the worker; arguments and result are copied between threads. */
  call<M extends StoreMethod>(method: M, ...args: Parameters<Store[M]>): Promise<Awaited<ReturnType<Store[M]>>> {
    return this.#send({ id: this.#id(), method, args }) as Promise<Awaited<ReturnType<Store[M]>>>;
  }

  /** Stops the worker; later calls are refused rather than starting a new one. */
  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    if (worker === undefined) return;
    this.#worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    await exited;
  }

  #id(): number {
    return (this.#nextId += 1);
  }

  #send(call: ThreadCall): Promise<unknown> {
    // A call after close (a request still in flight at shutdown) must not start a worker that nothing would stop.
    if (this.#closed) return Promise.reject(new Error('the SQLite store thread is closed'));
    const worker = this.#start();
    return new Promise((resolve, reject) => {
      this.#pending.set(call.id, { resolve, reject });
      worker.postMessage(call);
    });
  }

  #start(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const worker = new Worker(new URL('./sqlite-store-worker.js', import.meta.url), { workerData: { file: this.#file } });
    worker.on('message', (reply: ThreadReply) => {
      const pending = this.#pending.get(reply.id);
      if (pending === undefined) return;
      this.#pending.delete(reply.id);
      if (reply.error === undefined) pending.resolve(reply.result);
      else pending.reject(new Error(reply.error));
    });
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', (code) => this.#fail(worker, new Error(`the SQLite store thread exited (code ${code})`)));
    this.#worker = worker;
    return worker;
  }

  /** Fails every call the dead worker held; the next call starts a new one. */
  #fail(worker: Worker, error: Error): void {
    if (this.#worker === worker) this.#worker = undefined;
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      pending.reject(error);
    }
  }
}

/** The reads that scan a window of predictions: the monitors' work, sent to the reader thread. */
const WINDOW_READS = new Set<string>(['labelSums', 'listPredictions', 'liveInputColumns', 'labelledPredictions'] satisfies StoreMethod[]);

/** Methods that stay with the server's own connection: opening and closing it. */
const OWN_CONNECTION = new Set<string>(['migrate', 'close'] satisfies (keyof Store)[]);

/**
 * The store as the running server uses it, with no SQLite statement left on the server's
 * thread: the window reads run on `reader`, every other call (the counters, alerts, breakers,
 * audit, token lookups) on `writer`, the same thread that writes the prediction log. One
 * writing connection also means no writer ever waits for SQLite's lock: two connections writing
 * at once make the second sleep in SQLite's busy handler (1 ms, then 2, 5, 10 …), and on the
 * server's thread that sleep stopped every request.
 *
 * @example
 * const served = storeOnThreads(store, { reader: new SqliteStoreThread(file), writer: new SqliteStoreThread(file) });
 * await served.labelSums('ctr', since, now, ['country']); // runs in the reader
 * await served.addToCounter('rate:bidder', window, 1); // runs in the writer
 */
export function storeOnThreads(store: Store, threads: { readonly reader: SqliteStoreThread; readonly writer: SqliteStoreThread }): Store {
  // A Proxy rather than a class listing all thirty methods: each call goes by its name.
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || typeof value !== 'function' || OWN_CONNECTION.has(property)) {
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      const thread = WINDOW_READS.has(property) ? threads.reader : threads.writer;
      return (...args: unknown[]) => thread.call(property as StoreMethod, ...(args as Parameters<Store[StoreMethod]>));
    },
  });
}
