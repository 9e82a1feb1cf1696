import type { DependencyGraph } from '../../graph/graph.js';
import { reachable } from '../../graph/traverse.js';
import type { Source } from '../../manifest/system.js';
import type { Store } from '../store/store.js';
import { parseDuration } from './duration.js';
import type { MonitorOutcome } from './monitor-outcome.js';
import type { MonitorSpec } from './monitor-spec.js';

/** The owners of the models downstream of a source, each with their models. */
export interface OwnersToAlert {
  readonly owner: string;
  readonly models: readonly string[];
}

/**
 * Sources a freshness monitor watches: the one it names, or every source upstream of its model
 * (along data edges) that declares `freshness`.
 *
 * @example
 * watchedSources(graph, monitor).map((source) => source.id); // ['click_log', 'impression_log', ...]
 */
export function watchedSources(graph: DependencyGraph, monitor: MonitorSpec): Source[] {
  const isFreshSource = (object: unknown): object is Source =>
    typeof object === 'object' && object !== null && (object as Source).kind === 'source' && (object as Source).doc.freshness !== undefined;
  if (monitor.source !== undefined) {
    const object = graph.node(monitor.source)?.object;
    return isFreshSource(object) ? [object] : [];
  }
  const model = graph.node(monitor.model);
  if (model === undefined) return [];
  const found: Source[] = [];
  for (const index of reachable(graph, model.index, 'up').keys()) {
    const object = graph.nodes[index].object;
    if (isFreshSource(object)) found.push(object);
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

/** The owners of every model downstream of a source, from the graph. */
export function downstreamModelOwners(graph: DependencyGraph, source: string): OwnersToAlert[] {
  const node = graph.node(source);
  if (node === undefined) return [];
  const byOwner = new Map<string, string[]>();
  for (const index of reachable(graph, node.index, 'down').keys()) {
    const downstream = graph.nodes[index];
    if (downstream.kind !== 'model') continue;
    const owner = downstream.owner ?? '(no owner)';
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), downstream.id].sort());
  }
  return [...byOwner].map(([owner, models]) => ({ owner, models })).sort((a, b) => a.owner.localeCompare(b.owner));
}

/**
 * When a source last completed: the latest of a COMPLETE OpenLineage run writing its dataset
 * identity and a heartbeat naming the source id.
 */
export async function lastSeen(store: Store, source: Source): Promise<number | undefined> {
  const dataset = source.doc.dataset;
  const completion = dataset === undefined ? undefined : await store.lastCompletion(dataset.namespace, dataset.name);
  const heartbeat = await store.lastHeartbeat(source.id);
  if (completion === undefined) return heartbeat;
  if (heartbeat === undefined) return completion;
  return Math.max(completion, heartbeat);
}

/**
 * Evaluates a freshness monitor: one outcome per watched source. A source never seen counts
 * as last seen when the monitors started (`since`), so a fresh server does not alert at once.
 * The value recorded is age / maxAge (above 1 is stale).
 */
export async function evaluateUpstreamFreshness(store: Store, graph: DependencyGraph, monitor: MonitorSpec, now: number, since: number): Promise<MonitorOutcome[]> {
  const outcomes: MonitorOutcome[] = [];
  for (const source of watchedSources(graph, monitor)) {
    const maxAgeText = source.doc.freshness!.maxAge;
    const maxAgeMs = parseDuration(maxAgeText);
    const seen = await lastSeen(store, source);
    const age = now - (seen ?? since);
    const stale = age > maxAgeMs;
    const owners = downstreamModelOwners(graph, source.id);
    const ownerText = owners.map((entry) => `${entry.owner} (${entry.models.join(', ')})`).join('; ');
    const seenText = seen === undefined ? 'never seen since the server started' : `last completed ${new Date(seen).toISOString()}`;
    outcomes.push({
      monitor,
      key: `${monitor.id}:${source.id}`,
      firing: stale,
      resolvable: true,
      severity: 'warning',
      source: source.id,
      message: stale
        ? `source ${source.id} is stale: ${seenText}, ${formatAge(age)} ago (expected within ${maxAgeText}); owners of downstream models: ${ownerText || 'none'}`
        : `source ${source.id} is fresh: ${seenText}`,
      details: { source: source.id, lastSeen: seen ?? null, ageMs: age, maxAgeMs, owners },
      values: [{ monitor: monitor.id, model: monitor.model, slice: `source=${source.id}`, at: now, value: age / maxAgeMs, samples: seen === undefined ? 0 : 1 }],
    });
  }
  return outcomes;
}

function formatAge(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)}m`;
  return `${(ms / 3_600_000).toFixed(1)}h`;
}
