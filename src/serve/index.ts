/**
 * `paydown serve` as a library (a separate entry so `import 'paydown'` does not load the HTTP
 * server and database drivers).
 *
 * @example
 * import { startServer, issueToken } from 'paydown/serve';
 * const server = await startServer({ systemDir: 'examples/ad-click', port: 0 });
 * const { token } = await issueToken(server.store, 'bidder', Date.now());
 */
export { startServer, type RunningServer, type ServeOptions } from './server.js';
export type { ServeContext, ServeExtension, ServingPlan, ServingPlans, SystemSnapshot } from './context.js';
export type * from './store/store.js';
export { openStore, defaultDatabaseUrl } from './store/open-store.js';
export { KyselyStore } from './store/kysely-store.js';
export { issueToken, sha256Hex } from './tokens/token.js';
export { HttpError } from './http-error.js';
