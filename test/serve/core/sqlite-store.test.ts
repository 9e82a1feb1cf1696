import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../../src/serve/store/open-store.js';
import { storeContract } from './store-contract.js';

storeContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'paydown-sqlite-store-'));
  const store = await openStore(`sqlite:${path.join(dir, 'nested', 'serve.sqlite')}`);
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
