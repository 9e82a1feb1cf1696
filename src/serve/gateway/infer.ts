/**
 * Answering an inference call: the gateway's work between reading a request and writing its
 * answer, shared by the Hono route and the fast lane of the Node.js server.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PaydownError } from '../../errors.js';
import type { ServingPlan } from '../context.js';
import { HttpError } from '../http-error.js';
import type { ServeCore } from '../serve-core.js';
import type { PredictionRecord, ServedBy } from '../store/store.js';
import { authorizeConsumer } from '../tokens/authorize.js';
import { liveOf, servedModel, versionOf } from './find-served.js';
import type { ServedModel, ServedVersion } from './served-models.js';
import { parseInferRequest } from './v2-request.js';

const LIVE: ServingPlan = { mode: 'live' };

/** One inference call as the gateway received it, whichever HTTP layer read it. */
export interface InferCall {
  /** The model named in the path. */
  readonly model: string;
  /** The version named in the path, if any. */
  readonly version: string | undefined;
  /** The value of the `Authorization` header. */
  readonly authorization: string | undefined;
  /** Reads and parses the JSON body; called only once the caller is authorized. */
  readonly body: () => Promise<unknown>;
}

/** The Open Inference Protocol v2 inference response. */
export interface InferResponse {
  readonly model_name: string;
  readonly model_version: string;
  readonly id: string;
  readonly parameters: { readonly prediction_ids: readonly string[]; readonly served_by: ServedBy };
  readonly outputs: readonly { readonly name: string; readonly shape: readonly number[]; readonly datatype: string; readonly data: readonly unknown[] }[];
}

/**
 * Answers one inference call: checks the consumer's token, declaration and rate, scores the rows
 * with the version the serving plan says (live, pinned fallback, or the safe default while a
 * breaker is open), logs every row as a prediction, mirrors to a shadow version, and counts
 * requests, latency and SLA. Refusals and bad requests are thrown as {@link HttpError}s.
 *
 * @example
 * const answer = await answerInference(core, { model: 'ctr', version: undefined, authorization: 'Bearer pd_…', body: async () => v2Body });
 * answer.outputs[0].data; // [0.12]
 */
export async function answerInference(core: ServeCore, call: InferCall): Promise<InferResponse> {
  const started = performance.now();
  const { model: name, version: requestedVersion } = call;
  const model = servedModel(core, name);
  let consumer = '';
  let status = 200;
  try {
    ({ consumer } = await authorizeConsumer(core, call.authorization, name));
    const sla = core.holder.current.snapshot.system.consumers.find((candidate) => candidate.id === consumer)?.doc.sla;
    if (sla?.ratePerSecond !== undefined && !(await core.rateLimiter.allow(consumer, sla.ratePerSecond, core.context.now()))) {
      core.metrics.refused.inc({ model: name, consumer, reason: 'rate-limit' });
      core.sla.rateLimited(consumer);
      throw new HttpError(429, `consumer ${consumer} is over its rate of ${sla.ratePerSecond} requests per second`, { headers: { 'Retry-After': '1' } });
    }
    const served = new Set((requestedVersion === undefined ? liveOf(model) : versionOf(model, requestedVersion)).inputs.map((input) => input.name));
    const request = parseInferRequest(await call.body(), served, core.limits.maxBatch);
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
    return {
      model_name: name,
      model_version: answer.version,
      id: request.id ?? (ids.length === 1 ? ids[0] : randomUUID()),
      parameters: { prediction_ids: ids, served_by: answer.servedBy },
      outputs: [
        { name: 'score', shape: [ids.length], datatype: 'FP64', data: answer.scores },
        ...(answer.actions === undefined ? [] : [{ name: 'action', shape: [ids.length], datatype: 'BYTES', data: answer.actions.map((action) => action ?? '') }]),
      ],
    };
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
