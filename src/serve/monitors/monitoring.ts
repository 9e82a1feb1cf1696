import type { DatasetProfile } from '../../data/profile-types.js';
import { PaydownError } from '../../errors.js';
import { MonitorMetrics } from '../alerts/alert-metrics.js';
import { AlertManager } from '../alerts/alert-manager.js';
import { WebhookSender } from '../alerts/webhook.js';
import type { ServeContext, SystemSnapshot } from '../context.js';
import { applyResponses } from '../responses/respond.js';
import { StoredServingPlans } from '../responses/serving-plans.js';
import type { PredictionRecord } from '../store/store.js';
import { ActionCounter, evaluateActionLimit } from './action-limit.js';
import { evaluateInputDrift, readReferenceProfile } from './input-drift.js';
import type { MonitorOutcome } from './monitor-outcome.js';
import { resolveMonitors, type MonitorSpec } from './monitor-spec.js';
import { evaluatePredictionBias } from './prediction-bias.js';
import { evaluateUpstreamFreshness } from './upstream-freshness.js';

/** Options of the monitors extension. */
export interface MonitorsOptions {
  /** Time between evaluations (default 10,000 ms). */
  readonly intervalMs?: number;
  /** Where alert events are posted (default: the PAYDOWN_WEBHOOK_URL environment variable; none when unset). */
  readonly webhookUrl?: string;
  /** Retries of the webhook: attempts and the first backoff delay. */
  readonly webhook?: { readonly maxAttempts?: number; readonly baseDelayMs?: number };
  /** Time between reloads of the serving plans from the store (default 500 ms). */
  readonly planRefreshMs?: number;
  /** Time between writes of counted actions to the shared counters (default 100 ms). */
  readonly actionFlushMs?: number;
}

/** What one evaluation found. */
export interface EvaluationReport {
  readonly at: number;
  readonly outcomes: readonly MonitorOutcome[];
  /** Monitors that could not be evaluated, with why (e.g. an unreadable reference profile). */
  readonly errors: ReadonlyArray<{ readonly monitor: string; readonly message: string }>;
}

/**
 * The running monitors of one server process: evaluation of every declared monitor, the alert
 * lifecycle, automatic responses and the serving plans they produce, and action counting from
 * the prediction hook. Created by the extension once it has the server's context.
 *
 * @example
 * const monitoring = new Monitoring(context, { intervalMs: 10_000 });
 * await monitoring.start();
 * const report = await monitoring.evaluateNow(); // report.outcomes: one per monitor (per source for freshness)
 */
export class Monitoring {
  readonly context: ServeContext;
  readonly plans: StoredServingPlans;
  readonly alerts: AlertManager;
  readonly webhook: WebhookSender | undefined;
  readonly #options: MonitorsOptions;
  readonly #counter: ActionCounter;
  readonly #metrics: MonitorMetrics;
  readonly #references = new Map<string, Promise<DatasetProfile>>();
  #specs: { snapshot: SystemSnapshot; list: MonitorSpec[]; limitsByModel: Map<string, MonitorSpec[]> } | undefined;
  #last: EvaluationReport | undefined;
  #running: Promise<EvaluationReport> | undefined;
  #timers: NodeJS.Timeout[] = [];
  readonly startedAt: number;

  constructor(context: ServeContext, options: MonitorsOptions = {}) {
    this.context = context;
    this.#options = options;
    this.startedAt = context.now();
    this.plans = new StoredServingPlans(context.store, () => context.snapshot());
    const url = options.webhookUrl ?? process.env.PAYDOWN_WEBHOOK_URL;
    if (url !== undefined && url !== '' && !isHttpUrl(url)) {
      throw new PaydownError('PAYDOWN_USAGE', `the webhook URL must be an http:// or https:// URL, not '${url}'`);
    }
    this.webhook =
      url === undefined || url === ''
        ? undefined
        : new WebhookSender({
            url,
            ...options.webhook,
            onFailure: (payload, attempts, reason) => context.log('error', `webhook gave up after ${attempts} attempts: ${reason}`, { alert: payload.alert.key, event: payload.event }),
          });
    this.#metrics = new MonitorMetrics(context.metrics);
    this.alerts = new AlertManager(context, this.#metrics, this.webhook);
    this.#counter = new ActionCounter(context.store, (monitor) => this.#actionLimitExceeded(monitor));
  }

  /** The monitors of the current system (recomputed when the manifests are reloaded). */
  monitors(): MonitorSpec[] {
    return this.#currentSpecs().list;
  }

  /** The last evaluation of this process, if any. */
  get last(): EvaluationReport | undefined {
    return this.#last;
  }

  async start(): Promise<void> {
    await this.plans.refresh();
    const onError = (what: string) => (error: unknown) => this.context.log('error', `${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    this.plans.start(this.#options.planRefreshMs ?? 500, onError('serving plan refresh'));
    const every = (ms: number, work: () => Promise<unknown>, what: string): void => {
      const timer = setInterval(() => {
        work().catch(onError(what));
      }, ms);
      timer.unref();
      this.#timers.push(timer);
    };
    // The first evaluation runs now, before the server accepts requests: the dashboard and the
    // metrics show every monitor's state from the start, and the first evaluation's one-off
    // costs (the store's reader thread starting, the reference profiles read) do not fall on
    // live traffic.
    await this.evaluateNow().catch(onError('monitor evaluation'));
    every(this.#options.actionFlushMs ?? 100, () => this.#counter.flush(), 'action counting');
    every(this.#options.intervalMs ?? 10_000, () => this.evaluateNow(), 'monitor evaluation');
  }

  async stop(): Promise<void> {
    this.#timers.forEach((timer) => clearInterval(timer));
    this.#timers = [];
    this.plans.stop();
    await this.#running?.catch(() => undefined);
    await this.#counter.flush().catch(() => undefined);
    this.webhook?.stop();
  }

  /** Counts the action of a live prediction against its model's limits. */
  onPrediction(record: PredictionRecord): void {
    if (record.action === null || record.shadowOf !== null || record.servedBy === 'safe-default') return;
    for (const monitor of this.#currentSpecs().limitsByModel.get(record.model) ?? []) {
      const limit = monitor.limits.find((candidate) => candidate.action === record.action);
      if (limit !== undefined) this.#counter.count(monitor, limit, record.at);
    }
  }

  /** Writes counted actions to the store now (tests; otherwise every `actionFlushMs`). */
  flushActions(): Promise<void> {
    return this.#counter.flush();
  }

  /** Evaluates every monitor once; concurrent calls share one evaluation. */
  evaluateNow(): Promise<EvaluationReport> {
    if (this.#running === undefined) {
      this.#running = this.#evaluate().finally(() => {
        this.#running = undefined;
      });
    }
    return this.#running;
  }

  async #evaluate(): Promise<EvaluationReport> {
    await this.#counter.flush();
    const snapshot = this.context.snapshot();
    const now = this.context.now();
    const outcomes: MonitorOutcome[] = [];
    const errors: Array<{ monitor: string; message: string }> = [];
    for (const monitor of this.#currentSpecs().list) {
      try {
        outcomes.push(...(await this.#evaluateOne(monitor, snapshot, now)));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        errors.push({ monitor: monitor.id, message });
        this.context.log('error', `monitor ${monitor.id} could not be evaluated: ${message}`, { monitor: monitor.id });
      }
    }
    const values = outcomes.flatMap((outcome) => outcome.values);
    if (values.length > 0) await this.context.store.appendMonitorValues(values);
    this.#metrics.record(values);
    for (const outcome of outcomes) await this.#settle(outcome);
    await this.alerts.updateMetrics();
    this.#last = { at: now, outcomes, errors };
    return this.#last;
  }

  async #evaluateOne(monitor: MonitorSpec, snapshot: SystemSnapshot, now: number): Promise<MonitorOutcome[]> {
    const { store } = this.context;
    switch (monitor.type) {
      case 'prediction-bias':
        return [await evaluatePredictionBias(store, monitor, now)];
      case 'action-limit':
        return [await evaluateActionLimit(store, monitor, now)];
      case 'upstream-freshness':
        return evaluateUpstreamFreshness(store, snapshot.graph, monitor, now, this.startedAt);
      case 'input-drift': {
        if (monitor.reference === undefined) throw new Error('an input-drift monitor needs `reference:` (a profile saved by `paydown profile --format json`)');
        return [await evaluateInputDrift(store, monitor, await this.#reference(monitor.reference), now)];
      }
    }
  }

  async #settle(outcome: MonitorOutcome): Promise<void> {
    await this.alerts.apply(outcome);
    if (outcome.firing) await applyResponses(this.context, this.plans, outcome);
  }

  async #actionLimitExceeded(monitor: MonitorSpec): Promise<void> {
    const outcome = await evaluateActionLimit(this.context.store, monitor, this.context.now());
    await this.context.store.appendMonitorValues(outcome.values);
    this.#metrics.record(outcome.values);
    await this.#settle(outcome);
  }

  #reference(reference: string): Promise<DatasetProfile> {
    let profile = this.#references.get(reference);
    if (profile === undefined) {
      profile = readReferenceProfile(this.context.systemDir, reference);
      profile.catch(() => this.#references.delete(reference));
      this.#references.set(reference, profile);
    }
    return profile;
  }

  #currentSpecs(): { list: MonitorSpec[]; limitsByModel: Map<string, MonitorSpec[]> } {
    const snapshot = this.context.snapshot();
    if (this.#specs?.snapshot !== snapshot) {
      const list = resolveMonitors(snapshot.system);
      const limitsByModel = new Map<string, MonitorSpec[]>();
      for (const monitor of list) if (monitor.type === 'action-limit') limitsByModel.set(monitor.model, [...(limitsByModel.get(monitor.model) ?? []), monitor]);
      this.#specs = { snapshot, list, limitsByModel };
      this.#references.clear();
    }
    return this.#specs;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
