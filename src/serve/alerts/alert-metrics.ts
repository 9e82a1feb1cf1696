import { Gauge, type Registry } from 'prom-client';
import type { MonitorValueRecord } from '../store/store.js';

/**
 * The monitors' Prometheus metrics: `paydown_alerts_firing` (by severity) and
 * `paydown_monitor_value` (by monitor, model and slice; the last evaluated value).
 */
export class MonitorMetrics {
  readonly #alerts: Gauge<'severity'>;
  readonly #values: Gauge<'monitor' | 'model' | 'slice'>;

  constructor(registry: Registry) {
    this.#alerts = gauge(registry, 'paydown_alerts_firing', 'Alerts currently firing.', ['severity']);
    this.#values = gauge(registry, 'paydown_monitor_value', 'Last evaluated value of each monitor (bias, action count, staleness ratio, PSI), overall (slice="") and per slice.', ['monitor', 'model', 'slice']);
  }

  setFiring(counts: Readonly<Record<'warning' | 'critical', number>>): void {
    this.#alerts.set({ severity: 'warning' }, counts.warning);
    this.#alerts.set({ severity: 'critical' }, counts.critical);
  }

  record(values: readonly MonitorValueRecord[]): void {
    for (const value of values) this.#values.set({ monitor: value.monitor, model: value.model ?? '', slice: value.slice }, value.value);
  }
}

function gauge<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]): Gauge<L> {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Gauge) return existing;
  return new Gauge<L>({ name, help, labelNames, registers: [registry] });
}
