/**
 * A standalone HTML report for the evaluation commands (threshold, slices, compare, and any other
 * that wants tables with charts): one self-contained file that works offline. Charts are drawn
 * by Chart.js inlined from node_modules; every text from the data is escaped.
 */
import { escapeHtml } from '../../format/html/escape.js';
import { renderReportPage } from '../../format/html/report-page.js';

/** A Chart.js configuration as plain JSON (no functions). */
export interface ChartSpec {
  readonly type: 'line' | 'scatter' | 'bar';
  readonly data: { readonly labels?: readonly string[]; readonly datasets: readonly Record<string, unknown>[] };
  readonly options: Record<string, unknown>;
}

/** A table; rows marked `flagged` are highlighted (e.g. worse slices). */
export interface ReportTable {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly flagged?: readonly boolean[];
}

/** One part of the report. */
export interface ReportSection {
  readonly title: string;
  readonly summary?: string;
  readonly table?: ReportTable;
  readonly charts?: readonly { readonly title: string; readonly spec: ChartSpec }[];
  /** A machine-readable kind, written as `data-kind` (tests and scripts find sections by it). */
  readonly kind?: string;
}

/** The whole report. */
export interface EvalReport {
  readonly title: string;
  readonly subtitle?: string;
  readonly sections: readonly ReportSection[];
  readonly generatedAt?: string;
}

function renderTable(table: ReportTable): string {
  const head = table.head.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('');
  const rows = table.rows.map((row, i) => `<tr${table.flagged?.[i] === true ? ' class="flagged"' : ''}>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * Renders an evaluation report as one HTML file: sections in order, each with an optional
 * summary, table and charts. `window.__paydownReport` tells tests when the charts are drawn.
 *
 * @example
 * const html = renderEvalReport({ title: 'paydown slices', sections: [{ title: 'Slices', table: { head: ['slice'], rows: [['country=jp']] } }] });
 */
export function renderEvalReport(report: EvalReport): string {
  const charts: Record<string, ChartSpec> = {};
  let count = 0;
  const sections = report.sections.map((section, index) => {
    const chartHtml = (section.charts ?? [])
      .map((chart) => {
        const id = `chart-${count++}`;
        charts[id] = chart.spec;
        return `<figure class="chart"><figcaption>${escapeHtml(chart.title)}</figcaption><div class="canvas"><canvas id="${id}" role="img" aria-label="${escapeHtml(chart.title)}"></canvas></div></figure>`;
      })
      .join('\n');
    return `<section class="section" id="section-${index}"${section.kind === undefined ? '' : ` data-kind="${escapeHtml(section.kind)}"`}>
<h2>${escapeHtml(section.title)}</h2>
${section.summary === undefined ? '' : `<p class="summary">${escapeHtml(section.summary)}</p>`}
${section.table === undefined ? '' : renderTable(section.table)}
${chartHtml === '' ? '' : `<div class="charts">${chartHtml}</div>`}
</section>`;
  });
  const generatedAt = report.generatedAt ?? new Date().toISOString();
  return renderReportPage({ title: report.title, headerLine: `${report.subtitle === undefined ? '' : `${report.subtitle} · `}generated ${generatedAt} by paydown`, styles: STYLES, sections, charts });
}

const STYLES = `body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0; color: #1d2330; background: #f5f6f8; }
header { padding: 16px 24px; background: #1d2330; color: #fff; }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 4px 0 0; color: #b8c0cc; font-size: 12px; }
main { padding: 8px 24px 32px; }
.section { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: 10px 16px; margin-top: 16px; }
.section h2 { margin: 4px 0; font-size: 17px; }
.summary { margin: 0 0 8px; color: #4a5364; }
table { border-collapse: collapse; font-size: 12.5px; margin: 8px 0; width: 100%; }
th, td { border: 1px solid #dde1e7; padding: 3px 6px; text-align: left; word-break: break-word; }
th { background: #eef0f4; }
tr.flagged td { background: #fbe3df; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 12px; }
.chart { margin: 0; }
.chart figcaption { font-size: 12.5px; color: #4a5364; margin-bottom: 4px; }
.canvas { position: relative; height: 300px; }`;
