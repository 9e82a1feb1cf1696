import type { DependencyGraph, NodeKind } from '../graph.js';
import { edgeLabel, graphView, isAnnotationEdge, nodeKindOrder, type RenderOptions } from './view.js';

const shapes: Record<NodeKind, readonly [string, string]> = {
  source: ['[(', ')]'],
  feature: ['[', ']'],
  model: ['{{', '}}'],
  output: ['([', '])'],
  consumer: ['[[', ']]'],
  pipeline: ['[/', '/]'],
  experiment: ['{', '}'],
  config: ['>', ']'],
  job: ['[\\', '\\]'],
  dataset: ['[(', ')]'],
};

const fills: Record<NodeKind, string> = {
  source: 'fill:#dbeafe,stroke:#1d4ed8,color:#0f172a',
  feature: 'fill:#dcfce7,stroke:#15803d,color:#0f172a',
  model: 'fill:#ede9fe,stroke:#6d28d9,color:#0f172a',
  output: 'fill:#fae8ff,stroke:#a21caf,color:#0f172a',
  consumer: 'fill:#ffedd5,stroke:#c2410c,color:#0f172a',
  pipeline: 'fill:#e0f2fe,stroke:#0369a1,color:#0f172a',
  experiment: 'fill:#fef9c3,stroke:#a16207,color:#0f172a',
  config: 'fill:#fce7f3,stroke:#be185d,color:#0f172a',
  job: 'fill:#f1f5f9,stroke:#475569,color:#0f172a,stroke-dasharray:4 3',
  dataset: 'fill:#f1f5f9,stroke:#475569,color:#0f172a,stroke-dasharray:4 3',
};

/**
 * Renders the graph as a Mermaid flowchart (left to right): one shape and class per node
 * kind, edge labels for every kind but plain inputs, dashed arrows for edges seen only in
 * lineage, and the classes `hasError`/`hasWarning` on nodes with findings.
 *
 * @example
 * await writeFile('system.mmd', renderMermaid(result.graph, { findings: result.findings }));
 */
export function renderMermaid(graph: DependencyGraph, options: RenderOptions = {}): string {
  const view = graphView(graph, options);
  const ids = mermaidIds(view.nodes.map((entry) => entry.node.id));
  const lines: string[] = [];
  if (options.title !== undefined) lines.push(`%% paydown graph: ${options.title.replace(/[\r\n]+/g, ' ')}`);
  lines.push('flowchart LR');
  for (const { node, findings } of view.nodes) {
    const [open, close] = shapes[node.kind];
    const count = findings.length === 0 ? '' : ` (${findings.length} finding${findings.length === 1 ? '' : 's'})`;
    lines.push(`  ${ids.get(node.id)!}${open}"${escapeLabel(node.id + count)}"${close}`);
  }
  const annotationLinks: number[] = [];
  view.edges.forEach((edge, position) => {
    const from = ids.get(graph.nodes[edge.from].id)!;
    const to = ids.get(graph.nodes[edge.to].id)!;
    const label = edgeLabel(edge);
    const arrow = edge.observed ? '-.->' : '-->';
    lines.push(`  ${from} ${arrow}${label === '' ? '' : `|"${escapeLabel(label)}"|`} ${to}`);
    if (isAnnotationEdge(edge)) annotationLinks.push(position);
  });
  for (const kind of nodeKindOrder) lines.push(`  classDef ${kind} ${fills[kind]}`);
  lines.push('  classDef hasError stroke:#dc2626,stroke-width:3px');
  lines.push('  classDef hasWarning stroke:#d97706,stroke-width:3px');
  for (const kind of nodeKindOrder) {
    const members = view.nodes.filter((entry) => entry.node.kind === kind).map((entry) => ids.get(entry.node.id)!);
    if (members.length > 0) lines.push(`  class ${members.join(',')} ${kind}`);
  }
  const marked = (severity: 'error' | 'warn'): string[] => view.nodes.filter((entry) => entry.worst === severity).map((entry) => ids.get(entry.node.id)!);
  const errors = marked('error');
  const warnings = marked('warn');
  if (errors.length > 0) lines.push(`  class ${errors.join(',')} hasError`);
  if (warnings.length > 0) lines.push(`  class ${warnings.join(',')} hasWarning`);
  if (annotationLinks.length > 0) lines.push(`  linkStyle ${annotationLinks.join(',')} stroke:#94a3b8,color:#64748b`);
  return `${lines.join('\n')}\n`;
}

/**
 * Mermaid-safe node ids: letters, digits and underscores behind an `n_` prefix (so no id
 * collides with a keyword such as `end`), made unique when two ids sanitise alike.
 */
export function mermaidIds(ids: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    const base = `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let candidate = base;
    for (let suffix = 2; used.has(candidate); suffix++) candidate = `${base}_${suffix}`;
    used.add(candidate);
    result.set(id, candidate);
  }
  return result;
}

/** Escapes text for a quoted Mermaid label, using Mermaid's `#code;` entities. */
export function escapeLabel(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/&/g, '#amp;')
    .replace(/[\r\n]+/g, ' ');
}
