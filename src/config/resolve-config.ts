import type { PathSegment } from '../manifest/locate-path.js';
import type { RefValue } from '../manifest/schema.js';
import { parseRef, type Config, type System } from '../manifest/system.js';

/** Where a resolved value was set: the config and the field inside its document. */
export interface Origin {
  readonly config: string;
  readonly path: readonly PathSegment[];
}

/** One scalar setting after inheritance, with every value it replaced (closest first). */
export interface ResolvedSetting {
  readonly key: string;
  readonly value: unknown;
  readonly setBy: Origin;
  readonly replaced: ReadonlyArray<{ readonly value: unknown; readonly setBy: Origin }>;
}

/** One chosen feature or training data set after inheritance. */
export interface ResolvedItem {
  readonly id: string;
  readonly version?: string;
  readonly addedBy: Origin;
}

/** A config with its whole `extends` chain applied. */
export interface ResolvedConfig {
  readonly id: string;
  /** The chain from the root ancestor down to this config. */
  readonly chain: readonly string[];
  readonly features: readonly ResolvedItem[];
  readonly trainingData: readonly ResolvedItem[];
  /** Flat settings by dotted key, e.g. `learner.settings.maxDepth`, `training.window.from`. */
  readonly settings: ReadonlyMap<string, ResolvedSetting>;
}

/** A problem that makes a config unresolvable: a missing parent, a cycle, removing what is not there. */
export interface ConfigProblem {
  readonly config: string;
  readonly path: readonly PathSegment[];
  readonly message: string;
}

export interface ConfigResolution {
  readonly configs: ReadonlyMap<string, ResolvedConfig>;
  readonly problems: readonly ConfigProblem[];
}

/** Keyed by the configs list, which a loaded system shares with the system it was copied from. */
const cache = new WeakMap<readonly Config[], ConfigResolution>();

/**
 * Resolves every config of a system (once per system; later calls share the answer).
 *
 * @example
 * const { configs } = resolveConfigs(system);
 * configs.get('ctr-v8')?.settings.get('learner.settings.maxDepth')?.value; // 8
 */
export function resolveConfigs(system: System): ConfigResolution {
  let resolution = cache.get(system.configs);
  if (resolution === undefined) {
    resolution = resolveAll(system);
    cache.set(system.configs, resolution);
  }
  return resolution;
}

function resolveAll(system: System): ConfigResolution {
  const byId = new Map(system.configs.map((config) => [config.id, config]));
  const configs = new Map<string, ResolvedConfig>();
  const problems: ConfigProblem[] = [];
  const failed = new Set<string>();
  const applied = new Map<string, Applied>();
  for (const config of system.configs) {
    if (configs.has(config.id) || failed.has(config.id)) continue;
    const chain = chainOf(config, byId, problems);
    const state = chain === undefined ? undefined : applyChain(chain, applied, problems);
    if (chain === undefined || state === undefined || state.failed) {
      failed.add(config.id);
      continue;
    }
    configs.set(config.id, {
      id: config.id,
      chain: chain.map((link) => link.id),
      features: [...state.features.values()],
      trainingData: [...state.trainingData.values()],
      settings: state.settings,
    });
  }
  return { configs, problems: dedupe(problems) };
}

function chainOf(config: Config, byId: ReadonlyMap<string, Config>, problems: ConfigProblem[]): Config[] | undefined {
  const chain: Config[] = [config];
  const seen = new Set([config.id]);
  let current = config;
  while (current.doc.extends !== undefined) {
    const parent = byId.get(current.doc.extends);
    if (parent === undefined) {
      problems.push({ config: current.id, path: ['extends'], message: `config '${current.id}' extends '${current.doc.extends}', which is not a declared config` });
      return undefined;
    }
    if (seen.has(parent.id)) {
      const cycle = [...chain.map((link) => link.id), parent.id].join(' → ');
      problems.push({ config: current.id, path: ['extends'], message: `configs extend each other in a cycle: ${cycle}` });
      return undefined;
    }
    seen.add(parent.id);
    chain.push(parent);
    current = parent;
  }
  return chain.reverse();
}

/** What a config and its ancestors set, kept per config so each link of a chain is applied once. */
interface Applied {
  readonly features: Map<string, ResolvedItem>;
  readonly trainingData: Map<string, ResolvedItem>;
  readonly settings: Map<string, ResolvedSetting>;
  /** True when this config or one of its ancestors removes what it does not inherit. */
  readonly failed: boolean;
}

function applyChain(chain: readonly Config[], applied: Map<string, Applied>, problems: ConfigProblem[]): Applied | undefined {
  let start = chain.length;
  while (start > 0 && !applied.has(chain[start - 1].id)) start--;
  let state = start > 0 ? applied.get(chain[start - 1].id) : undefined;
  for (let index = start; index < chain.length; index++) {
    state = applyConfig(chain[index], state, problems);
    applied.set(chain[index].id, state);
  }
  return state;
}

function applyConfig(config: Config, parent: Applied | undefined, problems: ConfigProblem[]): Applied {
  const features = new Map(parent?.features);
  const trainingData = new Map(parent?.trainingData);
  const settings = new Map(parent?.settings);
  const before = problems.length;
  const doc = config.doc;
  applyList(config.id, features, { replace: doc.features, add: doc['features+'], remove: doc['features-'] }, ['features'], problems);
  applyList(config.id, trainingData, { replace: doc.training?.data, add: doc.training?.['data+'], remove: doc.training?.['data-'] }, ['training', 'data'], problems);
  const set = (key: string, value: unknown, path: readonly PathSegment[]): void => {
    if (value === undefined) return;
    const previous = settings.get(key);
    const setBy = { config: config.id, path };
    const replaced = previous === undefined ? [] : [{ value: previous.value, setBy: previous.setBy }, ...previous.replaced];
    settings.set(key, { key, value, setBy, replaced });
  };
  set('model', doc.model, ['model']);
  set('purpose', doc.purpose, ['purpose']);
  set('training.window.from', doc.training?.window?.from, ['training', 'window', 'from']);
  set('training.window.to', doc.training?.window?.to, ['training', 'window', 'to']);
  set('learner.type', doc.learner?.type, ['learner', 'type']);
  for (const [name, value] of Object.entries(doc.learner?.settings ?? {})) set(`learner.settings.${name}`, value, ['learner', 'settings', name]);
  for (const [name, value] of Object.entries(doc.threshold ?? {})) set(`threshold.${name}`, value, ['threshold', name]);
  for (const [name, value] of Object.entries(doc.resources ?? {})) set(`resources.${name}`, value, ['resources', name]);
  setAssertions(doc.assert, set);
  doc.learner?.['settings-']?.forEach((name, index) => {
    if (!settings.delete(`learner.settings.${name}`)) {
      problems.push({ config: config.id, path: ['learner', 'settings-', index], message: `config '${config.id}' removes learner setting '${name}', which it does not inherit` });
    }
  });
  return { features, trainingData, settings, failed: (parent?.failed ?? false) || problems.length > before };
}

function setAssertions(assert: Config['doc']['assert'], set: (key: string, value: unknown, path: readonly PathSegment[]) => void): void {
  if (assert === undefined) return;
  set('assert.features.min', assert.features?.min, ['assert', 'features', 'min']);
  set('assert.features.max', assert.features?.max, ['assert', 'features', 'max']);
  set('assert.sources.max', assert.sources?.max, ['assert', 'sources', 'max']);
  set('assert.dependsOn.include', assert.dependsOn?.include, ['assert', 'dependsOn', 'include']);
  set('assert.dependsOn.exclude', assert.dependsOn?.exclude, ['assert', 'dependsOn', 'exclude']);
}

interface ListChange {
  readonly replace?: readonly RefValue[];
  readonly add?: readonly RefValue[];
  readonly remove?: readonly string[];
}

function applyList(config: string, items: Map<string, ResolvedItem>, change: ListChange, path: readonly PathSegment[], problems: ConfigProblem[]): void {
  const [field] = path.slice(-1) as [string];
  const prefix = path.slice(0, -1);
  if (change.replace !== undefined) {
    items.clear();
    change.replace.forEach((raw, index) => put(items, raw, { config, path: [...path, index] }));
  }
  change.add?.forEach((raw, index) => put(items, raw, { config, path: [...prefix, `${field}+`, index] }));
  change.remove?.forEach((id, index) => {
    if (!items.delete(id)) {
      problems.push({ config, path: [...prefix, `${field}-`, index], message: `config '${config}' removes '${id}' from ${path.join('.')}, but does not inherit it` });
    }
  });
}

function put(items: Map<string, ResolvedItem>, raw: RefValue, addedBy: Origin): void {
  const ref = parseRef(raw);
  items.set(ref.id, ref.version === undefined ? { id: ref.id, addedBy } : { id: ref.id, version: ref.version, addedBy });
}

function dedupe(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.config}\u0000${problem.path.join('/')}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
