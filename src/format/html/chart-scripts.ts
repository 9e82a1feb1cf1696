/**
 * The script part of paydown's standalone HTML reports: the chart specs as JSON, Chart.js itself
 * (inlined from node_modules, so the page works offline), and a small boot script that draws every
 * chart and leaves `window.__paydownReport = { ready, charts, expected, error? }` for tests.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** JSON that is safe inside a `<script>` element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

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
  return `<script type="application/json" id="paydown-charts">${scriptJson(charts)}</script>
<script>${chartJsSource()}</script>
<script>
${boot}
</script>`;
}
