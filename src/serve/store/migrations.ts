/**
 * The schema of the serve store, as Kysely migrations shared by SQLite and PostgreSQL. Kysely's
 * migrator takes a lock (a table row on SQLite, the same on PostgreSQL), so several replicas may
 * start at once. Only the identity columns and the append-only trigger differ between back ends.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { StoreFlavour } from './tables.js';

/** The migrations of the serve store, by name (applied in name order). */
export function serveMigrations(flavour: StoreFlavour): MigrationProvider {
  const identity = flavour === 'sqlite' ? 'integer' : 'bigserial';
  const migrations: Record<string, Migration> = {
    '0001-initial': {
      async up(db: Kysely<unknown>): Promise<void> {
        const idColumn = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => (flavour === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
        await db.schema
          .createTable('tokens')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('consumer', 'text', (c) => c.notNull())
          .addColumn('secret_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('revoked_at', 'bigint')
          .execute();
        await db.schema
          .createTable('predictions')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('model', 'text', (c) => c.notNull())
          .addColumn('version', 'text', (c) => c.notNull())
          .addColumn('consumer', 'text', (c) => c.notNull())
          .addColumn('inputs', 'text', (c) => c.notNull())
          .addColumn('outputs', 'text', (c) => c.notNull())
          .addColumn('score', 'double precision')
          .addColumn('action', 'text')
          .addColumn('served_by', 'text', (c) => c.notNull())
          .addColumn('shadow_of', 'text')
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('latency_ms', 'double precision', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('predictions_model_at').ifNotExists().on('predictions').columns(['model', 'at']).execute();
        await db.schema
          .createTable('outcomes')
          .ifNotExists()
          .addColumn('prediction_id', 'text', (c) => c.primaryKey())
          .addColumn('label', 'double precision', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('counters')
          .ifNotExists()
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('window_start', 'bigint', (c) => c.notNull())
          .addColumn('value', 'double precision', (c) => c.notNull())
          .addPrimaryKeyConstraint('counters_pk', ['key', 'window_start'])
          .execute();
        await db.schema
          .createTable('alerts')
          .ifNotExists()
          .addColumn('id', identity, idColumn)
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('monitor', 'text', (c) => c.notNull())
          .addColumn('model', 'text')
          .addColumn('source', 'text')
          .addColumn('severity', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .addColumn('first_at', 'bigint', (c) => c.notNull())
          .addColumn('last_at', 'bigint', (c) => c.notNull())
          .addColumn('resolved_at', 'bigint')
          .addColumn('count', 'integer', (c) => c.notNull())
          .execute();
        // At most one firing alert per key: firing again updates it (deduplication).
        await db.schema.createIndex('alerts_open_key').ifNotExists().on('alerts').column('key').unique().where(sql.ref('state'), '=', sql.lit('firing')).execute();
        await db.schema
          .createTable('breakers')
          .ifNotExists()
          .addColumn('model', 'text', (c) => c.primaryKey())
          .addColumn('open', 'integer', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('changed_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('audit')
          .ifNotExists()
          .addColumn('id', identity, idColumn)
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .execute();
        await appendOnly(db, flavour, 'audit');
        await db.schema
          .createTable('lineage')
          .ifNotExists()
          .addColumn('id', identity, idColumn)
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('event_type', 'text', (c) => c.notNull())
          .addColumn('job_namespace', 'text', (c) => c.notNull())
          .addColumn('job_name', 'text', (c) => c.notNull())
          .addColumn('inputs', 'text', (c) => c.notNull())
          .addColumn('outputs', 'text', (c) => c.notNull())
          .addColumn('raw', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('dataset_completions')
          .ifNotExists()
          .addColumn('namespace', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('dataset_completions_pk', ['namespace', 'name'])
          .execute();
        await db.schema
          .createTable('heartbeats')
          .ifNotExists()
          .addColumn('source', 'text', (c) => c.primaryKey())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('monitor_values')
          .ifNotExists()
          .addColumn('monitor', 'text', (c) => c.notNull())
          .addColumn('model', 'text')
          .addColumn('slice', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('value', 'double precision', (c) => c.notNull())
          .addColumn('samples', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('monitor_values_monitor_at').ifNotExists().on('monitor_values').columns(['monitor', 'at']).execute();
      },
    },
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}

/** Refuses UPDATE and DELETE on a table in the database itself. */
async function appendOnly(db: Kysely<unknown>, flavour: StoreFlavour, table: string): Promise<void> {
  if (flavour === 'sqlite') {
    for (const verb of ['UPDATE', 'DELETE']) {
      await sql
        .raw(`CREATE TRIGGER IF NOT EXISTS ${table}_no_${verb.toLowerCase()} BEFORE ${verb} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`)
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`,
    )
    .execute(db);
  await sql.raw(`DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`).execute(db);
  await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`).execute(db);
}
