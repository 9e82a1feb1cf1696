/**
 * The page of paydown's standalone HTML reports: the document head (a Content-Security-Policy that
 * allows nothing from elsewhere), the report's own styles, a header, the sections, and the charts:
 * their specs as JSON, Chart.js itself (inlined from node_modules, so the page works offline), and
 * a small boot script that draws every chart and leaves
 * `window.__paydownReport = { ready, charts, expected, error? }` for tests.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { embedJson, escapeHtml } from './escape.js';

let chartSource: string | undefined;

/** The minified Chart.js UMD build, safe to put inside a `<script>` element. */
export function chartJsSource(): string {
  if (chartSource === undefined) {
    const require = createRequire(import.meta.url);
    chartSource = readFileSync(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
  }
  return chartSource;
}

const boot = `(function () {
  var state = { ready: false, charts: 0, expected: 0 };
  window.__paydownReport = state;
  try {
    var specs = JSON.parse(document.getElementById('paydown-charts').textContent);
    var ids = Object.keys(specs);
    state.expected = ids.length;
    ids.forEach(function (id) {
      new Chart(document.getElementById(id), specs[id]);
      state.charts++;
    });
  } catch (error) {
    state.error = String(error && error.message || error);
  }
  state.ready = true;
})();`;

/**
 * The `<script>` elements that draw `charts` (canvas id → Chart.js configuration) on a page.
 *
 * @example
 * const html = `<canvas id="c1"></canvas>${chartScripts({ c1: { type: 'bar', data, options: {} } })}`;
 */
export function chartScripts(charts: Readonly<Record<string, unknown>>): string {
  return `<script type="application/json" id="paydown-charts">${embedJson(charts)}</script>
<script>${chartJsSource()}</script>
<script>
${boot}
</script>`;
}

/** What a report page is made of; every string except `title` and `headerLine` is HTML. */
export interface ReportPage {
  /** Plain text: the page title and the header's heading. */
  readonly title: string;
  /** Plain text under the heading (escaped here). */
  readonly headerLine: string;
  /** The report's style rules (CSS). */
  readonly styles: string;
  /** The rendered sections, in order. */
  readonly sections: readonly string[];
  /** Canvas id → Chart.js configuration of every chart in the sections. */
  readonly charts: Readonly<Record<string, unknown>>;
}

/**
 * One self-contained HTML document of a report.
 *
 * @example
 * renderReportPage({ title: 'drift', headerLine: 'generated …', styles: 'body { margin: 0; }', sections: ['<section>…</section>'], charts: {} });
 */
export function renderReportPage(page: ReportPage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(page.title)}</title>
<style>
${page.styles}
</style>
</head>
<body>
<header><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.headerLine)}</p></header>
<main>
${page.sections.join('\n')}
</main>
${chartScripts(page.charts)}
</body>
</html>
`;
}
