import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import type * as DuckDBModule from '@duckdb/node-api';
import type * as BindingsModule from '@duckdb/node-bindings';
import { PaydownError } from '../errors.js';
import { minorGc } from './minor-gc.js';

/** A JSON value as DuckDB's JSON converter returns it (BIGINT and friends arrive as strings). */
export type SqlJson = null | boolean | number | string | SqlJson[] | { [key: string]: SqlJson };

/** One result row, keyed by column name. */
export type SqlRow = Record<string, SqlJson>;

/**
 * One column of a chunk handed over by `SqlSession.feed`: the values (a copy, so it outlives
 * DuckDB's chunk) and the validity bits as 32-bit words (bit i set: row i is not null), or null
 * when no row of the chunk is null.
 */
export interface FedColumn {
  readonly items: Float64Array;
  readonly validity: Uint32Array | null;
}

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
   * Calls `onColumns` with the columns of each chunk (up to 2,048 rows) of the values of `args`
   * (SQL expressions, passed as DOUBLE) over `from`, without streaming a result: the expressions
   * are the arguments of a JavaScript function that DuckDB calls on each chunk inside an
   * aggregate query, so the chunks are not copied into a result and fetched one by one. The
   * function only copies the values and validity masks out (with DuckDB's C bindings directly,
   * no wrapper objects) and returns; `onColumns` runs afterwards, in the order of the calls,
   * while DuckDB reads the next chunk. DuckDB calls the function from each of its threads, so only
   * with one thread (`SET threads = 1`) do the chunks come in row order. Memory stays the same
   * whatever the number of rows (at most a few chunks wait).
   */
  feed(args: readonly string[], from: string, onColumns: (columns: readonly FedColumn[], rows: number) => void): Promise<void>;
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

/**
 * How many fed chunks are handed over between two young-generation collections: fed chunks leave
 * less garbage (no wrapper objects), so collecting every 32 (about 6 MB of copies with 12
 * columns) costs less than every 8 for the same effect.
 */
const fedChunksPerCollection = 32;

/** At most this many fed chunks wait to be handled; with this many, DuckDB waits until they are. */
const feedQueue = 4;

/** Numbers the functions `feed` registers (their names must differ within a database). */
let feeds = 0;

/**
 * Opens an in-memory DuckDB with two threads. The database is opened with the C bindings as soon
 * as they are loaded, so that DuckDB starts up on its own thread while @duckdb/node-api's modules
 * load (about 30 ms of each command's start-up).
 *
 * @example
 * const session = await openSession((message) => new PaydownError('PAYDOWN_DATA_UNREADABLE', message));
 * const [row] = await session.query('SELECT 42 AS answer');
 */
export async function openSession(mapError: ErrorMapper, threads = 2): Promise<SqlSession> {
  const opening = openDatabase(threads);
  const { DuckDBInstance } = loadDuckDB();
  const instance = new DuckDBInstance(await opening);
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
          const raw = loadBindings();
          feeds += 1;
          const name = `paydown_feed_${feeds}`;
          const collect = minorGc();
          const pending: Array<{ readonly columns: FedColumn[]; readonly rows: number }> = [];
          let handed = 0;
          let failure: Error | undefined;
          let scheduled = false;
          // the oldest chunk taken from DuckDB, handed over in order
          const handOne = (): void => {
            const next = pending.shift();
            if (next === undefined) return;
            if (failure === undefined) {
              try {
                onColumns(next.columns, next.rows);
              } catch (error) {
                failure = error instanceof Error ? error : new Error(String(error));
              }
            }
            handed += 1;
            // free the native memory of the chunks handed over so far (see minor-gc.ts)
            if (handed % fedChunksPerCollection === 0) collect();
          };
          // one chunk per turn of the event loop, so that DuckDB's next call (which waits for the
          // event loop) is taken between two chunks rather than after all the waiting ones
          const step = (): void => {
            scheduled = false;
            handOne();
            if (pending.length > 0) schedule();
          };
          const schedule = (): void => {
            if (scheduled) return;
            scheduled = true;
            setImmediate(step);
          };
          const sink = new DuckDBScalarFunction();
          sink.setName(name);
          sink.setReturnType(INTEGER);
          sink.setVarArgs(DOUBLE);
          sink.setSpecialHandling();
          sink.setVolatile();
          // the bindings' own callback: no chunk, vector, type or output wrappers are made per chunk
          raw.scalar_function_set_function(sink.scalar_function, (info, input) => {
            if (failure !== undefined) {
              raw.scalar_function_set_error(info, failure.message);
              return;
            }
            const rows = raw.data_chunk_get_size(input);
            const width = raw.data_chunk_get_column_count(input);
            const columns: FedColumn[] = [];
            for (let k = 0; k < width; k += 1) columns.push(copyColumn(raw, raw.data_chunk_get_vector(input, k), rows));
            pending.push({ columns, rows });
            // DuckDB waits while too many chunks are waiting (memory stays bounded)
            while (pending.length >= feedQueue) handOne();
            schedule();
          });
          connection.registerScalarFunction(sink);
          try {
            await connection.run(`SELECT count(${name}(${args.join(', ')})) FROM ${from}`);
          } catch (error) {
            pending.length = 0;
            throw failure ?? error;
          }
          while (pending.length > 0) handOne();
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
type Bindings = typeof BindingsModule;

let duckdb: DuckDBApi | undefined;
let bindings: Bindings | undefined;

/**
 * @duckdb/node-api, loaded on first use with `require`: it is a CommonJS package of some 180
 * modules, and `import` would first scan each of them for its named exports (about 0.2–0.3 s of
 * start-up); `require` loads them without that scan.
 */
function loadDuckDB(): DuckDBApi {
  duckdb ??= createRequire(import.meta.url)('@duckdb/node-api') as DuckDBApi;
  return duckdb;
}

/** Starts opening an in-memory database with the bindings alone (configured as `DuckDBInstance.create` would). */
function openDatabase(threads: number): Promise<BindingsModule.Database> {
  const raw = loadBindings();
  const config = raw.create_config();
  raw.set_config(config, 'duckdb_api', 'node-neo-api');
  raw.set_config(config, 'threads', String(threads));
  return raw.open(':memory:', config);
}

/**
 * @duckdb/node-bindings, the C API bindings @duckdb/node-api is built on (the same version, the
 * same loaded module), for the per-chunk work of `feed`, where node-api's wrappers cost more than
 * the copy itself.
 */
function loadBindings(): Bindings {
  bindings ??= createRequire(import.meta.url)('@duckdb/node-bindings') as Bindings;
  return bindings;
}

const littleEndian = endianness() === 'LE';

/**
 * DuckDB's validity mask of a vector (`words` 64-bit words; bit i of word w set: row 64w + i is
 * not null) as 32-bit words (bit i of word w: row 32w + i), the layout the accumulators read: a
 * view of the same memory on little-endian machines, where the two layouts agree, else a copy.
 *
 * @example
 * const validity = validityWords(mask, Math.ceil(rows / 64));
 * const valid = (validity[i >>> 5] & (1 << (i & 31))) !== 0;
 */
export function validityWords(mask: Uint8Array | BigUint64Array, words: number): Uint32Array {
  if (littleEndian) return new Uint32Array(mask.buffer, mask.byteOffset, words * 2);
  const wide = new BigUint64Array(mask.buffer, mask.byteOffset, words);
  const validity = new Uint32Array(words * 2);
  wide.forEach((word, at) => {
    validity[2 * at] = Number(word & 0xffffffffn);
    validity[2 * at + 1] = Number(word >> 32n);
  });
  return validity;
}

/**
 * The values and validity of one DOUBLE vector of a chunk, copied out (the bindings copy each into
 * a buffer of its own; DuckDB reuses the chunk's memory once the function returns).
 */
function copyColumn(raw: Bindings, vector: BindingsModule.Vector, rows: number): FedColumn {
  const data = raw.vector_get_data(vector, rows * Float64Array.BYTES_PER_ELEMENT);
  const items = new Float64Array(data.buffer, data.byteOffset, rows);
  const words = Math.ceil(rows / 64);
  // the bindings return null when no row is null (their type does not say so)
  const mask = raw.vector_get_validity(vector, words * 8) as Uint8Array | null;
  return { items, validity: mask === null ? null : validityWords(mask, words) };
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
