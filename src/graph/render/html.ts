import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { formatLocation } from '../../errors.js';
import type { Severity } from '../../rules/rule.js';
import type { DependencyGraph, NodeKind } from '../graph.js';
import { edgeLabel, graphView, isAnnotationEdge, nodeKindOrder, type RenderOptions } from './view.js';
import { embedJson, escapeHtml } from '../../format/html/escape.js';

interface KindStyle {
  readonly shape: string;
  readonly fill: string;
  readonly line: string;
  /** The legend's picture of the shape, an SVG element in a 28×18 box. */
  readonly icon: string;
}

const kindStyles: Record<NodeKind, KindStyle> = {
  source: { shape: 'barrel', fill: '#dbeafe', line: '#1d4ed8', icon: '<rect x="1" y="1" width="26" height="16" rx="9" ry="4"/>' },
  feature: { shape: 'round-rectangle', fill: '#dcfce7', line: '#15803d', icon: '<rect x="1" y="1" width="26" height="16" rx="4"/>' },
  model: { shape: 'hexagon', fill: '#ede9fe', line: '#6d28d9', icon: '<polygon points="7,1 21,1 27,9 21,17 7,17 1,9"/>' },
  output: { shape: 'ellipse', fill: '#fae8ff', line: '#a21caf', icon: '<ellipse cx="14" cy="9" rx="13" ry="8"/>' },
  consumer: { shape: 'rectangle', fill: '#ffedd5', line: '#c2410c', icon: '<rect x="1" y="1" width="26" height="16"/>' },
  pipeline: { shape: 'rhomboid', fill: '#e0f2fe', line: '#0369a1', icon: '<polygon points="7,1 27,1 21,17 1,17"/>' },
  experiment: { shape: 'octagon', fill: '#fef9c3', line: '#a16207', icon: '<polygon points="6,1 22,1 27,6 27,12 22,17 6,17 1,12 1,6"/>' },
  config: { shape: 'round-tag', fill: '#fce7f3', line: '#be185d', icon: '<polygon points="1,1 21,1 27,7 27,17 1,17"/>' },
  job: { shape: 'tag', fill: '#f1f5f9', line: '#475569', icon: '<polygon points="1,1 21,1 27,9 21,17 1,17"/>' },
  dataset: { shape: 'barrel', fill: '#f1f5f9', line: '#475569', icon: '<rect x="1" y="1" width="26" height="16" rx="9" ry="4"/>' },
};

const wideShapes = new Set(['hexagon', 'ellipse', 'rhomboid', 'octagon', 'tag']);

interface HtmlFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
  readonly docs: string;
}

interface HtmlNode {
  readonly key: string;
  readonly id: string;
  readonly kind: NodeKind;
  readonly owner: string | null;
  readonly location: string | null;
  readonly declared: boolean;
  readonly shape: string;
  readonly fill: string;
  readonly line: string;
  readonly width: number;
  readonly worst: Severity | null;
  readonly findings: readonly HtmlFinding[];
}

interface HtmlEdge {
  readonly key: string;
  readonly source: string;
  readonly target: string;
  readonly kind: string;
  readonly label: string;
  readonly observed: boolean;
  readonly annotation: boolean;
}

interface HtmlData {
  readonly title: string;
  readonly nodes: readonly HtmlNode[];
  readonly edges: readonly HtmlEdge[];
  readonly summary: { readonly errors: number; readonly warnings: number; readonly infos: number };
}

/**
 * Renders the graph as one self-contained HTML page that works offline: cytoscape and
 * cytoscape-dagre are inlined from node_modules, laid out left to right, with pan and zoom,
 * a legend, red/amber outlines and badges on nodes with findings, a side panel with a
 * clicked node's details and findings, and a search box. When laid out the page sets
 * `window.__paydownGraph = { ready: true, nodeCount }` and exposes `window.__paydownCy`.
 *
 * @example
 * await writeFile('graph.html', renderHtml(result.graph, { findings: result.findings, title: 'examples/ad-click' }));
 */
export function renderHtml(graph: DependencyGraph, options: RenderOptions = {}): string {
  const data = htmlData(graph, options);
  const kinds = nodeKindOrder.filter((kind) => data.nodes.some((node) => node.kind === kind));
  const legend = kinds
    .map((kind) => {
      const style = kindStyles[kind];
      const icon = `<svg width="28" height="18" viewBox="0 0 28 18" aria-hidden="true"><g fill="${style.fill}" stroke="${style.line}" stroke-width="1.5">${style.icon}</g></svg>`;
      return `<li>${icon}<span>${escapeHtml(kind)}</span></li>`;
    })
    .join('');
  const { errors, warnings, infos } = data.summary;
  const counts = [
    `${data.nodes.length} node${data.nodes.length === 1 ? '' : 's'}`,
    `${data.edges.length} edge${data.edges.length === 1 ? '' : 's'}`,
    `<span class="count-error">${errors} error${errors === 1 ? '' : 's'}</span>`,
    `<span class="count-warn">${warnings} warning${warnings === 1 ? '' : 's'}</span>`,
    ...(infos > 0 ? [`${infos} info`] : []),
  ].join(' · ');
  const title = escapeHtml(data.title);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>paydown · ${title}</title>
<style>${css}</style>
</head>
<body>
<header>
  <h1><span class="brand">paydown</span> <span class="title">${title}</span></h1>
  <div class="counts">${counts}</div>
  <div class="search"><button id="fit" type="button" title="Show the whole graph">Fit</button><input id="search" type="search" list="node-ids" placeholder="Find a node by id…" autocomplete="off" aria-label="Find a node by id"><datalist id="node-ids"></datalist></div>
</header>
<main>
  <div id="cy" role="img" aria-label="Dependency graph"></div>
  <aside id="panel" aria-live="polite"><p class="hint">Click a node to see its details and findings.</p></aside>
  <section class="legend" aria-label="Legend">
    <ul class="kinds">${legend}</ul>
    <ul class="marks">
      <li><span class="ring ring-error"></span>error finding</li>
      <li><span class="ring ring-warn"></span>warning finding</li>
      <li><span class="stroke"></span>declared edge</li>
      <li><span class="stroke dashed"></span>seen in lineage</li>
      <li><span class="stroke dotted"></span>annotation</li>
    </ul>
  </section>
</main>
<script>window.__paydownGraph = { ready: false, nodeCount: 0 };</script>
<script type="application/json" id="paydown-data">${embedJson(data)}</script>
<script>${inlineScript(libraries().cytoscape)}</script>
<script>${inlineScript(libraries().dagre)}</script>
<script>${clientScript}</script>
</body>
</html>
`;
}

function htmlData(graph: DependencyGraph, options: RenderOptions): HtmlData {
  const view = graphView(graph, options);
  const nodes = view.nodes.map(({ node, findings, worst }): HtmlNode => {
    const style = kindStyles[node.kind];
    const width = Math.max(70, Math.round(node.id.length * 6.6 + (wideShapes.has(style.shape) ? 44 : 26)));
    return {
      key: `n${node.index}`,
      id: node.id,
      kind: node.kind,
      owner: node.owner ?? null,
      location: node.location === undefined ? null : formatLocation(node.location),
      declared: node.object !== undefined,
      shape: style.shape,
      fill: style.fill,
      line: style.line,
      width,
      worst: worst ?? null,
      findings: findings.map((finding) => ({ ruleId: finding.ruleId, severity: finding.severity, message: finding.message, fix: finding.fix, docs: finding.docs })),
    };
  });
  const edges = view.edges.map(
    (edge): HtmlEdge => ({
      key: `e${edge.index}`,
      source: `n${edge.from}`,
      target: `n${edge.to}`,
      kind: edge.kind,
      label: edgeLabel(edge),
      observed: edge.observed,
      annotation: isAnnotationEdge(edge),
    }),
  );
  const all = view.nodes.flatMap((entry) => entry.findings);
  const count = (severity: Severity): number => all.filter((finding) => finding.severity === severity).length;
  return {
    title: options.title ?? 'dependency graph',
    nodes,
    edges,
    summary: { errors: count('error'), warnings: count('warn'), infos: count('info') },
  };
}

function inlineScript(code: string): string {
  return code.replace(/^\/\/# sourceMappingURL=.*$/gm, '').replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

interface Libraries {
  readonly cytoscape: string;
  readonly dagre: string;
}

let loaded: Libraries | undefined;

function libraries(): Libraries {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const cytoscape = readFileSync(require.resolve('cytoscape/dist/cytoscape.min.js'), 'utf8');
  const dagreRoot = path.dirname(require.resolve('cytoscape-dagre/package.json'));
  const dagre = readFileSync(path.join(dagreRoot, 'dist', 'cytoscape-dagre.min.js'), 'utf8');
  loaded = { cytoscape, dagre };
  return loaded;
}

const css = `
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#0f172a;background:#f8fafc}
body{display:flex;flex-direction:column}
header{display:flex;align-items:center;gap:20px;padding:10px 16px;background:#0f172a;color:#e2e8f0}
header h1{margin:0;font-size:16px;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
header .brand{color:#fbbf24}
header .counts{font-size:13px;color:#94a3b8;white-space:nowrap}
.count-error{color:#f87171}.count-warn{color:#fbbf24}
header .search{margin-left:auto;display:flex;gap:8px}
#fit{padding:6px 12px;border-radius:6px;border:1px solid #334155;background:#1e293b;color:#e2e8f0;font:inherit;cursor:pointer}
#fit:hover{border-color:#64748b}
#search{width:260px;padding:6px 10px;border-radius:6px;border:1px solid #334155;background:#1e293b;color:#f8fafc;font:inherit}
#search.not-found{border-color:#f87171;outline:1px solid #f87171}
main{flex:1;display:flex;position:relative;min-height:0}
#cy{flex:1;min-width:0;background:#fff}
#panel{width:360px;flex:none;overflow:auto;padding:16px;border-left:1px solid #e2e8f0;background:#f8fafc}
#panel .hint{color:#64748b}
#panel h2{margin:0 0 6px;font-size:17px;word-break:break-all}
#panel dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:10px 0 14px;font-size:13px}
#panel dt{color:#64748b}#panel dd{margin:0;word-break:break-all}
#panel h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#475569;margin:16px 0 8px}
.kind-chip{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;border:1px solid}
.finding{border:1px solid #e2e8f0;border-left:4px solid #94a3b8;border-radius:6px;background:#fff;padding:8px 10px;margin-bottom:8px}
.finding.sev-error{border-left-color:#dc2626}.finding.sev-warn{border-left-color:#d97706}.finding.sev-info{border-left-color:#2563eb}
.finding .head{display:flex;gap:8px;align-items:center;margin-bottom:4px}
.finding .rule{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:600;font-size:12px}
.sev{font-size:11px;font-weight:700;text-transform:uppercase;padding:0 6px;border-radius:4px;color:#fff;background:#64748b}
.sev.sev-error{background:#dc2626}.sev.sev-warn{background:#d97706}.sev.sev-info{background:#2563eb}
.finding .fix{color:#334155;font-size:13px;margin-top:4px}
.finding .docs{color:#64748b;font-size:12px;margin-top:2px}
.neighbours{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px}
.neighbours button{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border:1px solid #cbd5e1;background:#fff;border-radius:4px;padding:1px 6px;cursor:pointer}
.neighbours button:hover{border-color:#2563eb}
.none{color:#94a3b8;font-size:13px}
.legend{position:absolute;left:12px;bottom:12px;background:rgba(255,255,255,.94);border:1px solid #e2e8f0;border-radius:8px;padding:8px 12px;font-size:12px;box-shadow:0 1px 3px rgba(15,23,42,.08)}
.legend ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;max-width:520px}
.legend ul+ul{margin-top:6px;padding-top:6px;border-top:1px solid #f1f5f9}
.legend li{display:flex;align-items:center;gap:6px}
.ring{display:inline-block;width:14px;height:14px;border-radius:3px;border:3px solid}
.ring-error{border-color:#dc2626}.ring-warn{border-color:#d97706}
.stroke{display:inline-block;width:26px;border-top:2px solid #64748b}
.stroke.dashed{border-top-style:dashed}.stroke.dotted{border-top-style:dotted;border-top-color:#94a3b8}
.error-box{margin:24px;padding:12px;border:1px solid #dc2626;border-radius:6px;background:#fef2f2;color:#991b1b}
`;

const clientScript = `
(function () {
  'use strict';
  var state = window.__paydownGraph;
  var data = JSON.parse(document.getElementById('paydown-data').textContent);
  var panel = document.getElementById('panel');
  var search = document.getElementById('search');
  var byKey = {};
  data.nodes.forEach(function (node) { byKey[node.key] = node; });

  function el(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = String(text);
    return element;
  }

  function fail(error) {
    state.error = String(error && error.message ? error.message : error);
    var box = el('div', 'error-box', 'The graph could not be drawn: ' + state.error);
    panel.replaceChildren(box);
  }

  if (typeof window.cytoscape !== 'function') { fail('cytoscape did not load'); return; }
  if (!window.cytoscape('layout', 'dagre') && window.cytoscapeDagre) window.cytoscape.use(window.cytoscapeDagre);

  var elements = [];
  data.nodes.forEach(function (node) {
    var classes = ['item'];
    if (node.worst) classes.push('sev-' + node.worst);
    if (!node.declared) classes.push('lineage');
    elements.push({ group: 'nodes', data: { id: node.key, label: node.id, shape: node.shape, fill: node.fill, line: node.line, w: node.width }, classes: classes.join(' ') });
  });
  data.edges.forEach(function (edge) {
    var classes = [];
    if (edge.observed) classes.push('observed');
    if (edge.annotation) classes.push('annotation');
    elements.push({ group: 'edges', data: { id: edge.key, source: edge.source, target: edge.target, label: edge.label }, classes: classes.join(' ') });
  });

  var cy;
  try {
    cy = window.cytoscape({
      container: document.getElementById('cy'),
      elements: elements,
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      textureOnViewport: data.nodes.length > 2000,
      hideEdgesOnViewport: data.edges.length > 2000,
      style: [
        { selector: 'node.item', style: {
          'shape': 'data(shape)', 'background-color': 'data(fill)', 'border-color': 'data(line)', 'border-width': 1.5,
          'label': 'data(label)', 'font-size': 11, 'font-family': 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif',
          'color': '#0f172a', 'text-valign': 'center', 'text-halign': 'center', 'width': 'data(w)', 'height': 34
        } },
        { selector: 'node.lineage', style: { 'border-style': 'dashed' } },
        { selector: 'node.sev-error', style: { 'border-color': '#dc2626', 'border-width': 4 } },
        { selector: 'node.sev-warn', style: { 'border-color': '#d97706', 'border-width': 4 } },
        { selector: 'node.item:selected', style: { 'underlay-color': '#2563eb', 'underlay-opacity': 0.25, 'underlay-padding': 6 } },
        { selector: 'node.badge', style: {
          'shape': 'ellipse', 'width': 18, 'height': 18, 'background-color': 'data(color)', 'border-width': 1.5, 'border-color': '#fff',
          'label': 'data(label)', 'color': '#fff', 'font-size': 10, 'font-weight': 'bold', 'text-valign': 'center', 'text-halign': 'center',
          'events': 'no', 'z-index': 20
        } },
        { selector: 'edge', style: {
          'width': 1.5, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.9,
          'line-color': '#64748b', 'target-arrow-color': '#64748b',
          'label': 'data(label)', 'font-size': 9, 'color': '#475569',
          'text-background-color': '#ffffff', 'text-background-opacity': 0.9, 'text-background-padding': 2
        } },
        { selector: 'edge.observed', style: { 'line-style': 'dashed' } },
        { selector: 'edge.annotation', style: { 'line-style': 'dotted', 'line-color': '#94a3b8', 'target-arrow-color': '#94a3b8', 'color': '#64748b' } },
        { selector: 'edge.highlight', style: { 'line-color': '#2563eb', 'target-arrow-color': '#2563eb', 'width': 2.5, 'z-index': 10 } },
        { selector: '.faded', style: { 'opacity': 0.25 } }
      ]
    });
  } catch (error) { fail(error); return; }
  window.__paydownCy = cy;

  function badgeId(node) { return 'badge-' + node.id(); }
  function placeBadge(node) {
    var badge = cy.getElementById(badgeId(node));
    if (badge.empty()) return;
    var position = node.position();
    badge.position({ x: position.x + node.width() / 2 - 2, y: position.y - node.height() / 2 - 2 });
  }
  function addBadges() {
    var badges = [];
    data.nodes.forEach(function (node) {
      if (node.findings.length === 0) return;
      var color = node.worst === 'error' ? '#dc2626' : node.worst === 'warn' ? '#d97706' : '#2563eb';
      badges.push({ group: 'nodes', data: { id: 'badge-' + node.key, label: String(node.findings.length), color: color }, classes: 'badge', selectable: false, grabbable: false });
    });
    cy.add(badges);
    cy.nodes('.item').forEach(placeBadge);
    cy.on('position', 'node.item', function (event) { placeBadge(event.target); });
  }

  function neighbourButtons(collection) {
    var list = el('ul', 'neighbours');
    collection.forEach(function (node) {
      var item = el('li');
      var button = el('button', '', byKey[node.id()].id);
      button.type = 'button';
      button.addEventListener('click', function () { focusNode(node); });
      item.appendChild(button);
      list.appendChild(item);
    });
    if (collection.length === 0) return el('p', 'none', 'none');
    return list;
  }

  function showPanel(node) {
    var info = byKey[node.id()];
    var children = [];
    children.push(el('h2', '', info.id));
    var chip = el('span', 'kind-chip', info.kind);
    chip.style.background = info.fill;
    chip.style.borderColor = info.line;
    children.push(chip);
    var facts = el('dl');
    function fact(name, value) { facts.appendChild(el('dt', '', name)); facts.appendChild(el('dd', '', value)); }
    fact('owner', info.owner || 'no owner declared');
    fact('declared at', info.location || 'not declared (seen in lineage)');
    fact('findings', info.findings.length);
    children.push(facts);
    children.push(el('h3', '', 'Findings'));
    if (info.findings.length === 0) children.push(el('p', 'none', 'No findings on this node.'));
    info.findings.forEach(function (finding) {
      var box = el('div', 'finding sev-' + finding.severity);
      box.setAttribute('data-rule', finding.ruleId);
      var head = el('div', 'head');
      head.appendChild(el('span', 'sev sev-' + finding.severity, finding.severity));
      head.appendChild(el('span', 'rule', finding.ruleId));
      box.appendChild(head);
      box.appendChild(el('div', 'message', finding.message));
      box.appendChild(el('div', 'fix', 'Fix: ' + finding.fix));
      box.appendChild(el('div', 'docs', finding.docs));
      children.push(box);
    });
    children.push(el('h3', '', 'Upstream (reads from)'));
    children.push(neighbourButtons(node.incomers('node.item')));
    children.push(el('h3', '', 'Downstream (read by)'));
    children.push(neighbourButtons(node.outgoers('node.item')));
    panel.replaceChildren.apply(panel, children);
  }

  function highlight(node) {
    cy.elements().removeClass('faded highlight');
    var near = node.closedNeighborhood();
    cy.elements('.item, edge').not(near).addClass('faded');
    near.edges().addClass('highlight');
    cy.nodes('.badge').forEach(function (badge) {
      var owner = cy.getElementById(badge.id().slice(6));
      if (owner.hasClass('faded')) badge.addClass('faded');
    });
  }

  function focusNode(node) {
    cy.nodes().unselect();
    node.select();
    highlight(node);
    showPanel(node);
    cy.stop(true, true);
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
  }

  cy.on('tap', 'node.item', function (event) {
    var node = event.target;
    cy.nodes().unselect();
    node.select();
    highlight(node);
    showPanel(node);
  });
  function reset() {
    cy.nodes().unselect();
    cy.elements().removeClass('faded highlight');
    panel.replaceChildren(el('p', 'hint', 'Click a node to see its details and findings.'));
  }
  cy.on('tap', function (event) { if (event.target === cy) reset(); });
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape' && event.target !== search) reset(); });
  document.getElementById('fit').addEventListener('click', function () {
    cy.stop(true, true);
    cy.animate({ fit: { eles: cy.elements(), padding: 40 } }, { duration: 250 });
  });

  var options = document.getElementById('node-ids');
  data.nodes.map(function (node) { return node.id; }).sort().forEach(function (id) {
    var option = document.createElement('option');
    option.value = id;
    options.appendChild(option);
  });
  function find(text) {
    var query = text.trim().toLowerCase();
    if (query === '') return null;
    var exact = data.nodes.filter(function (node) { return node.id.toLowerCase() === query; })[0];
    var partial = exact || data.nodes.filter(function (node) { return node.id.toLowerCase().indexOf(query) !== -1; })[0];
    return partial ? cy.getElementById(partial.key) : null;
  }
  function runSearch() {
    var node = find(search.value);
    search.classList.toggle('not-found', search.value.trim() !== '' && !node);
    if (node) focusNode(node);
  }
  search.addEventListener('change', runSearch);
  search.addEventListener('keydown', function (event) { if (event.key === 'Enter') runSearch(); });
  search.addEventListener('input', function () { search.classList.remove('not-found'); });

  var large = data.nodes.length > 400 || data.edges.length > 800;

  function layeredPositions() {
    var rank = {};
    var incoming = {};
    data.nodes.forEach(function (node) { rank[node.key] = 0; incoming[node.key] = []; });
    var flow = data.edges.filter(function (edge) { return !edge.annotation && edge.source !== edge.target; });
    flow.forEach(function (edge) { incoming[edge.target].push(edge.source); });
    for (var round = 0; round < data.nodes.length; round++) {
      var changed = false;
      flow.forEach(function (edge) {
        if (rank[edge.target] < rank[edge.source] + 1 && rank[edge.source] + 1 < data.nodes.length) { rank[edge.target] = rank[edge.source] + 1; changed = true; }
      });
      if (!changed) break;
    }
    var columns = [];
    data.nodes.forEach(function (node) { (columns[rank[node.key]] = columns[rank[node.key]] || []).push(node.key); });
    var row = {};
    var positions = {};
    var maxRows = Math.max(20, Math.ceil(Math.sqrt(data.nodes.length * 3)));
    var x = 0;
    columns.forEach(function (column) {
      if (!column) return;
      column.sort(function (a, b) { return weight(a) - weight(b); });
      var widest = 0;
      column.forEach(function (key, index) { row[key] = index; widest = Math.max(widest, byKey[key].width); });
      column.forEach(function (key, index) {
        var stack = Math.floor(index / maxRows);
        positions[key] = { x: x + stack * (widest + 30) + widest / 2, y: (index % maxRows) * 50 };
      });
      x += Math.ceil(column.length / maxRows) * (widest + 30) + 90;
    });
    function weight(key) {
      var rows = incoming[key].filter(function (source) { return row[source] !== undefined; }).map(function (source) { return row[source]; });
      return rows.length === 0 ? Number.MAX_SAFE_INTEGER : rows.reduce(function (a, b) { return a + b; }, 0) / rows.length;
    }
    return positions;
  }

  function whenLaidOut() {
    addBadges();
    cy.fit(cy.elements(), 40);
    if (cy.zoom() > 1.5) { cy.zoom(1.5); cy.center(); }
    panel.replaceChildren(el('p', 'hint', large
      ? 'Click a node to see its details and findings. (' + data.nodes.length + ' nodes: drawn with a quick layered layout.)'
      : 'Click a node to see its details and findings.'));
    window.__paydownGraph = { ready: true, nodeCount: cy.nodes('.item').length };
  }

  panel.replaceChildren(el('p', 'hint', 'Laying out ' + data.nodes.length + ' nodes…'));
  function runLayout() {
    try {
      var options = large
        ? { name: 'preset', positions: layeredPositions(), fit: false, animate: false }
        : { name: 'dagre', rankDir: 'LR', nodeSep: 26, rankSep: 80, edgeSep: 12, fit: false, animate: false };
      var layout = cy.elements().layout(options);
      layout.one('layoutstop', whenLaidOut);
      layout.run();
    } catch (error) { fail(error); }
  }
  if (document.readyState === 'complete') setTimeout(runLayout, 0);
  else window.addEventListener('load', function () { setTimeout(runLayout, 0); });
})();
`;
