import type { Origin, ResolvedConfig, ResolvedSetting } from '../../config/resolve-config.js';
import { resolveConfigs } from '../../config/resolve-config.js';
import { learners, type Learner } from '../../config/learners.js';
import type { PathSegment } from '../../manifest/locate-path.js';
import type { Config, Feature, System } from '../../manifest/system.js';

/** The prefix of the flat keys of learner settings in a resolved config. */
export const LEARNER_SETTING_PREFIX = 'learner.settings.';

/**
 * The config after its `extends` chain, or undefined when it cannot be resolved (the resolver
 * reports that problem itself).
 *
 * @example
 * resolvedConfig(system, config)?.features.map((item) => item.id);
 */
export function resolvedConfig(system: System, config: Config): ResolvedConfig | undefined {
  return resolveConfigs(system).configs.get(config.id);
}

/**
 * Where to point a finding about a value: its path when `config` set it, else nothing (the
 * finding then points at the config's document). Spread it into a report.
 *
 * @example
 * context.report({ node: config.id, messageId: 'x', ...pointAt(config, setting.setBy) });
 */
export function pointAt(config: Config, ...origins: ReadonlyArray<Origin | undefined>): { path?: readonly PathSegment[] } {
  for (const origin of origins) {
    if (origin !== undefined && origin.config === config.id) return { path: origin.path };
  }
  return {};
}

/**
 * A note naming the config a value was inherited from: `''` when `config` set it itself,
 * else ` (inherited from 'base')`.
 *
 * @example
 * `learner setting 'maxDepth'${inheritedNote(config, setting.setBy)}`;
 */
export function inheritedNote(config: Config, origin: Origin | undefined): string {
  if (origin === undefined || origin.config === config.id) return '';
  return ` (inherited from '${origin.config}')`;
}

/**
 * The learner a resolved config names in `learner.type`, if it is a known one.
 *
 * @example
 * chosenLearner(resolved)?.name; // 'gbdt'
 */
export function chosenLearner(resolved: ResolvedConfig): Learner | undefined {
  const type = resolved.settings.get('learner.type')?.value;
  if (typeof type !== 'string' || !Object.hasOwn(learners, type)) return undefined;
  return learners[type];
}

/**
 * Every learner setting of a resolved config, by setting name, with the flat resolved setting.
 *
 * @example
 * for (const [name, setting] of learnerSettings(resolved)) console.log(name, setting.value);
 */
export function learnerSettings(resolved: ResolvedConfig): Array<[string, ResolvedSetting]> {
  const found: Array<[string, ResolvedSetting]> = [];
  for (const [key, setting] of resolved.settings) {
    if (key.startsWith(LEARNER_SETTING_PREFIX)) found.push([key.slice(LEARNER_SETTING_PREFIX.length), setting]);
  }
  return found;
}

/** Names of the learners that read a setting. */
export function learnersReading(setting: string): string[] {
  return Object.values(learners)
    .filter((learner) => Object.hasOwn(learner.settings, setting))
    .map((learner) => learner.name);
}

/** Every setting name some known learner reads. */
export const knownSettingNames: readonly string[] = [...new Set(Object.values(learners).flatMap((learner) => Object.keys(learner.settings)))];

/**
 * The declared feature with this id, or undefined when the id is not a feature.
 *
 * @example
 * declaredFeature(system, 'dwell')?.doc.availability;
 */
export function declaredFeature(system: System, id: string): Feature | undefined {
  const object = system.objects.get(id);
  return object?.kind === 'feature' ? object : undefined;
}

/** Formats a list of ids for a message: `'a', 'b'`. */
export function quoteList(ids: readonly string[]): string {
  return ids.map((id) => `'${id}'`).join(', ');
}
