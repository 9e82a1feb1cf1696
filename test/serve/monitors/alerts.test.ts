import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebhookSender, type WebhookPayload } from '../../../src/serve/alerts/webhook.js';
import type { AlertRecord, PredictionRecord } from '../../../src/serve/store/store.js';
import { createHarness, prediction, T0, type Harness } from './harness.js';

interface Hook {
  readonly url: string;
  readonly received: WebhookPayload[];
  attempts: number;
  close(): Promise<void>;
}

/** A local webhook receiver; `answer(n)` decides the status of the n-th request (1-based), or holds it when it returns 'hold'. */
async function startHook(answer: (attempt: number, response: ServerResponse) => number | 'hold'): Promise<Hook> {
  const hook = { received: [] as WebhookPayload[], attempts: 0 };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      hook.attempts += 1;
      const status = answer(hook.attempts, response);
      if (status === 'hold') return;
      if (status === 200) hook.received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookPayload);
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(hook, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}

const alert = { id: 1, key: 'k', monitor: 'm', model: 'ctr', source: null, severity: 'warning', state: 'firing', message: 'x', details: null, firstAt: T0, lastAt: T0, resolvedAt: null, count: 1 } satisfies AlertRecord;

describe('webhook delivery', () => {
  it('retries with exponential backoff against a server that fails twice, then delivers once', async () => {
    const hook = await startHook((attempt) => (attempt <= 2 ? 503 : 200));
    const delays: number[] = [];
    const sender = new WebhookSender({ url: hook.url, baseDelayMs: 20, sleep: (ms) => { delays.push(ms); return new Promise((resolve) => setTimeout(resolve, ms)); } });
    try {
      sender.send({ event: 'firing', alert });
      await sender.idle();
      assert.equal(hook.attempts, 3);
      assert.deepEqual(delays, [20, 40], 'base, then twice the base');
      assert.equal(sender.delivered, 1);
      assert.deepEqual(hook.received, [{ event: 'firing', alert }]);
    } finally {
      await hook.close();
    }
  });

  it('gives up after maxAttempts and reports why', async () => {
    const hook = await startHook(() => 500);
    const failures: string[] = [];
    const sender = new WebhookSender({ url: hook.url, maxAttempts: 3, baseDelayMs: 1, onFailure: (_payload, attempts, reason) => failures.push(`${attempts} ${reason}`) });
    try {
      sender.send({ event: 'resolved', alert });
      await sender.idle();
      assert.equal(hook.attempts, 3);
      assert.deepEqual(failures, ['3 HTTP 500']);
      assert.equal(sender.failed, 1);
    } finally {
      await hook.close();
    }
  });
});

describe('alert lifecycle through the monitors', () => {
  let harness: Harness;
  let hook: Hook;
  let held: ServerResponse[] = [];
  before(async () => {
    hook = await startHook((attempt, response) => {
      if (attempt === 1) {
        held.push(response);
        return 'hold';
      }
      return 200;
    });
    harness = await createHarness({ webhookUrl: hook.url, webhook: { baseDelayMs: 1 } });
  });
  after(async () => {
    held.forEach((response) => response.destroy());
    await harness.close();
    await hook.close();
  });

  const biased = async (at: number, label: number): Promise<void> => {
    const records: PredictionRecord[] = Array.from({ length: 20 }, (_, i) => prediction({ model: 'ranker', score: 0.2, at: at + i }));
    await harness.predict(records);
    await harness.store.appendOutcomes(records.map((record) => ({ predictionId: record.id, label, at: at + 100 })));
  };
  const rankerAlerts = async (): Promise<AlertRecord[]> => (await harness.store.listAlerts()).filter((candidate) => candidate.monitor === 'ranker/prediction-bias');

  it('fires once; the evaluation does not wait for a webhook that has not answered', async () => {
    await biased(T0, 1);
    harness.setNow(T0 + 60_000);
    await harness.extension.evaluateNow();
    const [fired] = await rankerAlerts();
    assert.deepEqual([fired.state, fired.count], ['firing', 1]);
    while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(hook.attempts, 1, 'the webhook holds the request; the evaluation had already finished');
    held[0].destroy();
    held = [];
    await harness.monitoring.webhook!.idle();
    assert.deepEqual(hook.received.map((payload) => `${payload.event} ${payload.alert.key}`), ['firing ranker/prediction-bias'], 'the retry after the broken connection delivered it');
  });

  it('deduplicates: firing again updates the open alert instead of opening another, and sends nothing', async () => {
    harness.setNow(T0 + 120_000);
    await harness.extension.evaluateNow();
    const alerts = await rankerAlerts();
    assert.equal(alerts.length, 1);
    assert.deepEqual([alerts[0].state, alerts[0].count, alerts[0].lastAt], ['firing', 2, T0 + 120_000]);
    await harness.monitoring.webhook!.idle();
    assert.equal(hook.received.length, 1);
  });

  it('exposes the firing alerts and monitor values as Prometheus metrics', async () => {
    const text = await harness.context.metrics.metrics();
    assert.match(text, /paydown_alerts_firing\{severity="warning"\} [1-9]/);
    assert.match(text, /paydown_monitor_value\{monitor="ranker\/prediction-bias",model="ranker",slice=""\} -0\.(8|7999)/);
  });

  it('resolves when the bias is gone, sends the resolution, and a new episode opens a new alert', async () => {
    await biased(T0 + 2 * 3_600_000, 0);
    harness.setNow(T0 + 2 * 3_600_000 + 60_000);
    const report = await harness.extension.evaluateNow();
    const outcome = report.outcomes.find((candidate) => candidate.monitor.id === 'ranker/prediction-bias')!;
    assert.ok(Math.abs((outcome.details as { groups: Array<{ bias: number }> }).groups[0].bias - 0.2) < 1e-9);
    assert.equal(outcome.firing, true, 'bias +0.2 is still beyond 0.05');
    const calibrated = Array.from({ length: 20 }, (_, i) => prediction({ model: 'ranker', score: 0.25, at: T0 + 3 * 3_600_000 + i }));
    await harness.predict(calibrated);
    await harness.store.appendOutcomes(calibrated.map((record, i) => ({ predictionId: record.id, label: i < 5 ? 1 : 0, at: T0 + 3 * 3_600_000 + 100 })));
    harness.setNow(T0 + 3 * 3_600_000 + 60_000);
    await harness.extension.evaluateNow();
    assert.deepEqual((await rankerAlerts()).map((candidate) => candidate.state), ['resolved']);
    await biased(T0 + 5 * 3_600_000, 1);
    harness.setNow(T0 + 5 * 3_600_000 + 60_000);
    await harness.extension.evaluateNow();
    assert.deepEqual((await rankerAlerts()).map((candidate) => candidate.state), ['firing', 'resolved']);
    await harness.monitoring.webhook!.idle();
    assert.deepEqual(hook.received.filter((payload) => payload.alert.monitor === 'ranker/prediction-bias').map((payload) => payload.event), ['firing', 'resolved', 'firing']);
  });
});

describe('webhook configuration', () => {
  it('refuses a webhook URL that is not http(s) before the server starts', async () => {
    await assert.rejects(createHarness({ webhookUrl: 'hooks.example.com/paydown' }), { code: 'PAYDOWN_USAGE', message: /webhook URL must be an http:\/\/ or https:\/\/ URL/ });
  });
});
