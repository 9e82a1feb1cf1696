import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEvidence } from '../../src/evidence/load-evidence.js';
import { buildGraph, unresolvedReferences } from '../../src/graph/build-graph.js';
import { DependencyGraph } from '../../src/graph/graph.js';
import { cycles } from '../../src/graph/traverse.js';
import { parseManifests } from '../../src/manifest/load-system.js';

const edgeList = (graph: DependencyGraph): string[][] =>
  graph.nodes.map((node) => [...graph.outgoing(node.index).map((edge) => `out ${edge.index}`), ...graph.incoming(node.index).map((edge) => `in ${edge.index}`)]);

describe('building the graph', () => {
  it('addEdges gives the same graph as adding the edges one by one', () => {
    const one = new DependencyGraph();
    const many = new DependencyGraph();
    for (const graph of [one, many]) {
      for (const id of ['a', 'b', 'c']) graph.addNode({ id, kind: 'feature' });
      graph.addEdge({ from: 0, to: 1, kind: 'input', observed: false });
    }
    const batch = { from: [0, 1, 2, 2], to: [2, 2, 0, 2], kind: ['input', 'input', 'logs', 'input'] as const, version: [undefined, '3', undefined, undefined] };
    batch.from.forEach((from, index) =>
      one.addEdge({ from, to: batch.to[index], kind: batch.kind[index], observed: false, ...(batch.version[index] === undefined ? {} : { version: batch.version[index] }) }),
    );
    many.addEdges(batch);
    assert.deepEqual(many.edges, one.edges);
    assert.deepEqual(edgeList(many), edgeList(one));
    assert.deepEqual(cycles(many), cycles(one));
    assert.deepEqual(cycles(many).map((members) => [...members].sort()), [[0, 1, 2]], 'a -> b -> c -> a is one cycle');
  });

  it('remembers the references that name nothing declared, for the system it was built from', () => {
    const system = parseManifests('.', [
      { file: 'system.yaml', text: 'kind: source\nid: clicks\n---\nkind: feature\nid: ctr\ninputs: [clicks, views@2, clickz]\n' },
    ]);
    const graph = buildGraph(system, emptyEvidence);
    const feature = system.features[0];
    assert.deepEqual(unresolvedReferences(graph, system)?.get(feature)?.map((reference) => [reference.target, reference.version, reference.path]), [
      ['views', '2', ['inputs', 1]],
      ['clickz', undefined, ['inputs', 2]],
    ]);
    assert.equal(unresolvedReferences(graph, system)?.get(system.sources[0]), undefined);
    assert.equal(unresolvedReferences(graph, { ...system }), undefined, 'another system: nothing is known');
  });
});
