import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../src/check/check.js';
import { PaydownError } from '../../src/errors.js';
import { DependencyGraph } from '../../src/graph/graph.js';
import { neighbourhood } from '../../src/graph/neighbourhood.js';
import { renderDot } from '../../src/graph/render/dot.js';
import { embedJson, escapeHtml } from '../../src/format/html/escape.js';
import { renderHtml } from '../../src/graph/render/html.js';
import { mermaidIds, renderMermaid } from '../../src/graph/render/mermaid.js';
import { adClickGraph, adClickSystem } from './system-fixture.js';

const oddIds = ['end', 'a"b', 'x<y>&z', 'dataset:s3://bucket/path with space', 'pipe|{[(o)]}#1', 'back\\slash', 'a_b', 'a.b'];

function oddGraph(): DependencyGraph {
  const graph = new DependencyGraph();
  for (const id of oddIds) graph.addNode({ id, kind: id.startsWith('dataset:') ? 'dataset' : 'feature' });
  for (let index = 0; index + 1 < oddIds.length; index++) graph.addEdge({ from: index, to: index + 1, kind: index % 2 === 0 ? 'input' : 'observed-read', observed: index % 2 === 1 });
  return graph;
}

/** Mermaid edges as `from to` pairs of sanitised ids. */
function mermaidEdges(text: string): string[] {
  return [...text.matchAll(/^ {2}(\S+) (?:-->|-\.->)(?:\|[^|]*\|)? (\S+)$/gm)].map((match) => `${match[1]} ${match[2]}`);
}

describe('neighbourhood', () => {
  const graph = adClickGraph();
  const idsAround = (id: string, depth: number): string[] =>
    [...neighbourhood(graph, graph.node(id)!.index, depth).nodes].map((index) => graph.nodes[index].id).sort();

  it('walks data edges up and down to the given depth, not sideways', () => {
    assert.deepEqual(idsAround('ctr_model', 0), ['ctr_model']);
    assert.deepEqual(idsAround('ctr_model', 1), ['click_log', 'ctr_model', 'ctr_score', 'ctr_smoothed', 'user_age']);
    assert.deepEqual(idsAround('ctr_smoothed', 1), ['ctr_7d', 'ctr_model', 'ctr_smoothed']);
  });

  it('keeps only the edges between the chosen nodes', () => {
    const around = neighbourhood(graph, graph.node('ctr_model')!.index, 1);
    assert.ok(around.edges.length > 0);
    for (const edge of around.edges) assert.ok(around.nodes.has(edge.from) && around.nodes.has(edge.to));
  });
});

describe('mermaid', () => {
  const system = adClickSystem();
  const result = check(system, { today: '2025-01-01' });
  const text = renderMermaid(result.graph, { findings: result.findings, title: 'ad-click' });

  it('draws every node and every edge', () => {
    assert.match(text, /^%% paydown graph: ad-click\nflowchart LR\n/);
    const ids = mermaidIds(result.graph.nodes.map((node) => node.id));
    for (const node of result.graph.nodes) assert.ok(text.includes(`  ${ids.get(node.id)!}`), node.id);
    const drawn = mermaidEdges(text).sort();
    const expected = result.graph.edges.map((edge) => `${ids.get(result.graph.nodes[edge.from].id)!} ${ids.get(result.graph.nodes[edge.to].id)!}`).sort();
    assert.deepEqual(drawn, expected);
  });

  it('labels edges other than plain inputs, gives shapes and classes by kind, marks findings', () => {
    assert.match(text, /n_click_log -->\|"trains-on"\| n_ctr_model/);
    assert.match(text, /n_user_age -->\|"@2"\| n_ctr_model/);
    assert.match(text, /n_ctr_7d --> n_ctr_smoothed/);
    assert.match(text, /n_click_log\[\("click_log"\)\]/);
    assert.match(text, /n_ctr_model\{\{"ctr_model \(\d+ findings?\)"\}\}/);
    assert.match(text, /class [^\n]*n_ctr_model[^\n]* model/);
    assert.match(text, /class [^\n]*n_ctr_model[^\n]* hasWarning/);
  });

  it('sanitises ids, escapes labels and draws observed edges dashed', () => {
    const odd = renderMermaid(oddGraph());
    const ids = mermaidIds(oddIds);
    assert.equal(new Set(ids.values()).size, oddIds.length, 'sanitised ids stay unique');
    for (const id of ids.values()) assert.match(id, /^n_[A-Za-z0-9_]+$/);
    assert.ok(odd.includes('"a#quot;b"'));
    assert.ok(odd.includes('"x#lt;y#gt;#amp;z"'));
    assert.ok(odd.includes('"pipe|{[(o)]}#35;1"'));
    assert.equal(mermaidEdges(odd).length, oddIds.length - 1);
    assert.match(odd, /-\.->\|"observed-read"\|/);
    for (const line of odd.split('\n').filter((candidate) => candidate.includes('["'))) {
      assert.equal((line.match(/"/g) ?? []).length, 2, `one quoted label per node line: ${line}`);
    }
  });

  it('focus limits the nodes to the neighbourhood', () => {
    const focused = renderMermaid(result.graph, { findings: result.findings, focus: 'ctr_smoothed', depth: 1 });
    const drawn = [...focused.matchAll(/^ {2}(n_\w+)[[({/\\]/gm)].map((match) => match[1]).sort();
    assert.deepEqual(drawn, ['n_ctr_7d', 'n_ctr_model', 'n_ctr_smoothed']);
    assert.throws(() => renderMermaid(result.graph, { focus: 'ctr_smoothd' }), (error: unknown) => error instanceof PaydownError && /did you mean 'ctr_smoothed'/.test(error.message));
  });
});

describe('dot', () => {
  const result = check(adClickSystem(), { today: '2025-01-01' });
  const text = renderDot(result.graph, { findings: result.findings });

  it('draws every node and every edge, left to right', () => {
    assert.match(text, /^digraph paydown \{\n/);
    assert.match(text, /rankdir=LR;/);
    for (const node of result.graph.nodes) assert.match(text, new RegExp(`^ {2}"${node.id}" \\[label="${node.id}\\\\n${node.kind}`, 'm'));
    for (const edge of result.graph.edges) {
      assert.ok(text.includes(`"${result.graph.nodes[edge.from].id}" -> "${result.graph.nodes[edge.to].id}"`), `${edge.from} -> ${edge.to}`);
    }
    assert.equal([...text.matchAll(/ -> /g)].length, result.graph.edges.length);
    assert.match(text, /"click_log" -> "ctr_model" \[label="trains-on"\]/);
  });

  it('outlines nodes with findings', () => {
    assert.match(text, /"ctr_model" \[[^\n]*color="#d97706", penwidth=3/);
    assert.match(text, /"ctr_model" \[[^\n]*tooltip="[^"\n]*fixed-threshold/);
  });

  it('quotes odd ids and draws observed edges dashed', () => {
    const odd = renderDot(oddGraph());
    assert.ok(odd.includes('"a\\"b" [label="a\\"b\\nfeature"'));
    assert.ok(odd.includes('"back\\\\slash"'));
    assert.ok(odd.includes('"x<y>&z" -> "dataset:s3://bucket/path with space"'));
    assert.match(odd, /\[label="observed-read", style=dashed\]/);
    for (const line of odd.split('\n').slice(1, -2)) {
      const unescaped = line.replace(/\\\\/g, '').replace(/\\"/g, '');
      assert.equal((unescaped.match(/"/g) ?? []).length % 2, 0, `balanced quotes: ${line}`);
    }
  });

  it('focus limits the nodes to the neighbourhood', () => {
    const focused = renderDot(result.graph, { focus: 'ctr_score', depth: 1 });
    const drawn = [...focused.matchAll(/^ {2}"([^"]+)" \[/gm)].map((match) => match[1]).sort();
    assert.deepEqual(drawn, ['bidder', 'ctr_model', 'ctr_score', 'report_job']);
  });
});

describe('html', () => {
  it('escapes text and embeds JSON that cannot close its script element', () => {
    assert.equal(escapeHtml(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    const embedded = embedJson({ id: '</script><script>alert(1)</script>' });
    assert.ok(!embedded.includes('<'));
    assert.deepEqual(JSON.parse(embedded), { id: '</script><script>alert(1)</script>' });
  });

  it('is one self-contained page with the graph data and no remote resources', () => {
    const graph = oddGraph();
    graph.addNode({ id: '</script><img src=x onerror=alert(1)>', kind: 'dataset' });
    const page = renderHtml(graph, { title: '<b>odd</b>' });
    assert.match(page, /^<!DOCTYPE html>/);
    assert.ok(page.includes('<title>paydown · &lt;b&gt;odd&lt;/b&gt;</title>'));
    assert.ok(!page.includes('<img src=x'));
    assert.equal((page.match(/<\/script>/g) ?? []).length, (page.match(/<script[\s>]/g) ?? []).length, 'every script element closes once');
    assert.ok(!/<script[^>]+src=/.test(page), 'no external scripts');
    assert.ok(!/<link[^>]+href=/.test(page), 'no external stylesheets');
    assert.ok(page.includes('window.__paydownGraph'));
    assert.ok(page.length > 300_000, 'cytoscape and dagre are inlined');
    const json = /<script type="application\/json" id="paydown-data">([^<]*)<\/script>/.exec(page);
    assert.ok(json, 'graph data embedded');
    const data = JSON.parse(json[1]) as { nodes: { id: string }[]; edges: unknown[] };
    assert.equal(data.nodes.length, graph.nodes.length);
    assert.equal(data.edges.length, graph.edges.length);
  });
});
