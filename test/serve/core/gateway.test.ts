import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ServeExtension, ServingPlan } from '../../../src/serve/context.js';
import { startServer, type RunningServer } from '../../../src/serve/server.js';
import type { PredictionRecord } from '../../../src/serve/store/store.js';
import { issueToken } from '../../../src/serve/tokens/token.js';
import { tinyScore, tinySystem, v2Body } from './fixture-system.js';

const ADMIN = 'admin-secret-for-tests';

/** A serving-plans extension whose plan the test sets, recording what it is told. */
function planSwitch(): ServeExtension & { plan: ServingPlan; seen: PredictionRecord[] } {
  const extension = {
    name: 'test-plans',
    plan: { mode: 'live' } as ServingPlan,
    seen: [] as PredictionRecord[],
    plans: { plan: (): ServingPlan => extension.plan },
    onPrediction(record: PredictionRecord): void {
      extension.seen.push(record);
    },
  };
  return extension;
}

describe('paydown serve gateway (Open Inference Protocol v2)', () => {
  let dir: string;
  let server: RunningServer;
  let reader: string;
  let stranger: string;
  let revoked: string;
  const plans = planSwitch();
  const logs: string[] = [];

  const call = (pathname: string, init: RequestInit & { token?: string } = {}): Promise<Response> =>
    fetch(`${server.url}${pathname}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }), ...(init.headers as Record<string, string> | undefined) },
    });
  const infer = (body: string, token = reader, pathname = '/v2/models/m/infer'): Promise<Response> => call(pathname, { method: 'POST', body, token });

  before(async () => {
    dir = tinySystem({ rate: 1000 });
    server = await startServer({
      systemDir: dir,
      port: 0,
      database: `sqlite:${path.join(dir, 'db', 'serve.sqlite')}`,
      journalDir: path.join(dir, 'journal'),
      adminToken: ADMIN,
      watch: false,
      tokenCacheMs: 0,
      maxBodyBytes: 64 * 1024,
      maxBatch: 50,
      extensions: [plans],
      logSink: (line) => logs.push(line),
    });
    reader = (await issueToken(server.store, 'reader', Date.now())).token;
    stranger = (await issueToken(server.store, 'stranger', Date.now())).token;
    const old = await issueToken(server.store, 'reader', Date.now());
    revoked = old.token;
    await server.store.revokeToken(old.record.id, Date.now());
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers health and readiness without a token', async () => {
    assert.deepEqual(await (await call('/v2/health/live')).json(), { live: true });
    assert.deepEqual(await (await call('/v2/health/ready')).json(), { ready: true });
  });

  it('describes a model: its inputs with datatypes and its versions', async () => {
    const response = await call('/v2/models/m', { token: reader });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { name: string; versions: string[]; inputs: { name: string; datatype: string }[]; outputs: { name: string }[] };
    assert.equal(body.name, 'm');
    assert.deepEqual(body.versions, ['1', '2']);
    assert.deepEqual(
      body.inputs.map((i) => [i.name, i.datatype]),
      [
        ['x', 'FP64'],
        ['colour', 'BYTES'],
      ],
    );
    assert.deepEqual(
      body.outputs.map((o) => o.name),
      ['score', 'action'],
    );
    assert.equal((await call('/v2/models/m/versions/2/ready', { token: reader })).status, 200);
    assert.equal((await call('/v2/models/m/versions/9', { token: reader })).status, 404);
  });

  it('scores a batch with the model file, takes the action at the threshold and logs every row', async () => {
    const response = await infer(v2Body({ x: [0.1, 1, null], colour: ['blue', 'red', null] }));
    assert.equal(response.status, 200);
    const body = (await response.json()) as { model_name: string; model_version: string; id: string; parameters: { prediction_ids: string[]; served_by: string }; outputs: { name: string; data: unknown[] }[] };
    assert.equal(body.model_name, 'm');
    assert.equal(body.model_version, '1');
    const scores = body.outputs.find((o) => o.name === 'score')?.data as number[];
    const expected = [tinyScore(0.1, 'blue'), tinyScore(1, 'red'), tinyScore(0, undefined)];
    scores.forEach((score, i) => assert.ok(Math.abs(score - expected[i]) < 1e-12, `row ${i}: ${score} vs ${expected[i]}`));
    assert.deepEqual(body.outputs.find((o) => o.name === 'action')?.data, ['', 'flag', '']);
    assert.equal(body.parameters.served_by, 'model');
    const ids = body.parameters.prediction_ids;
    assert.equal(new Set(ids).size, 3);
    await server.core.log.flush();
    const stored = await server.store.listPredictions('m', 0, Date.now() + 1, 100);
    const mine = ids.map((id) => stored.find((p) => p.id === id));
    assert.ok(mine.every((p) => p !== undefined), 'every answered row is in the store');
    assert.deepEqual(mine[1]?.inputs, { x: 1, colour: 'red' });
    assert.equal(mine[1]?.consumer, 'reader');
    assert.equal(mine[1]?.action, 'flag');
    assert.equal(mine[0]?.action, null);
    assert.ok(plans.seen.some((record) => record.id === ids[0]), 'extensions hear of each prediction');
  });

  it('echoes the client request id and serves a named version', async () => {
    const response = await infer(JSON.stringify({ id: 'req-42', inputs: [{ name: 'x', shape: [1, 1], datatype: 'FP64', data: [[0.5]] }] }), reader, '/v2/models/m/versions/2/infer');
    const body = (await response.json()) as { id: string; model_version: string; outputs: { data: number[] }[] };
    assert.equal(body.id, 'req-42');
    assert.equal(body.model_version, '2');
    assert.ok(Math.abs(body.outputs[0].data[0] - tinyScore(0.5, undefined, 0)) < 1e-12);
  });

  it('answers with the safe default and takes no action while the breaker is open', async () => {
    plans.plan = { mode: 'safe-default' };
    try {
      const body = (await (await infer(v2Body({ x: [5] }))).json()) as { parameters: { served_by: string; prediction_ids: string[] }; outputs: { name: string; data: unknown[] }[] };
      assert.equal(body.parameters.served_by, 'safe-default');
      assert.deepEqual(body.outputs[0].data, [0.25]);
      assert.deepEqual(body.outputs[1].data, ['']);
      await server.core.log.flush();
      const [stored] = await server.store.listPredictions('m', 0, Date.now() + 1, 1);
      assert.equal(stored.servedBy, 'safe-default');
      assert.equal(stored.action, null);
    } finally {
      plans.plan = { mode: 'live' };
    }
  });

  it('serves the pinned fallback version, and mirrors to the shadow without returning it', async () => {
    plans.plan = { mode: 'fallback', version: '2', shadowVersion: '2' };
    try {
      const body = (await (await infer(v2Body({ x: [0.2] }))).json()) as { model_version: string; parameters: { served_by: string; prediction_ids: string[] }; outputs: { data: number[] }[] };
      assert.equal(body.model_version, '2');
      assert.equal(body.parameters.served_by, 'fallback');
      assert.ok(Math.abs(body.outputs[0].data[0] - tinyScore(0.2, undefined, 0)) < 1e-12);
      assert.equal(body.parameters.prediction_ids.length, 1, 'the shadow answer is not returned');
      plans.plan = { mode: 'live', shadowVersion: '2' };
      const live = (await (await infer(v2Body({ x: [0.3] }))).json()) as { parameters: { prediction_ids: string[] }; outputs: { data: number[] }[] };
      assert.ok(Math.abs(live.outputs[0].data[0] - tinyScore(0.3, undefined)) < 1e-12, 'the live version answers');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await server.core.log.flush();
      const recent = await server.store.listPredictions('m', 0, Date.now() + 1, 10);
      const shadow = recent.find((p) => p.shadowOf === live.parameters.prediction_ids[0]);
      assert.ok(shadow !== undefined, 'the shadow prediction is logged against the live one');
      assert.equal(shadow.version, '2');
      assert.ok(Math.abs((shadow.score ?? 0) - tinyScore(0.3, undefined, 0)) < 1e-12);
      assert.ok(plans.seen.some((record) => record.shadowOf === live.parameters.prediction_ids[0]));
      const labelled = await server.store.labelledPredictions('m', 0, Date.now() + 1);
      assert.ok(!labelled.some((p) => p.id === shadow.id), 'shadows are not live predictions');
    } finally {
      plans.plan = { mode: 'live' };
    }
  });

  it('refuses a call without a token (401) and a consumer not declared for the model (403, audited)', async () => {
    const anonymous = await infer(v2Body({ x: [1] }), '');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer realm="paydown"');
    const refused = await infer(v2Body({ x: [1] }), stranger);
    assert.equal(refused.status, 403);
    const body = (await refused.json()) as { error: string };
    assert.match(body.error, /stranger is not declared/);
    const audit = await server.store.listAudit(20);
    const entry = audit.find((e) => e.actor === 'stranger');
    assert.ok(entry !== undefined, 'the refusal is in the audit log');
    assert.equal(entry.action, 'gateway.refused');
    assert.equal(entry.target, 'm');
    const metrics = await (await call('/metrics')).text();
    assert.match(metrics, /paydown_gateway_refused_total\{model="m",consumer="stranger",reason="undeclared-consumer"\} 1/);
  });

  it('answers a chunked body (no Content-Length, read by Hono) as the fast lane answers a sized one', async () => {
    const body = v2Body({ x: [1, 2] });
    const sized = await infer(body);
    const chunked = await fetch(`${server.url}/v2/models/m/infer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reader}`, 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(body));
          controller.close();
        },
      }),
      duplex: 'half',
    });
    assert.equal(sized.status, 200);
    assert.equal(chunked.status, 200);
    assert.equal(sized.headers.get('content-type'), chunked.headers.get('content-type'));
    type Answer = { id: string; parameters: { prediction_ids: string[] } };
    const withoutIds = (answer: Answer): unknown => ({ ...answer, id: undefined, parameters: { ...answer.parameters, prediction_ids: answer.parameters.prediction_ids.length } });
    assert.deepEqual(withoutIds((await chunked.json()) as Answer), withoutIds((await sized.json()) as Answer));
    const unauthorized = await fetch(`${server.url}/v2/models/m/infer`, { method: 'POST', body: new ReadableStream({ start: (controller) => controller.close() }), duplex: 'half' });
    assert.equal(unauthorized.status, 401);
    assert.equal(unauthorized.headers.get('www-authenticate'), 'Bearer realm="paydown"');
  });

  it('refuses a revoked token with 403 and records it', async () => {
    const response = await infer(v2Body({ x: [1] }), revoked);
    assert.equal(response.status, 403);
    assert.match(((await response.json()) as { error: string }).error, /revoked/);
    assert.ok((await server.store.listAudit(50)).some((e) => e.actor === 'reader' && (e.details as { reason?: string }).reason === 'revoked token'));
  });

  it('answers bad requests with 400/404/413 and an error body without stack or token', async () => {
    const cases: [Response, number][] = [
      [await infer('{"inputs": [', reader), 400],
      [await infer(JSON.stringify({ inputs: [{ name: 'x', shape: [2], datatype: 'FP64', data: [1] }] })), 400],
      [await infer(JSON.stringify({ inputs: [{ name: 'nope', shape: [1], datatype: 'FP64', data: [1] }] })), 400],
      [await infer(JSON.stringify({ inputs: [{ name: 'x', shape: [1], datatype: 'FP64', data: ['text'] }] })), 400],
      [await infer(JSON.stringify({ inputs: 'x' })), 400],
      [await infer(v2Body({ x: [1] }), reader, '/v2/models/unknown/infer'), 404],
      [await infer(v2Body({ x: [1] }), reader, '/v2/models/m/versions/9/infer'), 404],
      [await infer(v2Body({ x: Array.from({ length: 51 }, () => 1) })), 413],
      [await infer(JSON.stringify({ inputs: [{ name: 'x', shape: [1], datatype: 'FP64', data: [1] }], pad: 'y'.repeat(70 * 1024) })), 413],
      [await call('/nowhere'), 404],
    ];
    for (const [response, status] of cases) {
      const text = await response.text();
      assert.equal(response.status, status, text);
      const body = JSON.parse(text) as { error: unknown };
      assert.equal(typeof body.error, 'string');
      assert.doesNotMatch(text, /\bat .*\.js|Error:|node_modules|pd_[0-9a-f]{12}_/);
      assert.ok(!text.includes(reader.slice(20)));
    }
    assert.ok(!logs.join('\n').includes(reader.slice(20)), 'the token never reaches the log');
  });

  it('takes outcomes by prediction id and joins them', async () => {
    const body = (await (await infer(v2Body({ x: [0.4, 0.6] }))).json()) as { parameters: { prediction_ids: string[] } };
    const [a, b] = body.parameters.prediction_ids;
    const response = await call('/api/outcomes', { method: 'POST', token: reader, body: JSON.stringify([{ predictionId: a, label: 1 }, { predictionId: b, label: false }]) });
    assert.deepEqual(await response.json(), { accepted: 2 });
    assert.equal((await call('/api/outcomes', { method: 'POST', body: '[]' })).status, 401);
    assert.equal((await call('/api/outcomes', { method: 'POST', token: ADMIN, body: JSON.stringify([{ predictionId: a, label: 'yes' }]) })).status, 400);
    await server.core.log.flush();
    const labelled = await server.store.labelledPredictions('m', 0, Date.now() + 1);
    assert.equal(labelled.find((p) => p.id === a)?.label, 1);
    assert.equal(labelled.find((p) => p.id === b)?.label, 0);
  });

  it('reports consumers with their SLA and what was measured', async () => {
    const body = (await (await call('/api/consumers')).json()) as { consumers: { id: string; sla: { ratePerSecond: number } | null; tokens: { id: string }[]; observed: { requests: number; refused: number; latencyCompliance: number | null } }[] };
    const readerInfo = body.consumers.find((c) => c.id === 'reader');
    assert.equal(readerInfo?.sla?.ratePerSecond, 1000);
    assert.equal(readerInfo?.tokens.length, 2);
    assert.ok((readerInfo?.observed.requests ?? 0) >= 5);
    assert.equal(readerInfo?.observed.latencyCompliance, 1, 'every answer within the promised second');
    assert.ok((body.consumers.find((c) => c.id === 'stranger')?.observed.refused ?? 0) >= 1);
    assert.ok(!JSON.stringify(body).includes('secretHash'));
  });

  it('exposes Prometheus metrics for requests, latency and the log queue', async () => {
    const text = await (await call('/metrics')).text();
    assert.match(text, /paydown_gateway_requests_total\{model="m",consumer="reader",status="200"\} \d+/);
    assert.match(text, /paydown_gateway_latency_seconds_bucket\{le="0.005",model="m",consumer="reader"\} \d+/);
    assert.match(text, /paydown_log_queue_depth \d+/);
    assert.match(text, /paydown_predictions_total\{model="m",served_by="safe-default"\} 1/);
  });
});

describe('paydown serve rate limit', () => {
  it('refuses calls over sla.ratePerSecond with 429', async () => {
    const dir = tinySystem({ rate: 3 });
    const server = await startServer({ systemDir: dir, port: 0, database: `sqlite:${path.join(dir, 'serve.sqlite')}`, journalDir: path.join(dir, 'journal'), adminToken: ADMIN, watch: false, logSink: () => undefined });
    try {
      const { token } = await issueToken(server.store, 'reader', Date.now());
      // Start at the beginning of a second so all calls fall in one window.
      await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
      const statuses = [];
      const retryAfter = [];
      for (let i = 0; i < 5; i += 1) {
        const response = await fetch(`${server.url}/v2/models/m/infer`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: v2Body({ x: [1] }) });
        statuses.push(response.status);
        retryAfter.push(response.headers.get('retry-after'));
        await response.arrayBuffer();
      }
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      assert.deepEqual(retryAfter, [null, null, null, '1', '1']);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('paydown serve reload, lineage and findings', () => {
  it('reloads changed manifests, keeps the last good system when they break, and feeds received lineage into findings', async () => {
    const dir = tinySystem();
    const server = await startServer({ systemDir: dir, port: 0, database: `sqlite:${path.join(tmpdir(), `paydown-reload-${process.pid}.sqlite`)}`, journalDir: path.join(dir, 'journal'), adminToken: ADMIN, watch: true, logSink: () => undefined });
    try {
      const findings = async (): Promise<{ findings: { ruleId: string; nodeId: string }[]; reloadError: { message: string } | null }> => (await fetch(`${server.url}/api/findings`)).json() as never;
      assert.ok(!(await findings()).findings.some((f) => f.ruleId === 'undeclared-consumer'));
      const event = { eventType: 'COMPLETE', eventTime: new Date().toISOString(), job: { namespace: 'airflow', name: 'secret_report' }, inputs: [{ namespace: 'scores', name: 'm_score' }], outputs: [{ namespace: 'warehouse', name: 'report' }], run: { runId: 'r1' }, producer: 'test' };
      const posted = await fetch(`${server.url}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
      assert.equal(posted.status, 201);
      assert.equal((await fetch(`${server.url}/api/v1/lineage`, { method: 'POST', body: '{"job": 1}' })).status, 400);
      const live = await findings();
      assert.ok(live.findings.some((f) => f.ruleId === 'undeclared-consumer' && f.nodeId === 'm_score'), 'the job seen in lineage reading m_score is an undeclared consumer');
      assert.equal(await server.store.lastCompletion('warehouse', 'report'), Date.parse(event.eventTime));
      const lineage = (await (await fetch(`${server.url}/api/lineage`)).json()) as { events: { jobName: string }[] };
      assert.equal(lineage.events[0].jobName, 'secret_report');
      const beat = await fetch(`${server.url}/api/heartbeat`, { method: 'POST', body: JSON.stringify({ source: 's' }) });
      assert.equal(beat.status, 200);
      assert.ok((await server.store.lastHeartbeat('s')) !== undefined);
      assert.equal((await fetch(`${server.url}/api/heartbeat`, { method: 'POST', body: JSON.stringify({ source: 'nope' }) })).status, 404);

      const system = path.join(dir, 'system.yaml');
      const { readFileSync } = await import('node:fs');
      const text = readFileSync(system, 'utf8');
      writeFileSync(system, text.replace('description: The model under test.', 'description: The model under test, renamed.'));
      await waitFor(async () => {
        const body = (await (await fetch(`${server.url}/api/system`)).json()) as { objects: { id: string; doc: { description?: string } }[] };
        return body.objects.find((o) => o.id === 'm')?.doc.description === 'The model under test, renamed.';
      });
      writeFileSync(system, `${text}\n---\nkind: model\nid: broken\ninputs: 5\n`);
      await waitFor(async () => (await findings()).reloadError !== null);
      assert.match((await findings()).reloadError?.message ?? '', /problem/);
      const stillServing = await fetch(`${server.url}/v2/health/ready`);
      assert.equal(stillServing.status, 200);
      const graph = (await (await fetch(`${server.url}/api/graph`)).json()) as { nodes: { id: string }[]; edges: { from: string; to: string }[] };
      assert.ok(graph.nodes.some((n) => n.id === 'm') && !graph.nodes.some((n) => n.id === 'broken'), 'the last good system is kept');
      assert.ok(graph.edges.some((e) => e.from === 'x' && e.to === 'm'));
      const upstream = (await (await fetch(`${server.url}/api/query/upstream?id=m`)).json()) as { nodes: { id: string }[] };
      assert.deepEqual(upstream.nodes.map((n) => n.id).sort(), ['colour', 's', 'x']);
      assert.equal((await fetch(`${server.url}/api/query/upstream?id=zzz`)).status, 404);
      assert.equal((await fetch(`${server.url}/api/query/sideways?id=m`)).status, 404);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(path.join(tmpdir(), `paydown-reload-${process.pid}.sqlite`), { force: true });
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
