import { Type } from '@sinclair/typebox';
import type { DependencyGraph, GraphEdge, GraphNode } from '../graph/graph.js';
import type { Rule } from './rule.js';

export type MessageIds = 'undeclared' | 'undeclaredDerived';
export interface Options {
  /** Jobs allowed to read any output without being declared: graph ids or lineage `namespace/name` keys. */
  readonly allowJobs: readonly string[];
}

const READERS: ReadonlySet<string> = new Set(['job', 'pipeline', 'consumer']);
const DATASETS: ReadonlySet<string> = new Set(['output', 'source', 'dataset', 'feature']);
const DECLARED_READS: ReadonlySet<string> = new Set(['reads', 'input', 'trains-on']);

interface UndeclaredRead {
  readonly job: number;
  readonly dataset: number;
}

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'undeclared-consumer',
    description: 'Observed lineage shows a job reading a model output, or data derived from it, without being declared as its consumer.',
    category: 'boundaries',
    severity: 'error',
    recommended: true,
    messages: {
      undeclared: "output '{{node}}' is read by '{{job}}' according to lineage, but '{{job}}' is not declared as reading it",
      undeclaredDerived:
        "'{{job}}' reads '{{dataset}}', which is derived from output '{{node}}' ({{chain}}), but is not declared as reading it",
    },
    fixes: {
      undeclared: "Declare '{{job}}' as a consumer of '{{node}}' (with `job:` naming it as lineage does and `reads: [{{node}}]`), or cut its access.",
      undeclaredDerived:
        "Declare '{{job}}' as a consumer reading '{{dataset}}' (with `job:` naming it as lineage does), so changes to '{{node}}' reach its owner, or cut its access.",
    },
    optionsSchema: Type.Object({ allowJobs: Type.Array(Type.String({ minLength: 1 })) }, { additionalProperties: false }),
    defaultOptions: { allowJobs: [] },
  },
  create(context) {
    const { graph } = context;
    if (context.evidence.lineage.length === 0) return {};
    const allowed = new Set(context.options.allowJobs);
    const isAllowed = (node: GraphNode): boolean =>
      allowed.has(node.id) || (node.kind === 'job' && allowed.has(node.id.slice('job:'.length)));
    const undeclared = (edge: GraphEdge): boolean =>
      edge.kind === 'observed-read' && !isAllowed(graph.nodes[edge.to]) && !declaresRead(graph, edge.from, edge.to);
    const marked = markUpstreamOfUndeclaredReads(graph, undeclared);
    return {
      output(output) {
        const start = graph.node(output.id);
        if (!start || marked[start.index] === 0) return;
        const where = output.doc.dataset === undefined ? {} : { path: ['dataset'] };
        for (const { job, dataset, chain } of findUndeclaredReads(graph, start.index, undeclared)) {
          const jobId = graph.nodes[job].id;
          const datasetId = graph.nodes[dataset].id;
          const chainIds = chain.map((index) => graph.nodes[index].id);
          context.report({
            node: output.id,
            messageId: dataset === start.index ? 'undeclared' : 'undeclaredDerived',
            ...where,
            data: { node: output.id, job: jobId, dataset: datasetId, chain: chainIds.join(' → ') },
            related: dataset === start.index ? [jobId] : [jobId, ...chainIds.slice(1)],
          });
        }
      },
    };
  },
};

function declaresRead(graph: DependencyGraph, dataset: number, reader: number): boolean {
  return graph.incoming(reader).some((edge) => edge.from === dataset && !edge.observed && DECLARED_READS.has(edge.kind));
}

function isDerivationRead(graph: DependencyGraph, edge: GraphEdge): boolean {
  return (edge.kind === 'observed-read' || edge.kind === 'reads') && READERS.has(graph.nodes[edge.to].kind);
}

function isDerivationWrite(graph: DependencyGraph, edge: GraphEdge): boolean {
  return (
    (edge.kind === 'observed-write' || edge.kind === 'writes') &&
    READERS.has(graph.nodes[edge.from].kind) &&
    DATASETS.has(graph.nodes[edge.to].kind)
  );
}

function markUpstreamOfUndeclaredReads(graph: DependencyGraph, undeclared: (edge: GraphEdge) => boolean): Uint8Array {
  const marked = new Uint8Array(graph.nodes.length);
  const queue: number[] = [];
  for (const edge of graph.edges) {
    if (!undeclared(edge) || marked[edge.from] === 1) continue;
    marked[edge.from] = 1;
    queue.push(edge.from);
  }
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head];
    const isReader = READERS.has(graph.nodes[current].kind);
    for (const edge of graph.incoming(current)) {
      const follows = isReader ? isDerivationRead(graph, edge) : isDerivationWrite(graph, edge);
      if (!follows || marked[edge.from] === 1) continue;
      marked[edge.from] = 1;
      queue.push(edge.from);
    }
  }
  return marked;
}

function findUndeclaredReads(
  graph: DependencyGraph,
  start: number,
  undeclared: (edge: GraphEdge) => boolean,
): Array<UndeclaredRead & { chain: number[] }> {
  const previous = new Map<number, number>([[start, -1]]);
  const queue = [start];
  const found: Array<UndeclaredRead & { chain: number[] }> = [];
  const jobs = new Set<number>();
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head];
    const isReader = READERS.has(graph.nodes[current].kind);
    for (const edge of graph.outgoing(current)) {
      if (!isReader && undeclared(edge) && !jobs.has(edge.to)) {
        jobs.add(edge.to);
        found.push({ job: edge.to, dataset: current, chain: chainTo(previous, current) });
      }
      const follows = isReader ? isDerivationWrite(graph, edge) : isDerivationRead(graph, edge);
      if (!follows || previous.has(edge.to)) continue;
      previous.set(edge.to, current);
      queue.push(edge.to);
    }
  }
  return found;
}

function chainTo(previous: ReadonlyMap<number, number>, end: number): number[] {
  const chain: number[] = [];
  for (let node = end; node !== -1; node = previous.get(node)!) chain.push(node);
  return chain.reverse();
}
