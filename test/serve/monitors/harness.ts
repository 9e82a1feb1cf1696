import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { Registry } from 'prom-client';
import { emptyEvidence } from '../../../src/evidence/load-evidence.js';
import { buildGraph } from '../../../src/graph/build-graph.js';
import { loadSystem } from '../../../src/manifest/load-system.js';
import type { ServeContext, SystemSnapshot } from '../../../src/serve/context.js';
import { monitorsExtension, type MonitorsExtension, type MonitorsOptions } from '../../../src/serve/monitors/extension.js';
import type { Monitoring } from '../../../src/serve/monitors/monitoring.js';
import type { KyselyStore } from '../../../src/serve/store/kysely-store.js';
import { openStore } from '../../../src/serve/store/open-store.js';
import type { PredictionRecord } from '../../../src/serve/store/store.js';

export const ADMIN_TOKEN = 'admin-secret-for-tests';
/** 2026-01-05T00:00:00Z, a whole hour, so hourly windows start here. */
export const T0 = Date.UTC(2026, 0, 5);
export const HOUR = 3_600_000;

/** A small system with one monitor of each type and every response. */
export const SYSTEM_YAML = `kind: source
id: click_log
owner: logging
freshness: { maxAge: 1h }
dataset: { namespace: s3://logs, name: click_log }
---
kind: source
id: impression_log
owner: logging
freshness: { maxAge: 2h }
---
kind: feature
id: country
owner: features
inputs: [impression_log]
---
kind: feature
id: clicks_7d
owner: features
inputs: [click_log]
---
kind: model
id: ctr
owner: ads-ranking
inputs: [country, clicks_7d]
threshold: { value: 0.5, setBy: learned, objective: max-f1 }
monitors:
  - { type: prediction-bias, window: 1h, tolerance: 0.05, minSamples: 50, slices: [country], respond: [alert, shadow] }
  - { type: input-drift, window: 1h, tolerance: 0.2, minSamples: 50, reference: reference/inputs.profile.json }
  - { type: upstream-freshness }
serving:
  version: 7
  versions: { '7': { file: m7.json }, '8': { file: m8.json } }
  shadow: 8
---
kind: model
id: ranker
owner: ranking-team
inputs: [clicks_7d]
monitors:
  - { type: prediction-bias, window: 1h, tolerance: 0.05, minSamples: 20, respond: [alert, fallback] }
serving:
  version: 3
  versions: { '3': { file: r3.json }, '2': { file: r2.json } }
  fallback: 2
---
kind: model
id: spam_filter
owner: trust-and-safety
inputs: [country]
actions:
  - { name: block_ad, limit: { max: 5, per: 1h } }
monitors:
  - { type: action-limit, action: block_ad }
serving:
  versions: { '1': { file: s1.json } }
  safeDefault: { score: 0 }
`;

/** A hand-made reference profile: country US/DE/JP 50/30/20 %, clicks_7d uniform over [0, 10). */
export const REFERENCE_PROFILE = {
  format: 'paydown.profile/v1',
  source: 'synthetic',
  createdAt: '2026-01-01T00:00:00.000Z',
  rows: 1000,
  columns: [
    {
      name: 'country',
      sqlType: 'VARCHAR',
      kind: 'categorical',
      count: 1000,
      nulls: { count: 0, share: 0 },
      distinct: { value: 3, exact: true },
      categorical: { top: [{ value: 'US', count: 500 }, { value: 'DE', count: 300 }, { value: 'JP', count: 200 }], otherCount: 0, complete: true },
    },
    {
      name: 'clicks_7d',
      sqlType: 'DOUBLE',
      kind: 'numeric',
      count: 1000,
      nulls: { count: 0, share: 0 },
      distinct: { value: 1000, exact: true },
      numeric: {
        min: 0,
        max: 10,
        mean: 5,
        stddev: 2.89,
        quantiles: [],
        quantilesExact: true,
        histogram: { edges: [0, 2, 4, 6, 8, 10], counts: [200, 200, 200, 200, 200] },
        fineHistogram: { edges: [0, 10], counts: [1000] },
        nan: 0,
        infinite: 0,
      },
    },
  ],
};

export interface Harness {
  readonly dir: string;
  readonly store: KyselyStore;
  readonly context: ServeContext;
  readonly extension: MonitorsExtension;
  readonly monitoring: Monitoring;
  readonly app: Hono;
  readonly logs: Array<{ level: string; message: string }>;
  /** Moves the fake clock. */
  setNow(at: number): void;
  now(): number;
  /** Logs predictions (and calls the prediction hook like the gateway does). */
  predict(records: readonly PredictionRecord[]): Promise<void>;
  request(pathname: string, init?: RequestInit & { admin?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

let counter = 0;

/** One prediction with defaults filled in. */
export function prediction(fields: Partial<PredictionRecord> & { model: string }): PredictionRecord {
  counter += 1;
  return {
    id: fields.id ?? `p${counter}`,
    version: '1',
    consumer: 'tester',
    inputs: {},
    outputs: null,
    score: null,
    action: null,
    servedBy: 'model',
    shadowOf: null,
    at: T0,
    latencyMs: 1,
    ...fields,
  };
}

/**
 * A monitors extension on a real SQLite store (a file in a temp dir) with a fake clock, the
 * small system above, and a Hono app with its routes, called in process.
 */
export async function createHarness(options: MonitorsOptions & { readonly systemYaml?: string; readonly database?: string } = {}): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'paydown-monitors-'));
  writeFileSync(path.join(dir, 'system.yaml'), options.systemYaml ?? SYSTEM_YAML);
  const referenceDir = path.join(dir, 'reference');
  mkdirSync(referenceDir);
  writeFileSync(path.join(referenceDir, 'inputs.profile.json'), JSON.stringify(REFERENCE_PROFILE));
  const system = await loadSystem(dir);
  const snapshot: SystemSnapshot = { system, graph: buildGraph(system, emptyEvidence), loadedAt: T0 };
  const store = await openStore(options.database ?? `sqlite:${path.join(dir, 'serve.sqlite')}`);
  let now = T0;
  const logs: Array<{ level: string; message: string }> = [];
  const context: ServeContext = {
    store,
    systemDir: dir,
    snapshot: () => snapshot,
    now: () => now,
    metrics: new Registry(),
    adminTokenHash: createHash('sha256').update(ADMIN_TOKEN).digest('hex'),
    log: (level, message) => logs.push({ level, message }),
  };
  const extension = monitorsExtension({ intervalMs: 3_600_000, planRefreshMs: 3_600_000, actionFlushMs: 3_600_000, ...options });
  const app = new Hono();
  try {
    extension.routes!(app, context);
  } catch (error) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const monitoring = extension.monitoring!;
  await monitoring.plans.refresh();
  return {
    dir,
    store,
    context,
    extension,
    monitoring,
    app,
    logs,
    setNow: (at) => {
      now = at;
    },
    now: () => now,
    async predict(records) {
      await store.appendPredictions(records);
      for (const record of records) extension.onPrediction!(record);
    },
    request(pathname, init = {}) {
      const headers = new Headers(init.headers);
      if (init.admin === true) headers.set('authorization', `Bearer ${ADMIN_TOKEN}`);
      return Promise.resolve(app.request(pathname, { ...init, headers }));
    },
    async close() {
      await extension.stop!();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
