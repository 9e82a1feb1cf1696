import pc from 'picocolors';
import { FieldLocator } from '../check/field-locator.js';
import { PaydownError, formatLocation, type SourceLocation } from '../errors.js';
import { suggestionSuffix } from '../manifest/did-you-mean.js';
import type { LoadedSystem } from '../manifest/load-system.js';
import type { PathSegment } from '../manifest/locate-path.js';
import { resolveConfigs, type Origin, type ResolvedConfig, type ResolvedItem } from './resolve-config.js';

/** Where a resolved value was written: the config, the field and its `file:line:column`. */
export interface PlacedOrigin {
  readonly config: string;
  /** The field inside the config's document, e.g. `learner.settings.maxDepth` or `features+[1]`. */
  readonly field: string;
  readonly location: SourceLocation;
}

/** One setting of the resolved config, with where it was set and the inherited values it overrides. */
export interface ExplainedSetting {
  readonly key: string;
  readonly value: unknown;
  readonly setBy: PlacedOrigin;
  /** Inherited values this one replaces, closest ancestor first. */
  readonly overrides: ReadonlyArray<{ readonly value: unknown; readonly setBy: PlacedOrigin }>;
}

/** One chosen feature or training data set, with where it was added and what it replaced. */
export interface ExplainedItem {
  readonly id: string;
  readonly version?: string;
  readonly addedBy: PlacedOrigin;
  /** The inherited entry with the same id that this one replaces, when a descendant re-declared it. */
  readonly overrides?: { readonly version?: string; readonly addedBy: PlacedOrigin };
}

/** A fully resolved config, every value annotated with its origin. */
export interface ConfigExplanation {
  readonly id: string;
  /** From the root ancestor down to this config, each with where it is declared. */
  readonly chain: ReadonlyArray<{ readonly id: string; readonly location: SourceLocation }>;
  readonly settings: readonly ExplainedSetting[];
  readonly features: readonly ExplainedItem[];
  readonly trainingData: readonly ExplainedItem[];
}

/**
 * Looks a resolved config up by id, or fails (exit 2 in the CLI) with a did-you-mean.
 *
 * @example
 * const resolved = requireConfig(system, 'ctr-v8');
 */
export function requireConfig(system: LoadedSystem, id: string): ResolvedConfig {
  const resolved = resolveConfigs(system).configs.get(id);
  if (resolved !== undefined) return resolved;
  const object = system.objects.get(id);
  if (object !== undefined) {
    throw new PaydownError('PAYDOWN_NODE_NOT_FOUND', `'${id}' is a ${object.kind}, not a config`, [{ message: `declared here as a ${object.kind}`, location: object.location }]);
  }
  const known = system.configs.map((config) => config.id);
  throw new PaydownError('PAYDOWN_NODE_NOT_FOUND', `unknown config '${id}'${suggestionSuffix(id, known)}`, [
    { message: known.length === 0 ? 'the system declares no configs (kind: config)' : `known configs: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}` },
  ]);
}

/** Turns resolver origins into `file:line:column` places, parsing each document at most once. */
export class OriginPlacer {
  readonly #system: LoadedSystem;
  readonly #locator: FieldLocator;

  constructor(system: LoadedSystem) {
    this.#system = system;
    this.#locator = new FieldLocator(system.texts);
  }

  place(origin: Origin): PlacedOrigin {
    const object = this.#system.objects.get(origin.config);
    const field = fieldName(origin.path);
    if (object === undefined) return { config: origin.config, field, location: { file: '(unknown)' } };
    const where = this.#locator.locate(object, origin.path);
    return { config: origin.config, field, location: where === undefined ? object.location : { file: object.location.file, ...where } };
  }
}

/**
 * Explains a config: its whole resolved content, every setting and every chosen feature and
 * data set annotated with the config and `file:line:column` that set it, and what it overrode.
 *
 * @example
 * const explanation = explainConfig(await loadSystem('examples/ad-click'), 'ctr-v8');
 * process.stdout.write(formatExplanationText(explanation, { color: false }));
 */
export function explainConfig(system: LoadedSystem, id: string, placer: OriginPlacer = new OriginPlacer(system)): ConfigExplanation {
  const resolved = requireConfig(system, id);
  const all = resolveConfigs(system).configs;
  const chain = resolved.chain.map((link) => ({ id: link, location: system.objects.get(link)?.location ?? { file: '(unknown)' } }));
  const settings = [...resolved.settings.values()]
    .sort((left, right) => left.key.localeCompare(right.key))
    .map((setting) => ({
      key: setting.key,
      value: setting.value,
      setBy: placer.place(setting.setBy),
      overrides: setting.replaced.map((old) => ({ value: old.value, setBy: placer.place(old.setBy) })),
    }));
  const explainItems = (pick: (config: ResolvedConfig) => readonly ResolvedItem[]): ExplainedItem[] =>
    pick(resolved).map((item) => {
      const parent = parentOf(resolved.chain, item.addedBy.config);
      const inherited = parent === undefined ? undefined : all.get(parent);
      const old = inherited === undefined ? undefined : pick(inherited).find((candidate) => candidate.id === item.id);
      const base = { id: item.id, ...(item.version === undefined ? {} : { version: item.version }), addedBy: placer.place(item.addedBy) };
      if (old === undefined) return base;
      return { ...base, overrides: { ...(old.version === undefined ? {} : { version: old.version }), addedBy: placer.place(old.addedBy) } };
    });
  return { id: resolved.id, chain, settings, features: explainItems((config) => config.features), trainingData: explainItems((config) => config.trainingData) };
}

function parentOf(chain: readonly string[], config: string): string | undefined {
  const index = chain.indexOf(config);
  return index > 0 ? chain[index - 1] : undefined;
}

/** Renders a field path as `a.b[0]`. */
export function fieldName(path: readonly PathSegment[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

/** Renders a setting value compactly: strings as they are, everything else as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '(unset)';
  return JSON.stringify(value);
}

/** Renders an item as `id` or `id@version`. */
export function formatItem(item: { readonly id: string; readonly version?: string }): string {
  return item.version === undefined ? item.id : `${item.id}@${item.version}`;
}

/** Whether to colour text output. */
export interface ExplainTextOptions {
  readonly color: boolean;
}

/**
 * Renders an explanation for a terminal: the chain, then aligned tables of settings, features
 * and training data, each row ending with who set it, where, and what it overrode.
 *
 * @example
 * process.stdout.write(formatExplanationText(explainConfig(system, 'ctr-v8'), { color: true }));
 */
export function formatExplanationText(explanation: ConfigExplanation, options: ExplainTextOptions): string {
  const colors = pc.createColors(options.color);
  const lines = [colors.bold(`config ${explanation.id}`)];
  lines.push(`  ${colors.dim('chain:')} ${explanation.chain.map((link) => `${link.id} ${colors.dim(`(${formatLocation(link.location)})`)}`).join(' → ')}`);
  const section = (title: string, rows: ReadonlyArray<readonly [string, string, PlacedOrigin, string]>): void => {
    lines.push('', colors.cyan(`${title} (${rows.length})`));
    if (rows.length === 0) {
      lines.push(colors.dim('  (none)'));
      return;
    }
    const width = (column: 0 | 1): number => Math.max(...rows.map((row) => row[column].length));
    const nameWidth = width(0);
    const valueWidth = width(1);
    const byWidth = Math.max(...rows.map((row) => row[2].config.length));
    for (const [name, value, origin, note] of rows) {
      const by = `${origin.config.padEnd(byWidth)}  ${colors.dim(formatLocation(origin.location))}`;
      lines.push(`  ${name.padEnd(nameWidth)}  ${value.padEnd(valueWidth)}  ${by}${note === '' ? '' : `  ${colors.yellow(note)}`}`);
    }
  };
  section(
    'settings',
    explanation.settings.map((setting) => [setting.key, formatValue(setting.value), setting.setBy, overrideNote(setting.overrides[0])] as const),
  );
  const itemRows = (items: readonly ExplainedItem[]): Array<readonly [string, string, PlacedOrigin, string]> =>
    items.map((item) => [item.id, item.version === undefined ? '(any version)' : `@${item.version}`, item.addedBy, itemNote(item)] as const);
  section('features', itemRows(explanation.features));
  section('training data', itemRows(explanation.trainingData));
  return `${lines.join('\n')}\n`;
}

function overrideNote(old: { readonly value: unknown; readonly setBy: PlacedOrigin } | undefined): string {
  if (old === undefined) return '';
  return `overrides ${formatValue(old.value)} from ${old.setBy.config} (${formatLocation(old.setBy.location)})`;
}

function itemNote(item: ExplainedItem): string {
  if (item.overrides === undefined) return '';
  const version = item.overrides.version === undefined ? 'any version' : `@${item.overrides.version}`;
  return `overrides ${version} from ${item.overrides.addedBy.config} (${formatLocation(item.overrides.addedBy.location)})`;
}

/**
 * Renders an explanation as JSON (stable field names, two-space indent, trailing newline).
 *
 * @example
 * await writeFile('ctr-v8.json', formatExplanationJson(explainConfig(system, 'ctr-v8')));
 */
export function formatExplanationJson(explanation: ConfigExplanation): string {
  return `${JSON.stringify(explanation, null, 2)}\n`;
}
