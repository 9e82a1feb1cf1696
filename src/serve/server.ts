/**
 * `paydown serve` as a library: {@link startServer} loads a system, opens its store, replays
 * the prediction journal, starts the extensions and listens.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getRequestListener, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { Registry } from 'prom-client';
import { PaydownError } from '../errors.js';
import { createServeApp } from './app.js';
import { withInferFastLane } from './gateway/fast-lane.js';
import type { ServeContext, ServeExtension } from './context.js';
import { RateLimiter } from './consumers/rate-limit.js';
import { SlaTracker } from './consumers/sla-tracker.js';
import { Journal } from './log/journal.js';
import { storeLogWriter } from './log/log-writer.js';
import { PredictionLog } from './log/prediction-log.js';
import { SystemHolder, loadServing } from './registry/system-holder.js';
import type { ServeCore } from './serve-core.js';
import { registerServeMetrics } from './serve-metrics.js';
import type { KyselyStore } from './store/kysely-store.js';
import { defaultDatabaseUrl, openStore, redactUrl, sqliteFileOf } from './store/open-store.js';
import { SqliteStoreThread, storeOnThreads } from './store/sqlite-store-thread.js';
import { generateAdminToken, sha256Hex } from './tokens/token.js';
import { TokenVerifier } from './tokens/token-verifier.js';

export interface ServeOptions {
  /** The directory of the manifests. */
  readonly systemDir: string;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** `sqlite:FILE` or `postgres://…`; default `sqlite:<systemDir>/.paydown/serve.sqlite`. */
  readonly database?: string;
  /** The journal folder of this process; default `<systemDir>/.paydown/journal-<port>`. */
  readonly journalDir?: string;
  /** fsync the journal on each append (survives power loss, slower). */
  readonly journalFsync?: boolean;
  /** Default: PAYDOWN_ADMIN_TOKEN, else a new random token returned as `generatedAdminToken`. */
  readonly adminToken?: string;
  readonly extensions?: readonly ServeExtension[];
  /** Reload the manifests when files change (default true). */
  readonly watch?: boolean;
  readonly maxBodyBytes?: number;
  readonly maxBatch?: number;
  readonly backendTimeoutMs?: number;
  /** Prediction log batching. */
  readonly logBatchSize?: number;
  readonly logIntervalMs?: number;
  /** How long a token lookup is cached (default 1,000 ms). */
  readonly tokenCacheMs?: number;
  readonly now?: () => number;
  /** Where log lines go (default: standard error, one JSON object a line). */
  readonly logSink?: (line: string) => void;
}

export interface RunningServer {
  /** `http://host:port` */
  readonly url: string;
  readonly port: number;
  readonly app: Hono;
  readonly context: ServeContext;
  readonly core: ServeCore;
  readonly store: KyselyStore;
  /** The admin token when it was generated here (print it once); undefined when given. */
  readonly generatedAdminToken: string | undefined;
  /** Records replayed from the journal of an earlier run at start-up. */
  readonly recovered: number;
  /** Loads the manifests again now (as a file change would). */
  reload(): Promise<void>;
  /** Stops listening, stops the extensions, flushes the prediction log and closes the store. */
  close(): Promise<void>;
}

/**
 * Starts `paydown serve` in this process.
 *
 * @example
 * const server = await startServer({ systemDir: 'examples/ad-click', port: 0, extensions: [monitorsExtension()] });
 * console.log(server.url);
 * await server.close();
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const now = options.now ?? Date.now;
  const sink = options.logSink ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log: ServeContext['log'] = (level, message, fields = {}) => sink(JSON.stringify({ at: new Date(now()).toISOString(), level, message, ...fields }));
  const systemDir = path.resolve(options.systemDir);
  const servedOptions = options.backendTimeoutMs === undefined ? {} : { backendTimeoutMs: options.backendTimeoutMs };
  const first = await loadServing(systemDir, now(), servedOptions);
  const port = options.port ?? 8080;
  const database = options.database ?? defaultDatabaseUrl(systemDir);
  const store = await openStore(database);
  const journalDir = path.resolve(options.journalDir ?? path.join(systemDir, '.paydown', `journal-${port}`));
  let journal: Journal;
  try {
    journal = new Journal(journalDir, { fsync: options.journalFsync === true });
  } catch (error) {
    await store.close();
    throw error;
  }
  const threads = storeThreadsFor(database);
  const predictionLog = new PredictionLog(journal, threads?.writer ?? storeLogWriter(store), {
    ...(options.logBatchSize === undefined ? {} : { batchSize: options.logBatchSize }),
    ...(options.logIntervalMs === undefined ? {} : { intervalMs: options.logIntervalMs }),
    onError: (error) => log('warn', 'cannot write the prediction log to the store yet; will retry', { error: error instanceof Error ? error.message : String(error) }),
  });
  const recovered = await predictionLog.recover();
  if (recovered > 0) log('info', 'replayed the journal of an earlier run into the store', { records: recovered });

  const given = options.adminToken ?? process.env.PAYDOWN_ADMIN_TOKEN ?? '';
  const generatedAdminToken = given === '' ? generateAdminToken() : undefined;
  const adminToken = generatedAdminToken ?? given;
  const registry = new Registry();
  const metrics = registerServeMetrics(registry, () => predictionLog.depth);
  const holder = new SystemHolder(systemDir, first, now, servedOptions, (error) => {
    if (error === undefined) log('info', 'manifests reloaded');
    else log('warn', 'manifests not reloaded; still serving the last good system', { error: error.message, problems: error.problems });
  });
  const served = threads === undefined ? store : storeOnThreads(store, threads);
  const context: ServeContext = {
    store: served,
    systemDir,
    snapshot: () => holder.current.snapshot,
    now,
    metrics: registry,
    adminTokenHash: sha256Hex(adminToken),
    log,
  };
  const extensions = options.extensions ?? [];
  let accepting = false;
  const core: ServeCore = {
    context,
    holder,
    log: predictionLog,
    verifier: new TokenVerifier(served, now, options.tokenCacheMs),
    sla: new SlaTracker(),
    rateLimiter: new RateLimiter(served, { onError: (error) => log('warn', 'cannot update the shared rate counters', { error: error instanceof Error ? error.message : String(error) }) }),
    metrics,
    extensions,
    plans: extensions.find((extension) => extension.plans !== undefined)?.plans,
    limits: { maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024, maxBatch: options.maxBatch ?? 1000 },
    ready: () => accepting,
  };
  const app = createServeApp(core);
  const started: ServeExtension[] = [];
  try {
    for (const extension of extensions) {
      await extension.start?.(context);
      started.push(extension);
    }
  } catch (error) {
    await shutdown(undefined, started, predictionLog, store, holder, threads);
    throw error;
  }
  let server: ServerType;
  try {
    const hostname = options.host ?? '127.0.0.1';
    server = await listen(createServer(withInferFastLane(core, getRequestListener(app.fetch, { hostname }))), port, hostname);
  } catch (error) {
    await shutdown(undefined, started, predictionLog, store, holder, threads);
    throw error;
  }
  if (options.watch !== false) holder.watch(200, [journalDir]);
  accepting = true;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  log('info', 'paydown serve is listening', { url: `http://${host}:${address.port}`, database: redactUrl(database), models: [...first.served.keys()] });
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    app,
    context,
    core,
    store,
    generatedAdminToken,
    recovered,
    reload: () => holder.reload(),
    close: () => {
      accepting = false;
      closing ??= core.rateLimiter.stop().then(() => shutdown(server, started, predictionLog, store, holder, threads));
      return closing;
    },
  };
}

/** Worker threads with their own SQLite connections: one for the prediction log's inserts, one for the monitors' window reads. */
interface StoreThreads {
  readonly writer: SqliteStoreThread;
  readonly reader: SqliteStoreThread;
}

/**
 * A SQLite file gets store threads, since its statements would otherwise run between requests;
 * PostgreSQL queries already leave the thread, and an in-memory SQLite database cannot be opened
 * twice.
 */
function storeThreadsFor(database: string): StoreThreads | undefined {
  const file = sqliteFileOf(database);
  return file === undefined || file === ':memory:' ? undefined : { writer: new SqliteStoreThread(file), reader: new SqliteStoreThread(file) };
}

/** Listens with the Hono app behind the gateway's fast lane (`gateway/fast-lane.ts`). */
function listen(server: ServerType, port: number, hostname: string): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    server.listen(port, hostname);
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PaydownError('PAYDOWN_USAGE', `port ${port} on ${hostname} is in use; choose another with --port`) : error);
    });
    server.once('listening', () => resolve(server));
  });
}

async function shutdown(
  server: ServerType | undefined,
  extensions: readonly ServeExtension[],
  log: PredictionLog,
  store: KyselyStore,
  holder: SystemHolder,
  threads: StoreThreads | undefined,
): Promise<void> {
  holder.unwatch();
  if (server !== undefined) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeIdleConnections' in server) {
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }
    });
  }
  for (const extension of [...extensions].reverse()) await extension.stop?.();
  await log.close();
  await threads?.reader.close();
  await store.close();
}
