import { PaydownError } from '../errors.js';
import { suggestionSuffix } from '../manifest/did-you-mean.js';
import type { DependencyGraph, GraphNode, NodeKind } from './graph.js';
import { reachable, shortestPath, type Direction } from './traverse.js';

/** A node in a query answer, with its distance from the asked node. */
export interface QueryNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly owner?: string;
  readonly depth: number;
}

/** Who to notify before a change: an owner and the affected nodes they own. */
export interface OwnerToNotify {
  readonly owner: string;
  readonly nodes: readonly string[];
}

/** Everything downstream of a node, grouped the way a person plans a change. */
export interface ImpactAnswer {
  readonly node: QueryNode;
  readonly features: readonly QueryNode[];
  readonly models: readonly QueryNode[];
  readonly outputs: readonly QueryNode[];
  readonly consumers: readonly QueryNode[];
  readonly other: readonly QueryNode[];
  readonly owners: readonly OwnerToNotify[];
  readonly unowned: readonly string[];
}

/**
 * Looks a node up by id, or fails with a suggestion.
 *
 * @example
 * requireNode(graph, 'ctr_modle'); // throws: unknown node 'ctr_modle' (did you mean 'ctr_model'?)
 */
export function requireNode(graph: DependencyGraph, id: string): GraphNode {
  const node = graph.node(id);
  if (node) return node;
  const ids = graph.nodes.map((candidate) => candidate.id);
  throw new PaydownError('PAYDOWN_NODE_NOT_FOUND', `unknown node '${id}'${suggestionSuffix(id, ids)}`);
}

function toQueryNode(graph: DependencyGraph, index: number, depth: number): QueryNode {
  const node = graph.nodes[index];
  return { id: node.id, kind: node.kind, depth, ...(node.owner === undefined ? {} : { owner: node.owner }) };
}

function closure(graph: DependencyGraph, id: string, direction: Direction): QueryNode[] {
  const start = requireNode(graph, id);
  return [...reachable(graph, start.index, direction)]
    .map(([index, depth]) => toQueryNode(graph, index, depth))
    .sort((a, b) => a.depth - b.depth || a.id.localeCompare(b.id));
}

/**
 * The transitive closure of a node's data dependencies: everything it reads, directly or not.
 *
 * @example
 * upstream(graph, 'ctr_model').map((node) => node.id); // ['ctr_features', 'click_log', ...]
 */
export function upstream(graph: DependencyGraph, id: string): QueryNode[] {
  return closure(graph, id, 'up');
}

/** Everything that reads a node, directly or not. */
export function downstream(graph: DependencyGraph, id: string): QueryNode[] {
  return closure(graph, id, 'down');
}

/**
 * The consumers (declared, or jobs seen reading in lineage) of a node: direct ones only, or all
 * that are reached through other nodes when `transitive` is set.
 */
export function consumersOf(graph: DependencyGraph, id: string, transitive: boolean): QueryNode[] {
  const readers = transitive ? downstream(graph, id) : downstream(graph, id).filter((node) => node.depth === 1);
  return readers.filter((node) => node.kind === 'consumer' || node.kind === 'job');
}

/**
 * What removing or changing a node affects: every downstream feature, model, output and
 * consumer, and the owners to ask first.
 *
 * @example
 * impact(graph, 'product_id_old').owners; // [{ owner: 'ads-ranking', nodes: ['ctr_model'] }, ...]
 */
export function impact(graph: DependencyGraph, id: string): ImpactAnswer {
  const start = requireNode(graph, id);
  const affected = downstream(graph, id);
  const byOwner = new Map<string, string[]>();
  const unowned: string[] = [];
  for (const node of affected) {
    if (node.owner === undefined) {
      unowned.push(node.id);
      continue;
    }
    const list = byOwner.get(node.owner) ?? [];
    list.push(node.id);
    byOwner.set(node.owner, list);
  }
  const ofKind = (...kinds: NodeKind[]): QueryNode[] => affected.filter((node) => kinds.includes(node.kind));
  return {
    node: toQueryNode(graph, start.index, 0),
    features: ofKind('feature'),
    models: ofKind('model'),
    outputs: ofKind('output'),
    consumers: ofKind('consumer', 'job'),
    other: ofKind('source', 'pipeline', 'dataset', 'experiment', 'config'),
    owners: [...byOwner].map(([owner, nodes]) => ({ owner, nodes })).sort((a, b) => a.owner.localeCompare(b.owner)),
    unowned,
  };
}

/** The chain of data edges between two nodes, in either direction, or an empty list. */
export function pathBetween(graph: DependencyGraph, fromId: string, toId: string): QueryNode[] {
  const from = requireNode(graph, fromId);
  const to = requireNode(graph, toId);
  const path = shortestPath(graph, from.index, to.index) ?? [];
  return path.map((index, depth) => toQueryNode(graph, index, depth));
}
