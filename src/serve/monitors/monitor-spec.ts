import type { LoadedSystem } from '../../manifest/load-system.js';
import type { ModelDoc } from '../../manifest/schema.js';
import { parseDuration } from './duration.js';

export type MonitorType = 'prediction-bias' | 'action-limit' | 'upstream-freshness' | 'input-drift';

/** What paydown serve does by itself when a monitor fires. */
export type ResponseKind = 'alert' | 'halt-actions' | 'fallback' | 'shadow';

type MonitorEntry = NonNullable<ModelDoc['monitors']>[number];

/** One monitor of one model with every default filled in. */
export interface MonitorSpec {
  /** `${model}/${type}`, plus `#n` for the n-th (n ≥ 2) monitor of the same type on one model. */
  readonly id: string;
  readonly model: string;
  readonly type: MonitorType;
  readonly windowMs: number;
  readonly tolerance: number;
  readonly minSamples: number;
  readonly slices: readonly string[];
  readonly respond: readonly ResponseKind[];
  /** action-limit: the limited actions this monitor counts. */
  readonly limits: readonly ActionLimitSpec[];
  /** input-drift: the reference profile path, relative to the system directory. */
  readonly reference?: string;
  /** upstream-freshness: one source to watch instead of every upstream source. */
  readonly source?: string;
}

export interface ActionLimitSpec {
  readonly action: string;
  readonly max: number;
  readonly perMs: number;
}

const DEFAULTS: Readonly<Record<MonitorType, { window: string; tolerance: number; minSamples: number }>> = {
  'prediction-bias': { window: '1h', tolerance: 0.02, minSamples: 100 },
  'action-limit': { window: '1h', tolerance: 0, minSamples: 1 },
  'upstream-freshness': { window: '1h', tolerance: 0, minSamples: 1 },
  'input-drift': { window: '1h', tolerance: 0.2, minSamples: 100 },
};

/**
 * Every monitor declared in the system's models, with defaults filled in. An action whose
 * `limit` no `action-limit` monitor covers still gets one (limits are always enforced), with the
 * responses alert and halt-actions.
 *
 * @example
 * resolveMonitors(system).map((monitor) => monitor.id); // ['ctr/prediction-bias', 'spam_filter/action-limit', ...]
 */
export function resolveMonitors(system: LoadedSystem): MonitorSpec[] {
  const specs: MonitorSpec[] = [];
  for (const model of system.models) {
    const seen = new Map<MonitorType, number>();
    const nextId = (type: MonitorType): string => {
      const n = (seen.get(type) ?? 0) + 1;
      seen.set(type, n);
      return n === 1 ? `${model.id}/${type}` : `${model.id}/${type}#${n}`;
    };
    const limited = (model.doc.actions ?? []).flatMap((action) =>
      action.limit === undefined ? [] : [{ action: action.name, max: action.limit.max, perMs: parseDuration(action.limit.per) }],
    );
    const covered = new Set<string>();
    for (const entry of model.doc.monitors ?? []) {
      const limits = entry.type === 'action-limit' ? limited.filter((limit) => entry.action === undefined || limit.action === entry.action) : [];
      limits.forEach((limit) => covered.add(limit.action));
      specs.push(fromEntry(nextId(entry.type), model.id, entry, limits));
    }
    const uncovered = limited.filter((limit) => !covered.has(limit.action));
    if (uncovered.length > 0) specs.push(fromEntry(nextId('action-limit'), model.id, { type: 'action-limit' }, uncovered));
  }
  return specs;
}

function fromEntry(id: string, model: string, entry: MonitorEntry, limits: readonly ActionLimitSpec[]): MonitorSpec {
  const defaults = DEFAULTS[entry.type];
  const respond = new Set<ResponseKind>(['alert', ...(entry.respond ?? (entry.type === 'action-limit' ? ['halt-actions' as const] : []))]);
  return {
    id,
    model,
    type: entry.type,
    windowMs: parseDuration(entry.window ?? defaults.window),
    tolerance: entry.tolerance ?? defaults.tolerance,
    minSamples: entry.minSamples ?? defaults.minSamples,
    slices: entry.slices ?? [],
    respond: [...respond],
    limits,
    ...(entry.reference === undefined ? {} : { reference: entry.reference }),
    ...(entry.source === undefined ? {} : { source: entry.source }),
  };
}
