import pc from 'picocolors';
import { formatLocation } from '../errors.js';
import { emptyEvidence, type Evidence } from '../evidence/load-evidence.js';
import { buildGraph } from '../graph/build-graph.js';
import type { DependencyGraph, NodeKind } from '../graph/graph.js';
import { reachable } from '../graph/traverse.js';
import { escapeCell } from '../format/markdown.js';
import type { LoadedSystem } from '../manifest/load-system.js';
import { explainConfig, formatValue, OriginPlacer, requireConfig, type ConfigExplanation, type ExplainedItem, type PlacedOrigin } from './explain-config.js';
import type { ResolvedConfig } from './resolve-config.js';

/** A feature or training data set that differs between two configs. */
export interface ItemChange {
  readonly id: string;
  readonly change: 'added' | 'removed' | 'reversioned';
  /** The entry in the first config (absent when added). */
  readonly before?: { readonly version?: string; readonly addedBy: PlacedOrigin };
  /** The entry in the second config (absent when removed). */
  readonly after?: { readonly version?: string; readonly addedBy: PlacedOrigin };
}

/** A setting that differs between two configs: set in only one, or to another value. */
export interface SettingChange {
  readonly key: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly before?: { readonly value: unknown; readonly setBy: PlacedOrigin };
  readonly after?: { readonly value: unknown; readonly setBy: PlacedOrigin };
}

/** A node in the transitive data dependencies of a config. */
export interface DependencyNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly owner?: string;
}

/** How the transitive data dependencies (features, training data and all they read) changed. */
export interface DependencyChange {
  /** Nodes the second config depends on and the first does not. */
  readonly added: readonly DependencyNode[];
  /** Nodes the first config depends on and the second no longer does. */
  readonly removed: readonly DependencyNode[];
  /** Owners of added nodes who own nothing the first config depends on: the teams to talk to. */
  readonly newOwners: readonly string[];
  /** Owners nothing the second config depends on belongs to any more. */
  readonly droppedOwners: readonly string[];
  readonly countBefore: number;
  readonly countAfter: number;
}

/** The semantic difference of two resolved configs, from `from` to `to`. */
export interface ConfigDiff {
  readonly from: ConfigExplanation;
  readonly to: ConfigExplanation;
  readonly features: readonly ItemChange[];
  readonly trainingData: readonly ItemChange[];
  readonly settings: readonly SettingChange[];
  readonly dependencies: DependencyChange;
  /** True when nothing differs. */
  readonly identical: boolean;
}

/** Options of `diffConfigs`. */
export interface DiffOptions {
  /** Observed lineage to include in the dependency closure; none unless given. */
  readonly evidence?: Evidence;
  /** A graph already built for the system (saves building it again). */
  readonly graph?: DependencyGraph;
}

/**
 * Compares two configs after inheritance: features and training data added, removed or
 * re-versioned (with the config and `file:line:column` that set them), settings changed
 * (old → new), and the sources, features and owners newly (or no longer) depended on.
 *
 * @example
 * const diff = diffConfigs(await loadSystem('systems/ads'), 'ctr-v7', 'ctr-v8');
 * process.stdout.write(formatDiffMarkdown(diff));
 */
export function diffConfigs(system: LoadedSystem, fromId: string, toId: string, options: DiffOptions = {}): ConfigDiff {
  const fromResolved = requireConfig(system, fromId);
  const toResolved = requireConfig(system, toId);
  const placer = new OriginPlacer(system);
  const from = explainConfig(system, fromId, placer);
  const to = explainConfig(system, toId, placer);
  const graph = options.graph ?? buildGraph(system, options.evidence ?? emptyEvidence);
  const features = diffItems(from.features, to.features);
  const trainingData = diffItems(from.trainingData, to.trainingData);
  const settings = diffSettings(from, to);
  const dependencies = diffDependencies(dependencyClosure(graph, fromResolved), dependencyClosure(graph, toResolved));
  const identical = features.length + trainingData.length + settings.length + dependencies.added.length + dependencies.removed.length === 0;
  return { from, to, features, trainingData, settings, dependencies, identical };
}

/**
 * The transitive data dependencies of a resolved config: its features and training data sets,
 * and everything they read, directly or not (ids the graph does not know are left out).
 *
 * @example
 * dependencyClosure(graph, resolveConfigs(system).configs.get('ctr-v8')!).map((node) => node.id);
 */
export function dependencyClosure(graph: DependencyGraph, config: ResolvedConfig): DependencyNode[] {
  const found = new Map<number, DependencyNode>();
  for (const item of [...config.features, ...config.trainingData]) {
    const start = graph.node(item.id);
    if (start === undefined) continue;
    for (const index of [start.index, ...reachable(graph, start.index, 'up').keys()]) {
      const node = graph.nodes[index];
      if (node === undefined || found.has(index)) continue;
      found.set(index, node.owner === undefined ? { id: node.id, kind: node.kind } : { id: node.id, kind: node.kind, owner: node.owner });
    }
  }
  return [...found.values()].sort(compareNodes);
}

function compareNodes(left: DependencyNode, right: DependencyNode): number {
  return left.kind.localeCompare(right.kind) || left.id.localeCompare(right.id);
}

function diffItems(before: readonly ExplainedItem[], after: readonly ExplainedItem[]): ItemChange[] {
  const old = new Map(before.map((item) => [item.id, item]));
  const now = new Map(after.map((item) => [item.id, item]));
  const side = (item: ExplainedItem): { version?: string; addedBy: PlacedOrigin } => (item.version === undefined ? { addedBy: item.addedBy } : { version: item.version, addedBy: item.addedBy });
  const changes: ItemChange[] = [];
  for (const item of after) {
    const previous = old.get(item.id);
    if (previous === undefined) changes.push({ id: item.id, change: 'added', after: side(item) });
    else if (previous.version !== item.version) changes.push({ id: item.id, change: 'reversioned', before: side(previous), after: side(item) });
  }
  for (const item of before) {
    if (!now.has(item.id)) changes.push({ id: item.id, change: 'removed', before: side(item) });
  }
  return changes.sort((left, right) => left.id.localeCompare(right.id));
}

function diffSettings(from: ConfigExplanation, to: ConfigExplanation): SettingChange[] {
  const old = new Map(from.settings.map((setting) => [setting.key, setting]));
  const now = new Map(to.settings.map((setting) => [setting.key, setting]));
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: SettingChange[] = [];
  for (const key of keys) {
    const before = old.get(key);
    const after = now.get(key);
    if (before === undefined && after !== undefined) changes.push({ key, change: 'added', after: { value: after.value, setBy: after.setBy } });
    else if (after === undefined && before !== undefined) changes.push({ key, change: 'removed', before: { value: before.value, setBy: before.setBy } });
    else if (before !== undefined && after !== undefined && !sameValue(before.value, after.value)) {
      changes.push({ key, change: 'changed', before: { value: before.value, setBy: before.setBy }, after: { value: after.value, setBy: after.setBy } });
    }
  }
  return changes;
}

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

function diffDependencies(before: readonly DependencyNode[], after: readonly DependencyNode[]): DependencyChange {
  const oldIds = new Set(before.map((node) => node.id));
  const newIds = new Set(after.map((node) => node.id));
  const added = after.filter((node) => !oldIds.has(node.id));
  const removed = before.filter((node) => !newIds.has(node.id));
  const owners = (nodes: readonly DependencyNode[]): Set<string> => new Set(nodes.flatMap((node) => (node.owner === undefined ? [] : [node.owner])));
  const oldOwners = owners(before);
  const nowOwners = owners(after);
  const newOwners = [...owners(added)].filter((owner) => !oldOwners.has(owner)).sort();
  const droppedOwners = [...owners(removed)].filter((owner) => !nowOwners.has(owner)).sort();
  return { added, removed, newOwners, droppedOwners, countBefore: before.length, countAfter: after.length };
}

/** Whether to colour text output. */
export interface DiffTextOptions {
  readonly color: boolean;
}

/**
 * Renders a config diff for a terminal: `+` added, `-` removed, `~` changed, each with who set it.
 *
 * @example
 * process.stdout.write(formatDiffText(diffConfigs(system, 'ctr-v7', 'ctr-v8'), { color: true }));
 */
export function formatDiffText(diff: ConfigDiff, options: DiffTextOptions): string {
  const colors = pc.createColors(options.color);
  const lines = [colors.bold(`config ${diff.from.id} → ${diff.to.id}`)];
  if (diff.identical) {
    lines.push(colors.green('  no semantic difference'));
    return `${lines.join('\n')}\n`;
  }
  const mark = { added: colors.green('+'), removed: colors.red('-'), reversioned: colors.yellow('~'), changed: colors.yellow('~') };
  const at = (origin: PlacedOrigin): string => colors.dim(`${origin.config} ${formatLocation(origin.location)}`);
  const items = (title: string, changes: readonly ItemChange[]): void => {
    if (changes.length === 0) return;
    lines.push('', colors.cyan(`${title} (${changes.length} changed)`));
    const width = Math.max(...changes.map((change) => change.id.length));
    const rows = changes.map((change) => {
      const before = change.before === undefined ? '' : version(change.before.version);
      const after = change.after === undefined ? '' : version(change.after.version);
      const what = change.change === 'reversioned' ? `${before} → ${after}` : change.change === 'added' ? after : before;
      return { change, what, origin: change.after?.addedBy ?? change.before!.addedBy };
    });
    const whatWidth = Math.max(...rows.map((entry) => entry.what.length));
    for (const { change, what, origin } of rows) lines.push(`  ${mark[change.change]} ${change.id.padEnd(width)}  ${what.padEnd(whatWidth)}  ${at(origin)}`);
  };
  items('features', diff.features);
  items('training data', diff.trainingData);
  if (diff.settings.length > 0) {
    lines.push('', colors.cyan(`settings (${diff.settings.length} changed)`));
    const width = Math.max(...diff.settings.map((change) => change.key.length));
    const rows = diff.settings.map((change) => {
      const before = change.before === undefined ? '(unset)' : formatValue(change.before.value);
      const after = change.after === undefined ? '(unset)' : formatValue(change.after.value);
      return { change, what: `${before} → ${after}`, origin: change.after?.setBy ?? change.before!.setBy };
    });
    const whatWidth = Math.max(...rows.map((entry) => entry.what.length));
    for (const { change, what, origin } of rows) lines.push(`  ${mark[change.change]} ${change.key.padEnd(width)}  ${what.padEnd(whatWidth)}  ${at(origin)}`);
  }
  const deps = diff.dependencies;
  lines.push('', colors.cyan(`transitive data dependencies (${deps.countBefore} → ${deps.countAfter})`));
  if (deps.added.length + deps.removed.length === 0) lines.push(colors.dim('  unchanged'));
  const width = Math.max(0, ...[...deps.added, ...deps.removed].map((node) => node.id.length));
  for (const node of deps.added) lines.push(`  ${mark.added} ${node.id.padEnd(width)}  ${node.kind.padEnd(8)}  ${ownerOf(node)}`);
  for (const node of deps.removed) lines.push(`  ${mark.removed} ${node.id.padEnd(width)}  ${node.kind.padEnd(8)}  ${ownerOf(node)}`);
  if (deps.newOwners.length > 0) lines.push(colors.yellow(`  newly depended on owners: ${deps.newOwners.join(', ')}`));
  if (deps.droppedOwners.length > 0) lines.push(colors.dim(`  owners no longer depended on: ${deps.droppedOwners.join(', ')}`));
  return `${lines.join('\n')}\n`;
}

function version(value: string | undefined): string {
  return value === undefined ? '(any version)' : `@${value}`;
}

function ownerOf(node: DependencyNode): string {
  return node.owner === undefined ? 'no owner' : `owner ${node.owner}`;
}

/** A hidden marker so bots can find and update an earlier config-diff comment. */
export const DIFF_MARKDOWN_MARKER = '<!-- paydown:config-diff -->';

/**
 * Renders a config diff as a pull-request comment: one table per changed section, every cell
 * escaped, and the sources and owners newly depended on called out.
 *
 * @example
 * await writeFile('comment.md', formatDiffMarkdown(diffConfigs(system, 'ctr-v7', 'ctr-v8')));
 */
export function formatDiffMarkdown(diff: ConfigDiff): string {
  const lines = [DIFF_MARKDOWN_MARKER, `## Config diff: ${escapeCell(diff.from.id)} → ${escapeCell(diff.to.id)}`, ''];
  if (diff.identical) {
    lines.push('No semantic difference.');
    return `${lines.join('\n')}\n`;
  }
  const where = (origin: PlacedOrigin | undefined): string => (origin === undefined ? '' : `${escapeCell(origin.config)} (${escapeCell(formatLocation(origin.location))})`);
  const items = (title: string, changes: readonly ItemChange[]): void => {
    if (changes.length === 0) return;
    lines.push(`### ${title}`, '', '| change | id | before | after | set by |', '|---|---|---|---|---|');
    for (const change of changes) {
      const before = change.before === undefined ? '' : escapeCell(version(change.before.version));
      const after = change.after === undefined ? '' : escapeCell(version(change.after.version));
      lines.push(row([change.change, escapeCell(change.id), before, after, where(change.after?.addedBy ?? change.before?.addedBy)]));
    }
    lines.push('');
  };
  items('Features', diff.features);
  items('Training data', diff.trainingData);
  if (diff.settings.length > 0) {
    lines.push('### Settings', '', '| setting | before | after | set by |', '|---|---|---|---|');
    for (const change of diff.settings) {
      const before = change.before === undefined ? '_unset_' : escapeCell(formatValue(change.before.value));
      const after = change.after === undefined ? '_unset_' : escapeCell(formatValue(change.after.value));
      lines.push(row([escapeCell(change.key), before, after, where(change.after?.setBy ?? change.before?.setBy)]));
    }
    lines.push('');
  }
  const deps = diff.dependencies;
  lines.push(`### Transitive data dependencies (${deps.countBefore} → ${deps.countAfter})`, '');
  if (deps.added.length + deps.removed.length === 0) lines.push('Unchanged.', '');
  else {
    lines.push('| change | id | kind | owner |', '|---|---|---|---|');
    for (const node of deps.added) lines.push(row(['newly depended on', escapeCell(node.id), node.kind, escapeCell(node.owner ?? '—')]));
    for (const node of deps.removed) lines.push(row(['no longer depended on', escapeCell(node.id), node.kind, escapeCell(node.owner ?? '—')]));
    lines.push('');
  }
  if (deps.newOwners.length > 0) lines.push(`**Owners newly depended on:** ${deps.newOwners.map(escapeCell).join(', ')}`, '');
  if (deps.droppedOwners.length > 0) lines.push(`Owners no longer depended on: ${deps.droppedOwners.map(escapeCell).join(', ')}`, '');
  return `${lines.join('\n')}\n`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/**
 * Renders a config diff as JSON: both explanations and every change.
 *
 * @example
 * await writeFile('diff.json', formatDiffJson(diffConfigs(system, 'ctr-v7', 'ctr-v8')));
 */
export function formatDiffJson(diff: ConfigDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
