import type { Finding } from '../../check/finding.js';
import type { Severity } from '../../rules/rule.js';
import type { DependencyGraph, GraphEdge, GraphNode, NodeKind } from '../graph.js';
import { neighbourhood, wholeGraph } from '../neighbourhood.js';
import { requireNode } from '../queries.js';

/** What every graph renderer accepts. */
export interface RenderOptions {
  /** Findings to mark on their nodes (from `check`). */
  readonly findings?: readonly Finding[];
  /** Show only the neighbourhood of this node id. */
  readonly focus?: string;
  /** Data-edge hops around `focus` to include; 2 when not given. */
  readonly depth?: number;
  /** A title for the picture, such as the system directory. */
  readonly title?: string;
}

/** A node to draw, with the findings reported on it and the worst of their severities. */
export interface ViewNode {
  readonly node: GraphNode;
  readonly findings: readonly Finding[];
  readonly worst?: Severity;
}

/** The nodes and edges a renderer draws, in graph order. */
export interface GraphView {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly GraphEdge[];
}

/** Every node kind, in the order legends list them. */
export const nodeKindOrder: readonly NodeKind[] = ['source', 'feature', 'model', 'output', 'consumer', 'pipeline', 'experiment', 'config', 'job', 'dataset'];

const severityRank: Record<Severity, number> = { error: 0, warn: 1, info: 2 };

/**
 * Chooses what to draw: the whole graph, or the neighbourhood of `focus` (an unknown id fails
 * with a suggestion), each node with its findings.
 *
 * @example
 * const view = graphView(result.graph, { findings: result.findings, focus: 'ctr_model', depth: 1 });
 */
export function graphView(graph: DependencyGraph, options: RenderOptions = {}): GraphView {
  const part = options.focus === undefined ? wholeGraph(graph) : neighbourhood(graph, requireNode(graph, options.focus).index, options.depth ?? 2);
  const byNode = new Map<string, Finding[]>();
  for (const finding of options.findings ?? []) {
    const list = byNode.get(finding.nodeId) ?? [];
    list.push(finding);
    byNode.set(finding.nodeId, list);
  }
  const nodes: ViewNode[] = [];
  for (const node of graph.nodes) {
    if (!part.nodes.has(node.index)) continue;
    const findings = byNode.get(node.id) ?? [];
    const worst = findings.map((finding) => finding.severity).sort((a, b) => severityRank[a] - severityRank[b])[0];
    nodes.push(worst === undefined ? { node, findings } : { node, findings, worst });
  }
  return { nodes, edges: part.edges };
}

/** True for edges that show a reference written in a manifest, not data flow. */
export function isAnnotationEdge(edge: GraphEdge): boolean {
  return edge.kind === 'replacement' || edge.kind === 'substitute' || edge.kind === 'corrects' || edge.kind === 'affects';
}

/** The label an edge carries: its kind (left out for plain inputs) and a pinned version. */
export function edgeLabel(edge: GraphEdge): string {
  const kind = edge.kind === 'input' ? '' : edge.kind;
  const version = edge.version === undefined ? '' : `@${edge.version}`;
  return [kind, version].filter((part) => part !== '').join(' ');
}
