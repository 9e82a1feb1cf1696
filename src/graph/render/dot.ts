import { formatLocation } from '../../errors.js';
import type { DependencyGraph, NodeKind } from '../graph.js';
import { edgeLabel, graphView, isAnnotationEdge, type RenderOptions } from './view.js';

const styles: Record<NodeKind, { shape: string; fill: string; line: string }> = {
  source: { shape: 'cylinder', fill: '#dbeafe', line: '#1d4ed8' },
  feature: { shape: 'box', fill: '#dcfce7', line: '#15803d' },
  model: { shape: 'hexagon', fill: '#ede9fe', line: '#6d28d9' },
  output: { shape: 'ellipse', fill: '#fae8ff', line: '#a21caf' },
  consumer: { shape: 'component', fill: '#ffedd5', line: '#c2410c' },
  pipeline: { shape: 'parallelogram', fill: '#e0f2fe', line: '#0369a1' },
  experiment: { shape: 'diamond', fill: '#fef9c3', line: '#a16207' },
  config: { shape: 'note', fill: '#fce7f3', line: '#be185d' },
  job: { shape: 'parallelogram', fill: '#f1f5f9', line: '#475569' },
  dataset: { shape: 'cylinder', fill: '#f1f5f9', line: '#475569' },
};

const severityLine = { error: '#dc2626', warn: '#d97706', info: '#2563eb' } as const;

/**
 * Renders the graph as Graphviz DOT (left to right): shapes and colours by node kind, red or
 * amber outlines on nodes with error or warning findings, edge labels for every kind but plain
 * inputs, dashed edges for what was seen only in lineage, dotted grey edges for annotations.
 *
 * @example
 * await writeFile('system.dot', renderDot(result.graph, { findings: result.findings }));
 * // dot -Tsvg system.dot > system.svg
 */
export function renderDot(graph: DependencyGraph, options: RenderOptions = {}): string {
  const view = graphView(graph, options);
  const lines: string[] = [];
  lines.push('digraph paydown {');
  if (options.title !== undefined) lines.push(`  label=${quote(options.title)}; labelloc=t;`);
  lines.push('  rankdir=LR;');
  lines.push('  node [fontname="Helvetica", fontsize=11, style=filled];');
  lines.push('  edge [fontname="Helvetica", fontsize=9, color="#475569", fontcolor="#475569"];');
  for (const { node, findings, worst } of view.nodes) {
    const style = styles[node.kind];
    const label = findings.length === 0 ? `${node.id}\n${node.kind}` : `${node.id}\n${node.kind} · ${findings.length} finding${findings.length === 1 ? '' : 's'}`;
    const tooltip = [
      `${node.kind} ${node.id}`,
      ...(node.owner === undefined ? [] : [`owner: ${node.owner}`]),
      ...(node.location === undefined ? [] : [formatLocation(node.location)]),
      ...findings.map((finding) => `${finding.severity} ${finding.ruleId}: ${finding.message}`),
    ].join('\n');
    const attributes = [
      `label=${quote(label)}`,
      `shape=${style.shape}`,
      `fillcolor=${quote(style.fill)}`,
      `color=${quote(worst === undefined ? style.line : severityLine[worst])}`,
      `penwidth=${worst === 'error' || worst === 'warn' ? 3 : 1}`,
      `tooltip=${quote(tooltip)}`,
      ...(node.object === undefined ? ['style="filled,dashed"'] : []),
    ];
    lines.push(`  ${quote(node.id)} [${attributes.join(', ')}];`);
  }
  for (const edge of view.edges) {
    const label = edgeLabel(edge);
    const attributes = [
      ...(label === '' ? [] : [`label=${quote(label)}`]),
      ...(edge.observed ? ['style=dashed'] : []),
      ...(isAnnotationEdge(edge) ? ['style=dotted', 'color="#94a3b8"', 'constraint=false'] : []),
    ];
    const from = quote(graph.nodes[edge.from].id);
    const to = quote(graph.nodes[edge.to].id);
    lines.push(`  ${from} -> ${to}${attributes.length === 0 ? '' : ` [${attributes.join(', ')}]`};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
