import path from 'node:path';
import { PaydownError } from '../../errors.js';
import type { KyselyStore } from './kysely-store.js';
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';

/** The default database of `paydown serve`: a SQLite file inside the system directory. */
export function defaultDatabaseUrl(systemDir: string): string {
  return `sqlite:${path.join(systemDir, '.paydown', 'serve.sqlite')}`;
}

/**
 * Opens and migrates the store a database URL names: `sqlite:FILE` (or a path ending in
 * `.sqlite`/`.db`) or `postgres://…`/`postgresql://…`.
 *
 * @example
 * const store = await openStore('sqlite:.paydown/serve.sqlite');
 */
export async function openStore(url: string): Promise<KyselyStore> {
  const store = openUnmigrated(url);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new PaydownError('PAYDOWN_USAGE', `cannot open the database ${redactUrl(url)}: ${(error as Error).message}`);
  }
  return store;
}

function openUnmigrated(url: string): KyselyStore {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgresStore(url);
  const file = sqliteFileOf(url);
  if (file !== undefined) return openSqliteStore(file);
  throw new PaydownError('PAYDOWN_USAGE', `--database wants sqlite:FILE or postgres://…, not ${redactUrl(url)}`);
}

/**
 * The SQLite file a database URL names (`sqlite:FILE`, or a path ending in `.sqlite`/`.db`), or
 * undefined for any other URL.
 *
 * @example
 * sqliteFileOf('sqlite:.paydown/serve.sqlite'); // '.paydown/serve.sqlite'
 */
export function sqliteFileOf(url: string): string | undefined {
  if (url.startsWith('sqlite:')) return url.slice('sqlite:'.length);
  if (/\.(sqlite3?|db)$/.test(url) && !/^postgres(ql)?:\/\//.test(url)) return url;
  return undefined;
}

/** A database URL with any password replaced, safe to print. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
