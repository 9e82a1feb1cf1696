import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { KyselyStore } from '../../../src/serve/store/kysely-store.js';
import { openStore } from '../../../src/serve/store/open-store.js';
import { freePort, startPostgres, type TempPostgres } from '../../support/postgres.js';
import { tinySystem, v2Body } from './fixture-system.js';
import { createTokenWithCli, startServeProcess, type ServeProcess } from './serve-process.js';

const RATE = 10;
let postgres: TempPostgres;
let store: KyselyStore;
let dir: string;
let token: string;
const replicas: ServeProcess[] = [];

before(async () => {
  postgres = await startPostgres();
  dir = tinySystem({ rate: RATE });
  token = createTokenWithCli('reader', dir, postgres.url);
  const env = { PAYDOWN_ADMIN_TOKEN: 'replica-test-admin' };
  for (const name of ['a', 'b']) {
    replicas.push(await startServeProcess([dir, '--database', postgres.url, '--journal', path.join(dir, `journal-${name}`)], await freePort(), env));
  }
  store = await openStore(postgres.url);
});

after(async () => {
  for (const replica of replicas) {
    replica.child.kill('SIGTERM');
    await replica.exited;
  }
  await store?.close();
  postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function infer(replica: ServeProcess): Promise<{ status: number; servedBy?: string; ids?: string[] }> {
  const response = await fetch(`${replica.url}/v2/models/m/infer`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: v2Body({ x: [0.9] }) });
  if (response.status !== 200) {
    await response.arrayBuffer();
    return { status: response.status };
  }
  const body = (await response.json()) as { parameters: { served_by: string; prediction_ids: string[] } };
  return { status: 200, servedBy: body.parameters.served_by, ids: body.parameters.prediction_ids };
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('two replicas on one PostgreSQL share the rate limit of a consumer', async () => {
  const [a, b] = replicas;
  // Every call must fall in one one-second rate window; on a slow machine a try can straddle
  // two windows, and is then made again in a fresh one.
  for (let attempt = 1; ; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
    const window = Math.floor(Date.now() / 1000);
    const fromA = [];
    for (let i = 0; i < 6; i += 1) fromA.push((await infer(a)).status);
    await new Promise((resolve) => setTimeout(resolve, 300)); // A adds its calls to the shared counter (every 50 ms)
    const fromB = [];
    for (let i = 0; i < 6; i += 1) fromB.push((await infer(b)).status);
    if (Math.floor(Date.now() / 1000) !== window && attempt < 4) continue;
    assert.deepEqual(fromA, [200, 200, 200, 200, 200, 200]);
    assert.deepEqual(fromB, [200, 200, 200, 200, 429, 429], 'B counts the calls A answered');
    return;
  }
});

it('two replicas honour a breaker opened in the store and log to the same database', async () => {
  const [a, b] = replicas;
  await new Promise((resolve) => setTimeout(resolve, 1100)); // a fresh rate window
  assert.equal(await store.setBreaker('m', true, 'opened by the replica test', Date.now()), true);
  await waitUntil(async () => (await infer(a)).servedBy === 'safe-default' && (await infer(b)).servedBy === 'safe-default');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const during = [await infer(a), await infer(b)];
  assert.deepEqual(
    during.map((r) => r.servedBy),
    ['safe-default', 'safe-default'],
  );
  assert.equal(await store.setBreaker('m', false, 'closed by the replica test', Date.now()), true);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = [await infer(a), await infer(b)];
  assert.deepEqual(
    after.map((r) => r.servedBy),
    ['model', 'model'],
  );
  const ids = [...during, ...after].flatMap((r) => r.ids ?? []);
  await waitUntil(async () => (await store.storedPredictionIds(ids)).size === ids.length, 5_000);
});
