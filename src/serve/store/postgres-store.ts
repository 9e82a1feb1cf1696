import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { KyselyStore } from './kysely-store.js';
import type { ServeTables } from './tables.js';

const INT8_OID = 20;

/** 64-bit integers (times in milliseconds, identity ids) come back as numbers, not strings. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};

/**
 * Opens the PostgreSQL store of `paydown serve` on a connection pool; several replicas may share
 * one database. Call `migrate()` before use.
 *
 * @example
 * const store = openPostgresStore('postgres://paydown@db.internal:5432/paydown');
 * await store.migrate();
 */
export function openPostgresStore(connectionString: string, options: { readonly poolSize?: number } = {}): KyselyStore {
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, types });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next query.
  });
  const db = new Kysely<ServeTables>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStore(db, 'postgres');
}
