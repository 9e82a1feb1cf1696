import { dashboardLibraries } from './assets.js';
import { dashboardScript } from './dashboard-script.js';

/**
 * The dashboard of `paydown serve`: one offline HTML page (Chart.js, cytoscape and
 * cytoscape-dagre inlined) that reads the server's JSON APIs and shows the system graph with
 * findings, each model's monitors as time series, alerts, consumers and their SLA compliance,
 * breakers and serving plans, and the audit log. Admin actions (reset a breaker, resolve an
 * alert, revoke a token) are offered once the admin token is entered; it is kept in the tab's
 * sessionStorage only. When the first load is done the page sets
 * `window.__paydownDashboard = { ready: true, ... }`.
 *
 * @example
 * app.get('/', (c) => c.html(renderDashboard()));
 */
export function renderDashboard(): string {
  const libraries = dashboardLibraries();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>paydown serve</title>
<style>${css}</style>
</head>
<body>
<header>
  <strong class="brand">paydown serve</strong>
  <nav id="tabs">
    <button data-tab="overview" class="active">Overview</button>
    <button data-tab="monitors">Monitors</button>
    <button data-tab="alerts">Alerts <span id="alert-count" class="pill"></span></button>
    <button data-tab="consumers">Consumers</button>
    <button data-tab="breakers">Breakers</button>
    <button data-tab="audit">Audit log</button>
  </nav>
  <form id="admin-form" autocomplete="off">
    <input id="admin-token" type="password" placeholder="admin token" aria-label="admin token">
    <button type="submit" id="admin-login">Unlock admin</button>
    <span id="admin-state"></span>
  </form>
</header>
<div id="notice" role="status"></div>
<main>
  <section id="tab-overview" class="tab active">
    <div class="split">
      <div id="cy" aria-label="system graph"></div>
      <aside id="overview-side"><h2>Summary</h2><div id="summary"></div><h2>Selected</h2><div id="node-detail" class="muted">Click a node.</div></aside>
    </div>
  </section>
  <section id="tab-monitors" class="tab"><div id="monitors"></div></section>
  <section id="tab-alerts" class="tab"><div id="alerts"></div></section>
  <section id="tab-consumers" class="tab"><div id="consumers"></div><h2>Tokens</h2><div id="tokens" class="muted">Enter the admin token to list and revoke consumer tokens.</div></section>
  <section id="tab-breakers" class="tab"><div id="breakers"></div></section>
  <section id="tab-audit" class="tab"><div id="audit"></div></section>
</main>
<script>window.__paydownDashboard = { ready: false, loads: 0, errors: [] };</script>
<script>${libraries.chart}</script>
<script>${libraries.cytoscape}</script>
<script>${libraries.dagre}</script>
<script>${dashboardScript}</script>
</body>
</html>
`;
}

const css = `
*{box-sizing:border-box}
html,body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#0f172a;background:#f8fafc}
header{display:flex;align-items:center;gap:18px;padding:8px 16px;background:#0f172a;color:#e2e8f0;flex-wrap:wrap}
.brand{font-size:16px}
nav button{background:none;border:0;color:#cbd5e1;padding:6px 10px;border-radius:6px;cursor:pointer;font:inherit}
nav button.active{background:#1e293b;color:#fff}
#admin-form{margin-left:auto;display:flex;gap:6px;align-items:center}
#admin-form input{padding:4px 8px;border-radius:4px;border:1px solid #475569;background:#1e293b;color:#fff}
button.action,#admin-form button{padding:4px 10px;border-radius:4px;border:1px solid #64748b;background:#334155;color:#fff;cursor:pointer;font:inherit}
button.action{background:#b91c1c;border-color:#7f1d1d}
button.action:disabled{opacity:.4;cursor:not-allowed}
#notice{padding:0 16px;min-height:0}
#notice.show{padding:8px 16px;background:#fef9c3;border-bottom:1px solid #fde047}
main{padding:12px 16px}
.tab{display:none}.tab.active{display:block}
.split{display:flex;gap:12px;height:calc(100vh - 110px);min-height:420px}
#cy{flex:1;background:#fff;border:1px solid #e2e8f0;border-radius:8px}
aside{width:340px;overflow:auto;background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:8px 12px}
h2{font-size:15px;margin:12px 0 6px}h3{font-size:14px;margin:0 0 4px}
table{border-collapse:collapse;width:100%;background:#fff;margin-bottom:14px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e2e8f0;vertical-align:top}
th{background:#f1f5f9;font-weight:600}
.muted{color:#64748b}
.pill{display:inline-block;min-width:18px;padding:0 6px;border-radius:9px;background:#dc2626;color:#fff;font-size:12px;text-align:center}
.pill:empty{display:none}
.state{display:inline-block;padding:1px 8px;border-radius:9px;font-size:12px;font-weight:600}
.state.firing,.state.open,.state.bad{background:#fee2e2;color:#991b1b}
.state.resolved,.state.ok,.state.closed{background:#dcfce7;color:#166534}
.state.warn{background:#fef3c7;color:#92400e}
.models{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:12px}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:10px 12px}
.card.firing{border-color:#f87171;box-shadow:0 0 0 1px #f87171}
.chart-box{position:relative;height:190px}
.msg{font-size:12px;color:#334155;margin:4px 0}
code{font-size:12px;background:#f1f5f9;padding:0 3px;border-radius:3px}
`;
