import { escapeHtml } from '../../format/html/escape.js';
import type { FeatureImportance, LofoResult } from './result.js';
import type { Verdict } from './verdict.js';

const COLORS: Readonly<Record<Verdict, string>> = { keep: '#2f7d4f', remove: '#c0392b', inconclusive: '#b7950b' };

function num(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e6) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

function label(entry: FeatureImportance): string {
  return entry.kind === 'group' ? `${entry.name} (${entry.members.length})` : entry.name;
}

/** Round, readable tick values covering [low, high]. */
function ticks(low: number, high: number): number[] {
  const span = high - low;
  const raw = span / 6;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => span / s <= 7) ?? 10 * magnitude;
  const out: number[] = [];
  for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  return out;
}

/** The sorted horizontal bar chart of mean drops with confidence-interval error bars, as SVG. */
function chart(result: LofoResult): string {
  const entries = result.results;
  const rowHeight = 24;
  const labelWidth = Math.min(320, 16 + 7.2 * Math.max(...entries.map((e) => label(e).length)));
  const plotWidth = 560;
  const top = 28;
  const height = top + entries.length * rowHeight + 36;
  const values = entries.flatMap((e) => [e.drop.ciLow, e.drop.ciHigh, e.drop.mean]).filter(Number.isFinite);
  let low = Math.min(0, result.epsilon, ...values);
  let high = Math.max(0, result.epsilon, ...values);
  if (high - low === 0) high = low + 1e-3;
  const pad = (high - low) * 0.04;
  low -= pad;
  high += pad;
  const x = (v: number): number => labelWidth + ((Math.min(Math.max(v, low), high) - low) / (high - low)) * plotWidth;
  const parts: string[] = [];
  for (const t of ticks(low, high)) {
    parts.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${top - 6}" y2="${height - 30}" class="grid"/>`);
    parts.push(`<text x="${x(t)}" y="${height - 14}" class="tick">${escapeHtml(num(t))}</text>`);
  }
  parts.push(`<line x1="${x(0)}" x2="${x(0)}" y1="${top - 6}" y2="${height - 30}" class="zero"/>`);
  parts.push(`<line x1="${x(result.epsilon)}" x2="${x(result.epsilon)}" y1="${top - 10}" y2="${height - 30}" class="epsilon"/>`);
  parts.push(`<text x="${x(result.epsilon)}" y="${top - 14}" class="epsilon-label">ε = ${escapeHtml(num(result.epsilon))}</text>`);
  entries.forEach((entry, i) => {
    const y = top + i * rowHeight;
    const mid = y + rowHeight / 2;
    const left = Math.min(x(0), x(entry.drop.mean));
    const width = Math.max(1, Math.abs(x(entry.drop.mean) - x(0)));
    const title = `${entry.name}: drop ${num(entry.drop.mean)}, ${Math.round(result.confidence * 100)}% CI [${num(entry.drop.ciLow)}, ${num(entry.drop.ciHigh)}], p ${num(entry.drop.pValue)}, ${entry.verdict}`;
    parts.push(
      `<g class="bar" data-feature="${escapeHtml(entry.name)}" data-verdict="${entry.verdict}"><title>${escapeHtml(title)}</title>`,
      `<text x="${labelWidth - 8}" y="${mid + 4}" class="label">${escapeHtml(label(entry))}</text>`,
      `<rect x="${left}" y="${y + 4}" width="${width}" height="${rowHeight - 8}" fill="${COLORS[entry.verdict]}" fill-opacity="0.75"/>`,
      `<line class="errorbar" x1="${x(entry.drop.ciLow)}" x2="${x(entry.drop.ciHigh)}" y1="${mid}" y2="${mid}"/>`,
      `<line class="errorbar" x1="${x(entry.drop.ciLow)}" x2="${x(entry.drop.ciLow)}" y1="${mid - 5}" y2="${mid + 5}"/>`,
      `<line class="errorbar" x1="${x(entry.drop.ciHigh)}" x2="${x(entry.drop.ciHigh)}" y1="${mid - 5}" y2="${mid + 5}"/>`,
      '</g>',
    );
  });
  const width = labelWidth + plotWidth + 24;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="metric drop per feature" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function table(result: LofoResult): string {
  const head = ['feature', 'members', 'mean drop', 'std', `${Math.round(result.confidence * 100)}% CI`, 'p', 'verdict', ...Array.from({ length: result.folds }, (_, f) => `fold ${f + 1}`)];
  const rows = result.results.map((entry) =>
    [
      escapeHtml(entry.name),
      entry.kind === 'group' ? escapeHtml(entry.members.join(', ')) : '',
      num(entry.drop.mean),
      num(entry.drop.std),
      `[${num(entry.drop.ciLow)}, ${num(entry.drop.ciHigh)}]`,
      num(entry.drop.pValue),
      `<span class="verdict ${entry.verdict}">${entry.verdict}</span>`,
      ...entry.folds.map((f) => num(f.drop)),
    ]
      .map((cell) => `<td>${cell}</td>`)
      .join(''),
  );
  const full = ['<b>every feature</b>', '', num(result.full.mean), num(result.full.std), '', '', '', ...result.full.folds.map(num)].map((cell) => `<td>${cell}</td>`).join('');
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r}</tr>`).join('')}<tr class="full">${full}</tr></tbody></table>`;
}

/**
 * A LOFO result as one self-contained HTML page (no scripts, nothing fetched): a horizontal
 * bar chart of mean drops, largest first, with confidence-interval error bars and the epsilon
 * line, then a table with every fold's drop.
 *
 * @example
 * await writeFileAtomic('lofo.html', renderLofoHtml(result));
 */
export function renderLofoHtml(result: LofoResult): string {
  const title = `paydown lofo${result.model === undefined ? '' : `: ${result.model}`}`;
  const facts = [
    ['data', `${result.source ?? 'data'} (${result.rows.toLocaleString('en-US')} rows)`],
    ['target', `${result.target} (${result.task})`],
    ['learner', result.learner],
    ['folds', `${result.folds} stratified, seed ${result.seed}`],
    [`${result.metric}, every feature`, `${num(result.full.mean)} ± ${num(result.full.std)}`],
    ['epsilon', `${num(result.epsilon)} (${result.epsilonSource})`],
    ...(result.notInData.length > 0 ? [['not in the data', result.notInData.join(', ')]] : []),
  ];
  const rule =
    result.folds >= 3
      ? 'remove when the upper bound of the interval is below ε, keep when its lower bound is at least ε, otherwise inconclusive'
      : 'with 2 folds: remove when the mean drop is below ε, otherwise keep';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:20px}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}dt{color:#666}dd{margin:0}
svg text{font:12px system-ui,sans-serif}.label{text-anchor:end}.tick{text-anchor:middle;fill:#666}
.grid{stroke:#eee}.zero{stroke:#888}.epsilon{stroke:#c0392b;stroke-dasharray:4 3}.epsilon-label{fill:#c0392b;text-anchor:middle}
.errorbar{stroke:#222;stroke-width:1.3}
table{border-collapse:collapse;margin-top:16px;font-size:13px}th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}
th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}td{white-space:nowrap}td:nth-child(2){white-space:normal;max-width:240px}.verdict.keep{color:${COLORS.keep}}.verdict.remove{color:${COLORS.remove}}.verdict.inconclusive{color:${COLORS.inconclusive}}
.full td{border-top:2px solid #888}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<dl>${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<p>Bars: mean drop of ${escapeHtml(result.metric)} across folds when the feature (or group) is left out; positive means it helps. Whiskers: ${Math.round(result.confidence * 100)}% confidence interval (paired t across folds). Verdict: ${escapeHtml(rule)}.</p>
${chart(result)}
${table(result)}
</body></html>
`;
}
