import type { MonitorValueRecord } from '../store/store.js';
import type { MonitorSpec } from './monitor-spec.js';

/** What one evaluation of a monitor found, for one alert key. */
export interface MonitorOutcome {
  readonly monitor: MonitorSpec;
  /** The alert key: the monitor id, plus `:${source}` for one source of a freshness monitor. */
  readonly key: string;
  readonly firing: boolean;
  /** False when only a person may end it (an action limit that opened the breaker). */
  readonly resolvable: boolean;
  readonly severity: 'warning' | 'critical';
  readonly message: string;
  readonly details: unknown;
  readonly source?: string;
  /** Values to keep for the time series (overall slice `''`, then slices). */
  readonly values: readonly MonitorValueRecord[];
}
