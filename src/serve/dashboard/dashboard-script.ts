/**
 * The dashboard's browser code (plain ES5-style JavaScript, inlined in the page). It reads
 * `/api/graph`, `/api/findings`, `/api/consumers` (the core's) and `/api/monitors`,
 * `/api/alerts`, `/api/breakers`, `/api/audit` (the monitors'), every 5 s, and posts admin
 * actions with the token the person entered.
 */
export const dashboardScript = String.raw`
(function () {
  'use strict';
  var status = window.__paydownDashboard;
  var TOKEN_KEY = 'paydown-admin-token';
  var state = { tab: 'overview', admin: false, data: {}, charts: {}, cy: null, graphKey: '' };
  var palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function time(ms) { return ms === null || ms === undefined ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19); }
  function short(value) {
    if (value === null || value === undefined) return '';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  }
  function notice(text, bad) {
    var box = $('notice');
    box.textContent = text || '';
    box.className = text ? 'show' : '';
    if (bad) box.style.background = '#fee2e2'; else box.style.background = '';
  }
  function token() { try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; } }
  function headers() { var t = token(); return t ? { Authorization: 'Bearer ' + t } : {}; }

  function getJson(path, admin) {
    return fetch(path, { headers: admin ? headers() : {} }).then(function (response) {
      if (!response.ok) return { __missing: response.status };
      return response.json();
    }).catch(function (error) { return { __missing: String(error) }; });
  }

  function table(columns, rows, empty) {
    if (!rows.length) return el('p', 'muted', empty || 'Nothing yet.');
    var t = el('table');
    var head = el('tr');
    columns.forEach(function (c) { head.appendChild(el('th', null, c.title)); });
    t.appendChild(head);
    rows.forEach(function (row) {
      var tr = el('tr');
      columns.forEach(function (c) {
        var td = el('td');
        var value = c.render(row);
        if (value instanceof Node) td.appendChild(value); else td.textContent = short(value);
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    return t;
  }
  function badge(text, kind) { return el('span', 'state ' + (kind || text), text); }

  function adminButton(label, onClick, testId) {
    var button = el('button', 'action', label);
    button.type = 'button';
    if (testId) button.setAttribute('data-testid', testId);
    button.disabled = !state.admin;
    button.title = state.admin ? '' : 'enter the admin token first';
    button.addEventListener('click', function () { button.disabled = true; onClick(); });
    return button;
  }

  function post(path, body) {
    return fetch(path, { method: 'POST', headers: Object.assign({ 'content-type': 'application/json' }, headers()), body: JSON.stringify(body || {}) })
      .then(function (response) { return response.json().then(function (json) { return { ok: response.ok, json: json }; }); })
      .then(function (result) {
        notice(result.ok ? 'Done: ' + path : 'Refused: ' + (result.json.error || 'error'), !result.ok);
        return load();
      })
      .catch(function (error) { notice('Failed: ' + error, true); });
  }

  // ---- tabs ----
  Array.prototype.forEach.call(document.querySelectorAll('#tabs button'), function (button) {
    button.addEventListener('click', function () { show(button.getAttribute('data-tab')); });
  });
  function show(tab) {
    state.tab = tab;
    Array.prototype.forEach.call(document.querySelectorAll('#tabs button'), function (b) { b.classList.toggle('active', b.getAttribute('data-tab') === tab); });
    Array.prototype.forEach.call(document.querySelectorAll('.tab'), function (s) { s.classList.toggle('active', s.id === 'tab-' + tab); });
    render();
    if (tab === 'overview' && state.cy) { state.cy.resize(); state.cy.fit(undefined, 20); }
  }

  // ---- admin ----
  $('admin-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var value = $('admin-token').value.trim();
    if (!value) { try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* private mode */ } checkAdmin(); return; }
    try { sessionStorage.setItem(TOKEN_KEY, value); } catch (e) { /* private mode */ }
    $('admin-token').value = '';
    checkAdmin().then(function () { notice(state.admin ? 'Admin actions unlocked.' : 'That admin token was refused.', !state.admin); render(); });
  });
  function checkAdmin() {
    if (!token()) { state.admin = false; $('admin-state').textContent = ''; return Promise.resolve(); }
    return getJson('/api/admin/tokens', true).then(function (json) {
      state.admin = !json.__missing;
      state.data.tokens = json;
      $('admin-state').textContent = state.admin ? 'admin' : 'token refused';
    });
  }

  // ---- graph ----
  function graphParts(graph, findings) {
    var nodes = (graph && graph.nodes) || [];
    var edges = (graph && graph.edges) || [];
    var list = Array.isArray(findings) ? findings : (findings && findings.findings) || (graph && graph.findings) || [];
    var ids = nodes.map(function (n) { return String(n.id); });
    function endpoint(value) { return typeof value === 'number' ? ids[value] : value; }
    var worst = {};
    var byNode = {};
    var rank = { error: 3, warning: 2, warn: 2, info: 1 };
    list.forEach(function (finding) {
      var node = finding.node || finding.nodeId || finding.subject || finding.target || (finding.nodes && finding.nodes[0]) || (finding.location && finding.location.node);
      if (!node) return;
      (byNode[node] = byNode[node] || []).push(finding);
      var sev = finding.severity || 'warning';
      if (!worst[node] || rank[sev] > rank[worst[node]]) worst[node] = sev;
    });
    return { nodes: nodes, edges: edges, endpoint: endpoint, worst: worst, byNode: byNode, findings: list };
  }

  var kindStyle = {
    source: ['barrel', '#dbeafe', '#1d4ed8'], feature: ['round-rectangle', '#dcfce7', '#15803d'], model: ['hexagon', '#ede9fe', '#6d28d9'],
    output: ['ellipse', '#fae8ff', '#a21caf'], consumer: ['rectangle', '#ffedd5', '#c2410c'], pipeline: ['rhomboid', '#e0f2fe', '#0369a1'],
    experiment: ['octagon', '#fef9c3', '#a16207'], config: ['round-tag', '#fce7f3', '#be185d']
  };

  function renderGraph() {
    var graph = state.data.graph;
    if (!graph || graph.__missing) {
      $('cy').textContent = 'The system graph is not available (GET /api/graph answered ' + (graph ? graph.__missing : 'nothing') + ').';
      return;
    }
    var parts = graphParts(graph, state.data.findings && !state.data.findings.__missing ? state.data.findings : []);
    var alertsByModel = {};
    ((state.data.alerts && state.data.alerts.alerts) || []).forEach(function (a) { if (a.state === 'firing' && a.model) alertsByModel[a.model] = true; if (a.state === 'firing' && a.source) alertsByModel[a.source] = true; });
    var key = JSON.stringify([parts.nodes.length, parts.edges.length, parts.worst, alertsByModel]);
    var summary = $('summary');
    summary.replaceChildren(
      el('p', null, parts.nodes.length + ' nodes, ' + parts.edges.length + ' edges, ' + parts.findings.length + ' findings'),
      el('p', null, Object.keys(alertsByModel).length + ' nodes with firing alerts (red fill)')
    );
    if (key === state.graphKey && state.cy) return;
    state.graphKey = key;
    if (typeof window.cytoscape !== 'function') { $('cy').textContent = 'cytoscape did not load'; return; }
    if (!window.cytoscape('layout', 'dagre') && window.cytoscapeDagre) window.cytoscape.use(window.cytoscapeDagre);
    var elements = [];
    parts.nodes.forEach(function (n) {
      var style = kindStyle[n.kind] || ['round-rectangle', '#f1f5f9', '#475569'];
      var classes = [];
      if (parts.worst[n.id]) classes.push('sev-' + (parts.worst[n.id] === 'warn' ? 'warning' : parts.worst[n.id]));
      if (alertsByModel[n.id]) classes.push('alerting');
      elements.push({ group: 'nodes', data: { id: String(n.id), label: String(n.id), kind: n.kind, owner: n.owner || '', shape: style[0], fill: style[1], line: style[2] }, classes: classes.join(' ') });
    });
    parts.edges.forEach(function (e, i) {
      var from = parts.endpoint(e.from !== undefined ? e.from : e.source);
      var to = parts.endpoint(e.to !== undefined ? e.to : e.target);
      if (from === undefined || to === undefined) return;
      elements.push({ group: 'edges', data: { id: 'e' + i, source: String(from), target: String(to) }, classes: e.observed ? 'observed' : '' });
    });
    if (state.cy) state.cy.destroy();
    state.cy = window.cytoscape({
      container: $('cy'),
      elements: elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { label: 'data(label)', shape: 'data(shape)', 'background-color': 'data(fill)', 'border-color': 'data(line)', 'border-width': 1.5, 'font-size': 11, 'text-valign': 'center', width: 'label', height: 26, padding: 8 } },
        { selector: 'edge', style: { width: 1.2, 'line-color': '#94a3b8', 'target-arrow-color': '#94a3b8', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } },
        { selector: 'edge.observed', style: { 'line-style': 'dashed' } },
        { selector: 'node.sev-warning', style: { 'border-color': '#d97706', 'border-width': 3 } },
        { selector: 'node.sev-error', style: { 'border-color': '#dc2626', 'border-width': 4 } },
        { selector: 'node.alerting', style: { 'background-color': '#fecaca' } },
        { selector: 'node:selected', style: { 'overlay-opacity': 0.15 } }
      ],
      layout: { name: window.cytoscape('layout', 'dagre') ? 'dagre' : 'breadthfirst', rankDir: 'LR', nodeSep: 12, rankSep: 60 }
    });
    state.cy.on('tap', 'node', function (event) {
      var id = event.target.id();
      var box = $('node-detail');
      box.className = '';
      var found = parts.byNode[id] || [];
      box.replaceChildren(el('h3', null, id), el('p', 'muted', event.target.data('kind') + (event.target.data('owner') ? ' · owner ' + event.target.data('owner') : '')));
      found.forEach(function (f) { box.appendChild(el('p', 'msg', (f.severity || '') + ' ' + (f.ruleId || f.rule || '') + ': ' + (f.message || ''))); });
      if (!found.length) box.appendChild(el('p', 'muted', 'No findings.'));
    });
    status.cy = state.cy;
  }

  // ---- monitors ----
  function renderMonitors() {
    var root = $('monitors');
    var json = state.data.monitors;
    if (!json || json.__missing) { root.replaceChildren(el('p', 'muted', 'No monitor data.')); return; }
    Object.keys(state.charts).forEach(function (id) { state.charts[id].destroy(); });
    state.charts = {};
    var byModel = {};
    json.monitors.forEach(function (m) { (byModel[m.model] = byModel[m.model] || []).push(m); });
    var container = el('div');
    Object.keys(byModel).sort().forEach(function (model) {
      container.appendChild(el('h2', null, model));
      var grid = el('div', 'models');
      byModel[model].forEach(function (m) {
        var card = el('div', 'card' + (m.firing ? ' firing' : ''));
        card.setAttribute('data-monitor', m.id);
        var title = el('h3', null, m.id + ' ');
        title.appendChild(badge(m.firing ? 'firing' : 'ok'));
        card.appendChild(title);
        card.appendChild(el('div', 'muted', describe(m)));
        var evaluation = m.lastEvaluation;
        if (evaluation) {
          if (evaluation.error) card.appendChild(el('div', 'msg', 'error: ' + evaluation.error));
          evaluation.outcomes.slice(0, 4).forEach(function (o) { card.appendChild(el('div', 'msg', o.message)); });
        }
        var box = el('div', 'chart-box');
        var canvas = el('canvas');
        box.appendChild(canvas);
        card.appendChild(box);
        grid.appendChild(card);
        if (typeof window.Chart === 'function') state.charts[m.id] = chart(canvas, m);
      });
      container.appendChild(grid);
    });
    root.replaceChildren(container);
  }

  function describe(m) {
    var parts = ['window ' + Math.round(m.windowMs / 60000) + 'm'];
    if (m.type === 'prediction-bias') parts.push('tolerance ±' + m.tolerance, 'min ' + m.minSamples + ' labelled', m.slices.length ? 'slices ' + m.slices.join(', ') : 'no slices');
    if (m.type === 'input-drift') parts.push('PSI > ' + m.tolerance, 'reference ' + m.reference);
    if (m.type === 'action-limit') parts = m.limits.map(function (l) { return l.action + ' ≤ ' + l.max + ' per ' + Math.round(l.perMs / 1000) + 's'; });
    if (m.type === 'upstream-freshness') parts = ['age / maxAge per source (above 1 is stale)'];
    parts.push('respond: ' + m.respond.join(', '));
    return parts.join(' · ');
  }

  function chart(canvas, m) {
    var series = m.series.slice(0, 7);
    var xs = [];
    var datasets = series.map(function (s, i) {
      s.points.forEach(function (p) { xs.push(p.at); });
      return { label: s.slice || 'overall', data: s.points.map(function (p) { return { x: p.at, y: p.value }; }), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], borderWidth: s.slice ? 1.2 : 2.4, pointRadius: 1.5, tension: 0 };
    });
    var limits = [];
    if (m.type === 'prediction-bias') limits = [m.tolerance, -m.tolerance];
    if (m.type === 'input-drift') limits = [m.tolerance];
    if (m.type === 'upstream-freshness') limits = [1];
    if (m.type === 'action-limit') limits = m.limits.map(function (l) { return l.max; });
    if (xs.length) {
      var lo = Math.min.apply(null, xs), hi = Math.max.apply(null, xs);
      limits.forEach(function (y) { datasets.push({ label: 'limit', data: [{ x: lo, y: y }, { x: hi, y: y }], borderColor: '#ef4444', borderDash: [5, 4], borderWidth: 1, pointRadius: 0 }); });
    }
    return new window.Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        animation: false, maintainAspectRatio: false, parsing: true,
        scales: { x: { type: 'linear', ticks: { maxTicksLimit: 6, callback: function (v) { return new Date(v).toISOString().slice(11, 19); } } } },
        plugins: { legend: { labels: { boxWidth: 10, font: { size: 10 }, filter: function (item, data) { return item.text !== 'limit' || item.datasetIndex === data.datasets.findIndex(function (d) { return d.label === 'limit'; }); } } } }
      }
    });
  }

  // ---- alerts, consumers, breakers, audit ----
  function renderAlerts() {
    var list = (state.data.alerts && state.data.alerts.alerts) || [];
    var firing = list.filter(function (a) { return a.state === 'firing'; }).length;
    $('alert-count').textContent = firing ? String(firing) : '';
    $('alerts').replaceChildren(table([
      { title: 'state', render: function (a) { return badge(a.state); } },
      { title: 'severity', render: function (a) { return badge(a.severity, a.severity === 'critical' ? 'bad' : 'warn'); } },
      { title: 'monitor', render: function (a) { return a.monitor; } },
      { title: 'model / source', render: function (a) { return (a.model || '') + (a.source ? ' / ' + a.source : ''); } },
      { title: 'message', render: function (a) { return a.message; } },
      { title: 'first', render: function (a) { return time(a.firstAt); } },
      { title: 'last', render: function (a) { return time(a.resolvedAt || a.lastAt); } },
      { title: 'count', render: function (a) { return a.count; } },
      { title: '', render: function (a) { return a.state === 'firing' ? adminButton('Resolve', function () { post('/api/admin/alerts/' + a.id + '/resolve'); }, 'resolve-' + a.id) : ''; } }
    ], list, 'No alerts.'));
  }

  function renderConsumers() {
    var json = state.data.consumers;
    var root = $('consumers');
    if (!json || json.__missing) { root.replaceChildren(el('p', 'muted', 'Consumers are not available (GET /api/consumers answered ' + (json ? json.__missing : 'nothing') + ').')); }
    else {
      var list = Array.isArray(json) ? json : json.consumers || [];
      root.replaceChildren(table([
        { title: 'consumer', render: function (c) { return c.id; } },
        { title: 'reads', render: function (c) { return (c.reads || []).join(', '); } },
        { title: 'SLA', render: function (c) { var s = c.sla || {}; var parts = []; if (s.latencyMs !== undefined) parts.push('≤ ' + s.latencyMs + ' ms'); if (s.ratePerSecond !== undefined) parts.push(s.ratePerSecond + '/s'); if (s.availability !== undefined) parts.push((s.availability * 100) + '%'); return parts.join(', ') || 'none'; } },
        { title: 'requests', render: function (c) { return c.observed ? c.observed.requests : ''; } },
        { title: 'refused', render: function (c) { return c.observed ? c.observed.refused : ''; } },
        { title: 'rate-limited', render: function (c) { return c.observed ? c.observed.rateLimited : ''; } },
        { title: 'p50 / p99 ms', render: function (c) { var o = c.observed; return o && o.p50Ms !== null && o.p50Ms !== undefined ? o.p50Ms.toFixed(1) + ' / ' + (o.p99Ms === null ? '' : o.p99Ms.toFixed(1)) : ''; } },
        { title: 'latency SLA', render: function (c) { return compliance(c); } },
        { title: 'tokens', render: function (c) { return tokenCell(c); } }
      ], list, 'No consumers declared.'));
    }
    var tokens = state.data.tokens;
    if (!state.admin || !tokens || tokens.__missing) return;
    $('tokens').className = '';
    $('tokens').replaceChildren(table([
      { title: 'token id', render: function (t) { return t.id; } },
      { title: 'consumer', render: function (t) { return t.consumer; } },
      { title: 'created', render: function (t) { return time(t.createdAt); } },
      { title: 'state', render: function (t) { return t.revokedAt ? badge('revoked', 'bad') : badge('active', 'ok'); } },
      { title: '', render: function (t) { return t.revokedAt ? '' : adminButton('Revoke', function () { post('/api/admin/tokens/' + encodeURIComponent(t.id) + '/revoke'); }, 'revoke-' + t.id); } }
    ], tokens.tokens || [], 'No tokens.'));
  }

  function compliance(c) {
    var o = c.observed;
    if (!o || o.latencyCompliance === null || o.latencyCompliance === undefined) return el('span', 'muted', c.sla && c.sla.latencyMs !== undefined ? 'no calls yet' : 'no latency promised');
    var target = c.sla && c.sla.availability !== undefined ? c.sla.availability : 0.99;
    var share = (o.latencyCompliance * 100).toFixed(1) + '% within';
    return badge(share, o.latencyCompliance >= target ? 'ok' : 'bad');
  }

  function tokenCell(c) {
    var box = el('span');
    (c.tokens || []).forEach(function (t) {
      var line = el('div', null, t.id + (t.revokedAt ? ' (revoked)' : '') + ' ');
      if (!t.revokedAt) line.appendChild(adminButton('Revoke', function () { post('/api/admin/tokens/' + encodeURIComponent(t.id) + '/revoke'); }, 'revoke-' + t.id));
      box.appendChild(line);
    });
    return box;
  }

  function renderBreakers() {
    var json = state.data.breakers;
    if (!json || json.__missing) { $('breakers').replaceChildren(el('p', 'muted', 'No breaker data.')); return; }
    var openByModel = {};
    json.breakers.forEach(function (b) { if (b.open) (openByModel[b.model] = openByModel[b.model] || []).push(b.kind); });
    var root = el('div');
    root.appendChild(el('h2', null, 'Serving plans'));
    root.appendChild(table([
      { title: 'model', render: function (p) { return p.model; } },
      { title: 'answers with', render: function (p) { return badge(p.plan.mode, p.plan.mode === 'live' ? 'ok' : 'bad'); } },
      { title: 'version', render: function (p) { return p.plan.version || ''; } },
      { title: 'shadow', render: function (p) { return p.plan.shadowVersion || ''; } },
      { title: 'open switches', render: function (p) { return (openByModel[p.model] || []).join(', '); } },
      { title: '', render: function (p) { return openByModel[p.model] ? adminButton('Reset', function () { post('/api/admin/breakers/' + encodeURIComponent(p.model) + '/reset'); }, 'reset-' + p.model) : ''; } }
    ], json.plans, 'No models.'));
    root.appendChild(el('h2', null, 'Breakers and response switches'));
    root.appendChild(table([
      { title: 'model', render: function (b) { return b.model; } },
      { title: 'response', render: function (b) { return b.kind; } },
      { title: 'state', render: function (b) { return badge(b.open ? 'open' : 'closed'); } },
      { title: 'why', render: function (b) { return b.reason || ''; } },
      { title: 'changed', render: function (b) { return time(b.changedAt); } }
    ], json.breakers, 'No breaker has opened.'));
    $('breakers').replaceChildren(root);
  }

  function renderAudit() {
    var list = (state.data.audit && state.data.audit.audit) || [];
    $('audit').replaceChildren(table([
      { title: '#', render: function (a) { return a.id; } },
      { title: 'time', render: function (a) { return time(a.at); } },
      { title: 'actor', render: function (a) { return a.actor; } },
      { title: 'action', render: function (a) { return a.action; } },
      { title: 'target', render: function (a) { return a.target; } },
      { title: 'details', render: function (a) { return short(a.details); } }
    ], list, 'The audit log is empty.'));
  }

  function render() {
    renderAlerts();
    if (state.tab === 'overview') renderGraph();
    if (state.tab === 'monitors') renderMonitors();
    if (state.tab === 'consumers') renderConsumers();
    if (state.tab === 'breakers') renderBreakers();
    if (state.tab === 'audit') renderAudit();
  }

  function load() {
    var names = ['graph', 'findings', 'consumers', 'monitors', 'alerts', 'breakers', 'audit'];
    var paths = ['/api/graph', '/api/findings', '/api/consumers', '/api/monitors', '/api/alerts?limit=500', '/api/breakers', '/api/audit?limit=500'];
    return Promise.all(paths.map(function (p) { return getJson(p, false); })).then(function (results) {
      names.forEach(function (name, i) { state.data[name] = results[i]; });
      return checkAdmin();
    }).then(function () {
      try { render(); } catch (error) { status.errors.push(String(error)); }
      status.loads += 1;
      status.ready = true;
    });
  }

  load();
  setInterval(load, 5000);
})();
`;
