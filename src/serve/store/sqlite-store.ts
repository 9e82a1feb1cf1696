import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { KyselyStore } from './kysely-store.js';
import type { ServeTables } from './tables.js';

/** Prepared statements kept per connection: the gateway runs the same few statements again and again. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Opens (creating it and its folder when missing) the embedded SQLite store of `paydown serve`,
 * in WAL mode with `synchronous=NORMAL`: committed transactions survive a killed process, and
 * readers never wait for the writer. Call `migrate()` before use.
 *
 * @example
 * const store = openSqliteStore('.paydown/serve.sqlite');
 * await store.migrate();
 */
export function openSqliteStore(file: string): KyselyStore {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<ServeTables>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return new KyselyStore(db, 'sqlite');
}

/**
 * The connection as Kysely sees it, preparing each distinct SQL text once. Kysely runs one
 * statement at a time on a SQLite connection, so a cached statement is never in use twice.
 */
function withStatementCache(database: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      } else {
        cache.delete(sql);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
