import { openStore } from '../../../src/serve/store/open-store.js';
import { startPostgres } from '../../support/postgres.js';
import { storeContract } from './store-contract.js';

storeContract('PostgreSQL', async () => {
  const server = await startPostgres();
  const store = await openStore(server.url);
  return {
    store,
    cleanup: async () => {
      await store.close();
      server.stop();
    },
  };
});
