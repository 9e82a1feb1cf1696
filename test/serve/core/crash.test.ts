import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import { openStore } from '../../../src/serve/store/open-store.js';
import { freePort } from '../../support/postgres.js';
import { tinySystem, v2Body } from './fixture-system.js';
import { createTokenWithCli, startServeProcess } from './serve-process.js';

const dir = tinySystem({ rate: 1_000_000 });
after(() => rmSync(dir, { recursive: true, force: true }));

it('loses no acknowledged prediction or outcome when paydown serve is killed with SIGKILL under load', async () => {
  const database = `sqlite:${path.join(dir, 'serve.sqlite')}`;
  const args = [dir, '--database', database, '--journal', path.join(dir, 'journal')];
  const env = { PAYDOWN_ADMIN_TOKEN: 'crash-test-admin' };
  const token = createTokenWithCli('reader', dir, database);
  const port = await freePort();
  const first = await startServeProcess(args, port, env);

  const predicted: string[] = [];
  const labelled = new Map<string, number>();
  let stop = false;
  let failures = 0;
  const predictLoop = async (worker: number): Promise<void> => {
    for (let i = 0; !stop; i += 1) {
      try {
        const rows = 1 + ((worker + i) % 3);
        const response = await fetch(`${first.url}/v2/models/m/infer`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: v2Body({ x: Array.from({ length: rows }, (_, r) => (i + r) / 100) }),
        });
        if (response.status !== 200) {
          failures += 1;
          continue;
        }
        const body = (await response.json()) as { parameters: { prediction_ids: string[] } };
        predicted.push(...body.parameters.prediction_ids);
      } catch {
        failures += 1; // the connection died with the server: not acknowledged
      }
    }
  };
  const outcomeLoop = async (): Promise<void> => {
    let next = 0;
    while (!stop) {
      const batch = predicted.slice(next, next + 20);
      if (batch.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        continue;
      }
      const outcomes = batch.map((id, k) => ({ predictionId: id, label: (next + k) % 2 }));
      try {
        const response = await fetch(`${first.url}/api/outcomes`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(outcomes) });
        if (response.status === 200) {
          await response.arrayBuffer();
          for (const outcome of outcomes) labelled.set(outcome.predictionId, outcome.label);
          next += batch.length;
        }
      } catch {
        // not acknowledged
      }
    }
  };
  const loops = [...Array.from({ length: 6 }, (_, w) => predictLoop(w)), outcomeLoop(), outcomeLoop()];
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  first.child.kill('SIGKILL');
  assert.equal(await first.exited, 'SIGKILL');
  stop = true;
  await Promise.all(loops);
  assert.ok(predicted.length > 50, `enough traffic before the kill (${predicted.length} acknowledged predictions)`);
  assert.ok(labelled.size > 10, `enough outcomes before the kill (${labelled.size})`);

  const second = await startServeProcess(args, port, env);
  try {
    const store = await openStore(database);
    try {
      const stored = await store.storedPredictionIds(predicted);
      const missing = predicted.filter((id) => !stored.has(id));
      assert.deepEqual(missing.slice(0, 5), [], `${missing.length} of ${predicted.length} acknowledged predictions lost`);
      const outcomes = await store.storedOutcomes([...labelled.keys()]);
      const wrong = [...labelled].filter(([id, label]) => outcomes.get(id) !== label);
      assert.deepEqual(wrong.slice(0, 5), [], `${wrong.length} of ${labelled.size} acknowledged outcomes lost`);
    } finally {
      await store.close();
    }
  } finally {
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0, second.stderr());
  }
  process.stdout.write(`# acknowledged before kill -9: ${predicted.length} predictions, ${labelled.size} outcomes; ${failures} calls cut off; ${/"records":(\d+)/.exec(second.stderr())?.[1] ?? 0} records replayed from the journal\n`);
});
