import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { emptyEvidence } from '../../src/evidence/load-evidence.js';
import { buildGraph, unresolvedReferences } from '../../src/graph/build-graph.js';
import { DependencyGraph } from '../../src/graph/graph.js';
import { cycles } from '../../src/graph/traverse.js';
import { loadSystem, parseManifests } from '../../src/manifest/load-system.js';
import { PARSE_CACHE_DIRECTORY } from '../../src/manifest/parse-cache.js';

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

  it('gives every node its edges as flat arrays, in the order added, matching the edge objects', () => {
    const graph = new DependencyGraph();
    for (const id of ['a', 'b', 'c']) graph.addNode({ id, kind: 'feature' });
    graph.addEdges({ from: [0, 1, 0, 2], to: [1, 2, 2, 0], kind: ['input', 'input', 'replacement', 'logs'], version: [undefined, '3', undefined, undefined] });
    const down = graph.downstream();
    const up = graph.upstream();
    for (const node of graph.nodes) {
      const range = (offsets: Int32Array): number[] => Array.from({ length: offsets[node.index + 1] - offsets[node.index] }, (_, at) => offsets[node.index] + at);
      assert.deepEqual(range(down.offsets).map((at) => down.edge[at]), graph.outgoing(node.index).map((edge) => edge.index));
      assert.deepEqual(range(down.offsets).map((at) => down.other[at]), graph.outgoing(node.index).map((edge) => edge.to));
      assert.deepEqual(range(up.offsets).map((at) => up.other[at]), graph.incoming(node.index).map((edge) => edge.from));
      assert.deepEqual(range(up.offsets).map((at) => up.data[at] === 1), graph.incoming(node.index).map((edge) => edge.kind !== 'replacement'));
    }
    assert.equal(graph.edgeVersion(1), '3');
    assert.equal(graph.edgeKind(2), 'replacement');
    graph.addEdge({ from: 1, to: 0, kind: 'input', observed: true });
    assert.deepEqual(graph.incoming(0).map((edge) => [edge.from, edge.observed]), [[2, false], [1, true]], 'an edge added later shows');
    const copy = new DependencyGraph();
    for (const node of graph.nodes) copy.addNode({ id: node.id, kind: node.kind });
    copy.addEdgeColumns(graph.edgeColumns());
    assert.deepEqual(copy.edges, graph.edges);
  });

  it('with a cache slot, reads the declared edges of the same texts instead of deriving them, and ignores a damaged file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'paydown-edge-cache-'));
    try {
      await writeFile(path.join(root, 'system.yaml'), 'kind: source\nid: clicks\n---\nkind: feature\nid: ctr\ninputs: [clicks, views@2, clickz]\nlifecycle: { stage: deprecated, replacement: ctr2 }\n---\nkind: feature\nid: ctr2\ninputs: [clicks@4]\n');
      const summary = (graph: DependencyGraph, system: Awaited<ReturnType<typeof loadSystem>>): unknown => ({
        edges: graph.edges,
        unresolved: [...(unresolvedReferences(graph, system) ?? [])].map(([object, references]) => [object.id, references]),
      });
      const plain = await loadSystem(root);
      const expected = summary(buildGraph(plain, emptyEvidence), plain);
      const filling = await loadSystem(root, { cache: true });
      assert.ok(filling.derivedCache !== undefined);
      assert.deepEqual(summary(buildGraph(filling, emptyEvidence, { cache: filling.derivedCache }), filling), expected, 'the run deriving and keeping the edges');
      const directory = path.join(root, PARSE_CACHE_DIRECTORY);
      assert.ok((await readdir(directory)).includes('declared-edges'));
      const reading = await loadSystem(root, { cache: true });
      assert.deepEqual(summary(buildGraph(reading, emptyEvidence, { cache: reading.derivedCache }), reading), expected, 'the run reading them');
      await writeFile(path.join(directory, 'declared-edges'), 'damaged');
      assert.deepEqual(summary(buildGraph(reading, emptyEvidence, { cache: reading.derivedCache }), reading), expected, 'a damaged file');
      await writeFile(path.join(root, 'system.yaml'), 'kind: source\nid: clicks\n---\nkind: feature\nid: ctr\ninputs: [clicks]\n');
      const changed = await loadSystem(root, { cache: true });
      assert.notEqual(changed.derivedCache?.key, reading.derivedCache?.key);
      const graph = buildGraph(changed, emptyEvidence, { cache: changed.derivedCache });
      assert.deepEqual(graph.edges.map((edge) => [edge.from, edge.to, edge.kind]), [[0, 1, 'input']], 'other texts: derived again');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
