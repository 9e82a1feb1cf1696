import { createRequire } from 'node:module';
import type { DuckDBConnection, DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api';
import type * as DuckDBModule from '@duckdb/node-api';
import { PaydownError } from '../errors.js';
import { minorGc } from './minor-gc.js';

/** A JSON value as DuckDB's JSON converter returns it (BIGINT and friends arrive as strings). */
export type SqlJson = null | boolean | number | string | SqlJson[] | { [key: string]: SqlJson };

/** One result row, keyed by column name. */
export type SqlRow = Record<string, SqlJson>;

/** An in-memory DuckDB connection that turns DuckDB errors into PaydownErrors. */
export interface SqlSession {
  /** Runs a query and returns its rows as plain JSON values (never the raw data of a whole file). */
  query(sql: string): Promise<SqlRow[]>;
  /** Runs a statement without reading its result. */
  run(sql: string): Promise<void>;
  /**
   * Runs a query and hands its result to `onChunk` one chunk (up to 2,048 rows) at a time, keeping
   * none of them: memory stays the same whatever the number of rows.
   */
  stream(sql: string, onChunk: (chunk: DuckDBDataChunk) => void): Promise<void>;
  /**
   * Calls `onColumns` with the vectors of each chunk (up to 2,048 rows) of the values of `args`
   * (SQL expressions, passed as DOUBLE) over `from`, without streaming a result: the expressions
   * are the arguments of a JavaScript function that DuckDB calls on each chunk inside an
   * aggregate query, so the chunks are not copied into a result and fetched one by one. The
   * function only takes the vectors and returns; `onColumns` runs afterwards, in the order of the
   * calls, while DuckDB reads the next chunk. DuckDB calls the function from each of its threads,
   * so only with one thread (`SET threads = 1`) do the chunks come in row order. Memory stays the
   * same whatever the number of rows (at most a few chunks wait).
   */
  feed(args: readonly string[], from: string, onColumns: (vectors: readonly DuckDBVector[], rows: number) => void): Promise<void>;
  /**
   * The same connection with another error mapper, e.g. to explain failures while one dataset is
   * read into a shared session; closing it closes the shared connection.
   */
  withErrorMapper(mapError: ErrorMapper): SqlSession;
  /**
   * Runs `work` on a second connection to the same database (same views), so that two queries
   * run at once, e.g. one streamed into JavaScript while DuckDB aggregates another. The second
   * connection is closed when `work` settles.
   */
  alongside<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Closes the connection and the database. */
  close(): void;
}

/** Explains a DuckDB failure; `describe` turns the DuckDB message into a PaydownError. */
export type ErrorMapper = (message: string, cause: unknown) => PaydownError | Promise<PaydownError>;

/** How many streamed chunks are handed over between two young-generation collections. */
const chunksPerCollection = 8;

/** At most this many fed chunks wait to be handled; with this many, DuckDB waits until they are. */
const feedQueue = 4;

/** Numbers the functions `feed` registers (their names must differ within a database). */
let feeds = 0;

/**
 * Opens an in-memory DuckDB with two threads.
 *
 * @example
 * const session = await openSession((message) => new PaydownError('PAYDOWN_DATA_UNREADABLE', message));
 * const [row] = await session.query('SELECT 42 AS answer');
 */
export async function openSession(mapError: ErrorMapper, threads = 2): Promise<SqlSession> {
  const { DuckDBInstance } = loadDuckDB();
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const main: DuckDBConnection = await instance.connect();
  const closeAll = (): void => {
    main.closeSync();
    instance.closeSync();
  };
  const sessionFor = (mapper: ErrorMapper, connection: DuckDBConnection = main, close: () => void = closeAll): SqlSession => {
    const guard = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        if (error instanceof PaydownError) throw error;
        throw await mapper(error instanceof Error ? error.message : String(error), error);
      }
    };
    return {
      query: (sql) => guard(async () => (await connection.runAndReadAll(sql)).getRowObjectsJson() as SqlRow[]),
      run: (sql) =>
        guard(async () => {
          await connection.run(sql);
        }),
      stream: (sql, onChunk) =>
        guard(async () => {
          const result = await connection.stream(sql);
          const collect = minorGc();
          // ask for the next chunk before handling this one, so DuckDB reads while JavaScript works
          let next = result.fetchChunk();
          for (let handed = 1; ; handed += 1) {
            const chunk = await next;
            if (chunk === null || chunk.rowCount === 0) break;
            next = result.fetchChunk();
            onChunk(chunk);
            // free the native memory of the chunks handed over so far (see minor-gc.ts)
            if (handed % chunksPerCollection === 0) collect();
          }
        }),
      feed: (args, from, onColumns) =>
        guard(async () => {
          const { DuckDBScalarFunction, DOUBLE, INTEGER } = loadDuckDB();
          feeds += 1;
          const name = `paydown_feed_${feeds}`;
          const collect = minorGc();
          const pending: Array<{ readonly vectors: DuckDBVector[]; readonly rows: number }> = [];
          let handed = 0;
          let failure: Error | undefined;
          // the chunks taken from DuckDB so far, in order: run between two calls, while DuckDB reads on
          const drain = (): void => {
            for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
              if (failure !== undefined) continue;
              try {
                onColumns(next.vectors, next.rows);
              } catch (error) {
                failure = error instanceof Error ? error : new Error(String(error));
              }
              handed += 1;
              // free the native memory of the chunks handed over so far (see minor-gc.ts)
              if (handed % chunksPerCollection === 0) collect();
            }
          };
          const sink = DuckDBScalarFunction.create({
            name,
            returnType: INTEGER,
            varArgsType: DOUBLE,
            volatile: true,
            specialHandling: true,
            mainFunction: (info, input) => {
              if (failure !== undefined) {
                info.setError(failure.message);
                return;
              }
              // getColumnVector copies the values and the validity mask out of the chunk, which DuckDB reuses on return
              const vectors = Array.from({ length: input.columnCount }, (_unused, k) => input.getColumnVector(k));
              pending.push({ vectors, rows: input.rowCount });
              // DuckDB waits while too many chunks are waiting (memory stays bounded)
              if (pending.length >= feedQueue) drain();
              else if (pending.length === 1) setImmediate(drain);
            },
          });
          connection.registerScalarFunction(sink);
          try {
            await connection.run(`SELECT count(${name}(${args.join(', ')})) FROM ${from}`);
          } catch (error) {
            throw failure ?? error;
          }
          drain();
          if (failure !== undefined) throw failure;
        }),
      withErrorMapper: (other) => sessionFor(other, connection, close),
      alongside: async (work) => {
        const second = await instance.connect();
        try {
          return await work(sessionFor(mapper, second, () => second.closeSync()));
        } finally {
          second.closeSync();
        }
      },
      close,
    };
  };
  return sessionFor(mapError);
}

type DuckDBApi = typeof DuckDBModule;

let duckdb: DuckDBApi | undefined;

/**
 * @duckdb/node-api, loaded on first use with `require`: it is a CommonJS package of some 180
 * modules, and `import` would first scan each of them for its named exports (about 0.2–0.3 s of
 * start-up); `require` loads them without that scan.
 */
function loadDuckDB(): DuckDBApi {
  duckdb ??= createRequire(import.meta.url)('@duckdb/node-api') as DuckDBApi;
  return duckdb;
}

/**
 * Quotes an identifier (a column or view name) for DuckDB SQL; any characters are safe.
 *
 * @example
 * quoteIdent('prix "net" €'); // '"prix ""net"" €"'
 */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Quotes a string literal for DuckDB SQL; any characters are safe.
 *
 * @example
 * quoteLiteral("it's.csv"); // "'it''s.csv'"
 */
export function quoteLiteral(text: string): string {
  if (text.includes('\0')) throw new PaydownError('PAYDOWN_USAGE', 'text with a NUL character cannot be used in a query');
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A number from a JSON result value (DuckDB sends wide integers as strings, NaN and infinity as
 * 'NaN' and 'Infinity'); null stays null.
 *
 * @example
 * toNumber('12'); // 12
 */
export function toNumber(value: SqlJson | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const parsed = Number(value);
    return Number.isNaN(parsed) && value !== 'NaN' ? null : parsed;
  }
  return null;
}

/** Like `toNumber`, but null becomes 0 (for counts). */
export function toCount(value: SqlJson | undefined): number {
  return toNumber(value) ?? 0;
}

/** A result value as text (null stays null; lists and objects as JSON). */
export function toText(value: SqlJson | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
