import type { Store } from '../store/store.js';
import type { MonitorOutcome } from './monitor-outcome.js';
import type { ActionLimitSpec, MonitorSpec } from './monitor-spec.js';

/** The shared counter of one model's action (one row per window). */
export function actionCounterKey(model: string, action: string): string {
  return `actions:${model}:${action}`;
}

/** The counter holding how many actions had been counted when a person last reset the breaker in a window. */
export function actionBaselineKey(model: string, action: string): string {
  return `actions-reset:${model}:${action}`;
}

/** Start of the window holding `at`: windows are aligned to multiples of their length since the epoch. */
export function windowStart(at: number, perMs: number): number {
  return Math.floor(at / perMs) * perMs;
}

/** Actions of one model counted against its limit in the window holding `at` (since the last reset in it). */
export async function actionsInWindow(store: Store, model: string, limit: ActionLimitSpec, at: number): Promise<number> {
  const start = windowStart(at, limit.perMs);
  const total = await store.addToCounter(actionCounterKey(model, limit.action), start, 0);
  const baseline = await store.addToCounter(actionBaselineKey(model, limit.action), start, 0);
  return total - baseline;
}

/**
 * Starts the count of every limited action of a model afresh in the current window, so that a
 * person's breaker reset is not undone by the actions already counted. Shared through the store.
 */
export async function restartActionCounts(store: Store, model: string, limits: readonly ActionLimitSpec[], at: number): Promise<void> {
  for (const limit of limits) {
    const counted = await actionsInWindow(store, model, limit, at);
    if (counted !== 0) await store.addToCounter(actionBaselineKey(model, limit.action), windowStart(at, limit.perMs), counted);
  }
}

/** Evaluates an action-limit monitor: actions in the current window against each limit. */
export async function evaluateActionLimit(store: Store, monitor: MonitorSpec, now: number): Promise<MonitorOutcome> {
  const counts: Array<{ action: string; count: number; max: number; perMs: number }> = [];
  for (const limit of monitor.limits) counts.push({ action: limit.action, count: await actionsInWindow(store, monitor.model, limit, now), max: limit.max, perMs: limit.perMs });
  const exceeded = counts.filter((entry) => entry.count > entry.max);
  const message =
    exceeded.length === 0
      ? `${monitor.model}: actions within their limits`
      : `${monitor.model}: action limit exceeded: ${exceeded.map((entry) => `${entry.action} ${entry.count} > ${entry.max} per ${entry.perMs / 1000}s`).join(', ')}`;
  const overall = counts.reduce((largest, entry) => Math.max(largest, entry.count), 0);
  return {
    monitor,
    key: monitor.id,
    firing: exceeded.length > 0,
    resolvable: !monitor.respond.includes('halt-actions'),
    severity: 'critical',
    message,
    details: { counts },
    values: [
      { monitor: monitor.id, model: monitor.model, slice: '', at: now, value: overall, samples: overall },
      ...counts.map((entry) => ({ monitor: monitor.id, model: monitor.model, slice: `action=${entry.action}`, at: now, value: entry.count, samples: entry.count })),
    ],
  };
}

/**
 * Counts actions from the prediction hook without a database write per prediction: increments
 * are summed in memory and added to the shared counters on `flush()`. `onExceeded` is called
 * with the monitor whose limit a flush pushed over.
 *
 * @example
 * const counter = new ActionCounter(store, (monitor) => openBreaker(monitor));
 * counter.count(monitor, monitor.limits[0], record.at); // from the prediction hook
 * await counter.flush();                                 // every 100 ms
 */
export class ActionCounter {
  readonly #pending = new Map<string, { monitor: MonitorSpec; limit: ActionLimitSpec; start: number; amount: number }>();
  readonly #store: Store;
  readonly #onExceeded: (monitor: MonitorSpec) => Promise<void>;

  constructor(store: Store, onExceeded: (monitor: MonitorSpec) => Promise<void>) {
    this.#store = store;
    this.#onExceeded = onExceeded;
  }

  /** Notes one action of a model at a time, when a monitor limits it. */
  count(monitor: MonitorSpec, limit: ActionLimitSpec, at: number): void {
    const start = windowStart(at, limit.perMs);
    const key = `${monitor.id}\u0000${limit.action}\u0000${start}`;
    const entry = this.#pending.get(key);
    if (entry === undefined) this.#pending.set(key, { monitor, limit, start, amount: 1 });
    else entry.amount += 1;
  }

  get pending(): number {
    return this.#pending.size;
  }

  /** Adds the counted actions to the shared counters and checks the limits. */
  async flush(): Promise<void> {
    const entries = [...this.#pending.values()];
    this.#pending.clear();
    const exceeded = new Set<MonitorSpec>();
    for (const entry of entries) {
      const total = await this.#store.addToCounter(actionCounterKey(entry.monitor.model, entry.limit.action), entry.start, entry.amount);
      if (total <= entry.limit.max) continue;
      const baseline = await this.#store.addToCounter(actionBaselineKey(entry.monitor.model, entry.limit.action), entry.start, 0);
      if (total - baseline > entry.limit.max) exceeded.add(entry.monitor);
    }
    for (const monitor of exceeded) await this.#onExceeded(monitor);
  }
}
