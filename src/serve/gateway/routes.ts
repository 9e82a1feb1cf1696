/**
 * The prediction gateway: the Open Inference Protocol v2 REST subset (health, model metadata and
 * readiness, inference) for declared consumers. Each answered row is one logged prediction.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Context, Hono } from 'hono';
import { PaydownError } from '../../errors.js';
import type { ServingPlan } from '../context.js';
import { HttpError } from '../http-error.js';
import { readJsonBody } from '../read-body.js';
import type { ServeCore } from '../serve-core.js';
import type { PredictionRecord, ServedBy } from '../store/store.js';
import { authorizeConsumer } from '../tokens/authorize.js';
import type { ServedModel, ServedVersion } from './served-models.js';
import { parseInferRequest } from './v2-request.js';

const LIVE: ServingPlan = { mode: 'live' };

export function registerGatewayRoutes(app: Hono, core: ServeCore): void {
  app.get('/v2', (c) => c.json({ name: 'paydown', version: '1', extensions: [] }));
  app.get('/v2/health/live', (c) => c.json({ live: true }));
  app.get('/v2/health/ready', (c) => (core.ready() ? c.json({ ready: true }) : c.json({ ready: false }, 503)));

  const metadata = async (c: Context, name: string, version: string | undefined): Promise<Response> => {
    const model = servedModel(core, name);
    await authorizeConsumer(core, c, name);
    const served = version === undefined ? liveOf(model) : versionOf(model, version);
    return c.json({
      name,
      versions: [...model.versions.keys()],
      platform: served.platform,
      inputs: served.inputs.map((input) => ({ name: input.name, datatype: input.datatype, shape: [-1] })),
      outputs: [{ name: 'score', datatype: 'FP64', shape: [-1] }, ...(model.action === null ? [] : [{ name: 'action', datatype: 'BYTES', shape: [-1] }])],
      parameters: { live_version: model.liveVersion, ...(version === undefined ? {} : { version }) },
    });
  };
  const ready = async (c: Context, name: string, version: string | undefined): Promise<Response> => {
    const model = servedModel(core, name);
    await authorizeConsumer(core, c, name);
    if (version !== undefined) versionOf(model, version);
    return c.json({ name, ready: core.ready() }, core.ready() ? 200 : 503);
  };
  app.get('/v2/models/:name', (c) => metadata(c, c.req.param('name'), undefined));
  app.get('/v2/models/:name/versions/:version', (c) => metadata(c, c.req.param('name'), c.req.param('version')));
  app.get('/v2/models/:name/ready', (c) => ready(c, c.req.param('name'), undefined));
  app.get('/v2/models/:name/versions/:version/ready', (c) => ready(c, c.req.param('name'), c.req.param('version')));
  app.post('/v2/models/:name/infer', (c) => infer(core, c, c.req.param('name'), undefined));
  app.post('/v2/models/:name/versions/:version/infer', (c) => infer(core, c, c.req.param('name'), c.req.param('version')));
}

function servedModel(core: ServeCore, name: string): ServedModel {
  const model = core.holder.current.served.get(name);
  if (model === undefined) {
    const declared = core.holder.current.snapshot.system.models.some((candidate) => candidate.id === name);
    throw new HttpError(404, declared ? `model ${name} is not served (its manifest has no serving: section)` : `unknown model ${name}`);
  }
  return model;
}

function versionOf(model: ServedModel, version: string): ServedVersion {
  const served = model.versions.get(version);
  if (served === undefined) throw new HttpError(404, `model ${model.id} has no served version ${version} (versions: ${[...model.versions.keys()].join(', ')})`);
  return served;
}

function liveOf(model: ServedModel): ServedVersion {
  return versionOf(model, model.liveVersion);
}

async function infer(core: ServeCore, c: Context, name: string, requestedVersion: string | undefined): Promise<Response> {
  const started = performance.now();
  const model = servedModel(core, name);
  let consumer = '';
  let status = 200;
  try {
    ({ consumer } = await authorizeConsumer(core, c, name));
    const sla = core.holder.current.snapshot.system.consumers.find((candidate) => candidate.id === consumer)?.doc.sla;
    if (sla?.ratePerSecond !== undefined && !(await core.rateLimiter.allow(consumer, sla.ratePerSecond, core.context.now()))) {
      core.metrics.refused.inc({ model: name, consumer, reason: 'rate-limit' });
      core.sla.rateLimited(consumer);
      c.header('Retry-After', '1');
      throw new HttpError(429, `consumer ${consumer} is over its rate of ${sla.ratePerSecond} requests per second`);
    }
    const served = new Set((requestedVersion === undefined ? liveOf(model) : versionOf(model, requestedVersion)).inputs.map((input) => input.name));
    const request = parseInferRequest(await readJsonBody(c, core.limits.maxBodyBytes), served, core.limits.maxBatch);
    const plan = core.plans?.plan(name) ?? LIVE;
    const answer = await answerRows(model, plan, requestedVersion, request.rows);
    const at = core.context.now();
    const latencyMs = performance.now() - started;
    const records: PredictionRecord[] = request.rows.map((inputs, row) => ({
      id: randomUUID(),
      model: name,
      version: answer.version,
      consumer,
      inputs,
      outputs: answer.actions === undefined ? { score: answer.scores[row] } : { score: answer.scores[row], action: answer.actions[row] },
      score: answer.scores[row],
      action: answer.actions?.[row] ?? null,
      servedBy: answer.servedBy,
      shadowOf: null,
      at,
      latencyMs,
    }));
    core.log.logPredictions(records);
    core.metrics.predictions.inc({ model: name, served_by: answer.servedBy }, records.length);
    notify(core, records);
    if (plan.shadowVersion !== undefined && requestedVersion === undefined && model.versions.has(plan.shadowVersion)) {
      const shadow = versionOf(model, plan.shadowVersion);
      setImmediate(() => void mirror(core, shadow, records));
    }
    const ids = records.map((record) => record.id);
    const within = core.sla.answered(consumer, performance.now() - started, sla?.latencyMs);
    if (!within) core.metrics.slaMisses.inc({ consumer });
    return c.json({
      model_name: name,
      model_version: answer.version,
      id: request.id ?? (ids.length === 1 ? ids[0] : randomUUID()),
      parameters: { prediction_ids: ids, served_by: answer.servedBy },
      outputs: [
        { name: 'score', shape: [ids.length], datatype: 'FP64', data: answer.scores },
        ...(answer.actions === undefined ? [] : [{ name: 'action', shape: [ids.length], datatype: 'BYTES', data: answer.actions.map((action) => action ?? '') }]),
      ],
    });
  } catch (error) {
    status = error instanceof HttpError ? error.status : 500;
    throw error;
  } finally {
    core.metrics.requests.inc({ model: name, consumer, status: String(status) });
    if (status === 200) core.metrics.latency.observe({ model: name, consumer }, (performance.now() - started) / 1000);
  }
}

interface Answer {
  readonly version: string;
  readonly servedBy: ServedBy;
  readonly scores: number[];
  /** Present when the model declares an action: the action taken per row, or null. */
  readonly actions: (string | null)[] | undefined;
}

async function answerRows(model: ServedModel, plan: ServingPlan, requestedVersion: string | undefined, rows: readonly Readonly<Record<string, unknown>>[]): Promise<Answer> {
  if (plan.mode === 'safe-default') {
    if (model.safeDefault === undefined) throw new HttpError(503, `model ${model.id} is halted (breaker open) and declares no serving.safeDefault`);
    const score = model.safeDefault;
    return { version: requestedVersion ?? model.liveVersion, servedBy: 'safe-default', scores: rows.map(() => score), actions: model.action === null ? undefined : rows.map(() => null) };
  }
  const fallback = requestedVersion === undefined && plan.mode === 'fallback' && plan.version !== undefined && model.versions.has(plan.version);
  const version = requestedVersion ?? (fallback ? (plan.version ?? model.liveVersion) : model.liveVersion);
  const scores = await score(versionOf(model, version), rows);
  const action = model.action;
  return {
    version,
    servedBy: fallback ? 'fallback' : 'model',
    scores,
    actions: action === null ? undefined : scores.map((s) => (s >= model.threshold ? action : null)),
  };
}

async function score(version: ServedVersion, rows: readonly Readonly<Record<string, unknown>>[]): Promise<number[]> {
  try {
    return await version.score(rows);
  } catch (error) {
    if (error instanceof PaydownError) throw new HttpError(400, error.message);
    throw error;
  }
}

/** Scores the candidate version on the same rows after the answer, logs it as a shadow; never returned. */
async function mirror(core: ServeCore, version: ServedVersion, live: readonly PredictionRecord[]): Promise<void> {
  const started = performance.now();
  try {
    const scores = await version.score(live.map((record) => record.inputs));
    const latencyMs = performance.now() - started;
    const at = core.context.now();
    const shadows: PredictionRecord[] = live.map((record, row) => ({
      ...record,
      id: randomUUID(),
      version: version.version,
      outputs: { score: scores[row] },
      score: scores[row],
      action: null,
      servedBy: 'model',
      shadowOf: record.id,
      at,
      latencyMs,
    }));
    core.log.logPredictions(shadows);
    core.metrics.predictions.inc({ model: live[0]?.model ?? '', served_by: 'shadow' }, shadows.length);
    notify(core, shadows);
  } catch (error) {
    core.context.log('warn', 'shadow scoring failed', { model: live[0]?.model, version: version.version, error: error instanceof Error ? error.message : String(error) });
  }
}

function notify(core: ServeCore, records: readonly PredictionRecord[]): void {
  for (const extension of core.extensions) {
    if (extension.onPrediction === undefined) continue;
    for (const record of records) {
      try {
        extension.onPrediction(record);
      } catch (error) {
        core.context.log('error', `extension ${extension.name} failed on a prediction`, { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}
