import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { startServer, type RunningServer } from '../../../src/serve/server.js';
import { issueToken } from '../../../src/serve/tokens/token.js';
import { tinySystem, v2Body } from './fixture-system.js';

/** A small Open Inference Protocol v2 server standing for MLServer: score = x / 10; x = 99 makes it hang. */
function startBackend(): Promise<{ server: ServerType; url: string; seen: unknown[] }> {
  const seen: unknown[] = [];
  const app = new Hono();
  app.post('/v2/models/remote_m/infer', async (c) => {
    const body = await c.req.json<{ inputs: { name: string; data: (number | null)[] }[] }>();
    seen.push(body);
    const x = body.inputs.find((input) => input.name === 'x')?.data ?? [];
    if (x.includes(99)) await new Promise((resolve) => setTimeout(resolve, 1_000));
    if (x.includes(-1)) return c.json({ error: 'bad' }, 500);
    return c.json({ model_name: 'remote_m', outputs: [{ name: 'predict', shape: [x.length], datatype: 'FP64', data: x.map((v) => (v ?? 0) / 10) }] });
  });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, url: `http://127.0.0.1:${info.port}`, seen }));
  });
}

describe('versions served by a v2 backend', () => {
  let backend: Awaited<ReturnType<typeof startBackend>>;
  let server: RunningServer;
  let dir: string;
  let token: string;

  before(async () => {
    backend = await startBackend();
    dir = tinySystem({ backend: backend.url });
    server = await startServer({ systemDir: dir, port: 0, database: `sqlite:${path.join(dir, 'db.sqlite')}`, journalDir: path.join(dir, 'journal'), adminToken: 'a', watch: false, backendTimeoutMs: 300, logSink: () => undefined });
    token = (await issueToken(server.store, 'reader', Date.now())).token;
  });
  after(async () => {
    await server.close();
    backend.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const infer = (x: number[]): Promise<Response> => fetch(`${server.url}/v2/models/m/versions/3/infer`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: v2Body({ x, colour: x.map(() => 'red') }) });

  it('forwards the rows as v2 tensors and returns the backend scores, logged like any prediction', async () => {
    const response = await infer([2, 5]);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { model_version: string; outputs: { data: number[] }[]; parameters: { prediction_ids: string[] } };
    assert.equal(body.model_version, '3');
    assert.deepEqual(body.outputs[0].data, [0.2, 0.5]);
    assert.deepEqual(backend.seen.at(-1), {
      inputs: [
        { name: 'x', shape: [2], datatype: 'FP64', data: [2, 5] },
        { name: 'colour', shape: [2], datatype: 'BYTES', data: ['red', 'red'] },
      ],
    });
    await server.core.log.flush();
    assert.equal((await server.store.storedPredictionIds(body.parameters.prediction_ids)).size, 2);
    const metadata = (await (await fetch(`${server.url}/v2/models/m/versions/3`, { headers: { authorization: `Bearer ${token}` } })).json()) as { platform: string };
    assert.equal(metadata.platform, 'v2-backend');
  });

  it('answers 502 when the backend fails and 504 when it is too slow, without details', async () => {
    const failed = await infer([-1]);
    assert.equal(failed.status, 502);
    assert.deepEqual(await failed.json(), { error: 'the model backend answered 500' });
    const slow = await infer([99]);
    assert.equal(slow.status, 504);
    assert.match(((await slow.json()) as { error: string }).error, /did not answer within 300 ms/);
  });
});
