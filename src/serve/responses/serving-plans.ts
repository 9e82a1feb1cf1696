import type { ServingPlan, ServingPlans, SystemSnapshot } from '../context.js';
import type { Store } from '../store/store.js';
import { parseSwitchKey, switchKey, type SwitchKind } from './response-switch.js';

const LIVE: ServingPlan = { mode: 'live' };

/**
 * Serving plans kept in memory for the gateway's synchronous lookups, refreshed from the store
 * every `refreshMs` (so replicas agree within about that time) and changed at once when this
 * process opens or closes a switch (`note`). An open breaker answers with the safe default; an
 * open fallback switch serves `serving.fallback`; an open shadow switch mirrors to `serving.shadow`.
 *
 * @example
 * const plans = new StoredServingPlans(store, () => context.snapshot());
 * await plans.refresh();
 * plans.plan('ctr'); // { mode: 'live' }
 */
export class StoredServingPlans implements ServingPlans {
  readonly #store: Store;
  readonly #snapshot: () => SystemSnapshot;
  #open = new Set<string>();
  #timer: NodeJS.Timeout | undefined;

  constructor(store: Store, snapshot: () => SystemSnapshot) {
    this.#store = store;
    this.#snapshot = snapshot;
  }

  plan(model: string): ServingPlan {
    const halted = this.#open.has(switchKey('halt-actions', model));
    const fallback = this.#open.has(switchKey('fallback', model));
    const shadow = this.#open.has(switchKey('shadow', model));
    if (!halted && !fallback && !shadow) return LIVE;
    const serving = this.#snapshot().system.models.find((candidate) => candidate.id === model)?.doc.serving;
    const shadowVersion = shadow && serving?.shadow !== undefined ? { shadowVersion: String(serving.shadow) } : {};
    if (halted) return { mode: 'safe-default', ...shadowVersion };
    if (fallback && serving?.fallback !== undefined) return { mode: 'fallback', version: String(serving.fallback), ...shadowVersion };
    return { mode: 'live', ...shadowVersion };
  }

  /** Whether a switch is open as this process last saw it. */
  isOpen(kind: SwitchKind, model: string): boolean {
    return this.#open.has(switchKey(kind, model));
  }

  /** Records a change this process made, before the next refresh would show it. */
  note(kind: SwitchKind, model: string, open: boolean): void {
    const key = switchKey(kind, model);
    if (open) this.#open.add(key);
    else this.#open.delete(key);
  }

  /** Reloads the open switches from the store. */
  async refresh(): Promise<void> {
    const breakers = await this.#store.listBreakers();
    this.#open = new Set(breakers.filter((breaker) => breaker.open).map((breaker) => switchKey(parseSwitchKey(breaker.model).kind, parseSwitchKey(breaker.model).model)));
  }

  /** Refreshes every `refreshMs` until `stop()`; failures are passed to `onError` and retried at the next tick. */
  start(refreshMs: number, onError: (error: unknown) => void): void {
    this.stop();
    this.#timer = setInterval(() => {
      this.refresh().catch(onError);
    }, refreshMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
