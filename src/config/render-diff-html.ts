import { formatLocation } from '../errors.js';
import type { ConfigDiff, DependencyNode } from './diff-configs.js';
import { formatValue, type ExplainedItem, type PlacedOrigin } from './explain-config.js';
import { escapeHtml } from '../format/html/escape.js';

/** Options of the HTML diff view. */
export interface DiffHtmlOptions {
  /** The page title; `config A → B` unless told. */
  readonly title?: string;
}

type RowState = 'same' | 'added' | 'removed' | 'changed';

interface Cell {
  readonly value: string;
  readonly origin?: string;
}

interface Row {
  readonly name: string;
  readonly state: RowState;
  readonly left?: Cell;
  readonly right?: Cell;
}

/**
 * Renders a config diff as one self-contained HTML page (inline CSS, no scripts or remote
 * assets, works offline): for settings, features, training data and transitive dependencies,
 * two columns side by side with changed, added and removed rows highlighted. All text is escaped.
 *
 * @example
 * await writeFile('diff.html', renderDiffHtml(diffConfigs(system, 'ctr-v7', 'ctr-v8')));
 */
export function renderDiffHtml(diff: ConfigDiff, options: DiffHtmlOptions = {}): string {
  const title = options.title ?? `config ${diff.from.id} → ${diff.to.id}`;
  const settings = settingRows(diff);
  const features = itemRows(diff.from.features, diff.to.features);
  const data = itemRows(diff.from.trainingData, diff.to.trainingData);
  const deps = dependencyRows(diff);
  const counts = [...settings, ...features, ...data, ...deps].filter((row) => row.state !== 'same').length;
  const owners = diff.dependencies.newOwners;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="summary">${diff.identical ? 'No semantic difference.' : `${counts} changed row${counts === 1 ? '' : 's'}`}${owners.length > 0 ? ` · <strong>owners newly depended on:</strong> ${owners.map(escapeHtml).join(', ')}` : ''}</p>
<p class="legend"><span class="swatch changed"></span>changed <span class="swatch added"></span>added <span class="swatch removed"></span>removed</p>
</header>
<main>
${section('settings', 'Settings', diff, settings)}
${section('features', 'Features', diff, features)}
${section('training-data', 'Training data', diff, data)}
${section('dependencies', `Transitive data dependencies (${diff.dependencies.countBefore} → ${diff.dependencies.countAfter})`, diff, deps)}
</main>
</body>
</html>
`;
}

function section(id: string, heading: string, diff: ConfigDiff, rows: readonly Row[]): string {
  const body = rows.length === 0 ? '<tr class="empty"><td colspan="3">none</td></tr>' : rows.map(renderRow).join('\n');
  return `<section id="${id}">
<h2>${escapeHtml(heading)}</h2>
<table class="side-by-side">
<colgroup><col class="name"><col class="side"><col class="side"></colgroup>
<thead><tr><th></th><th class="left">${escapeHtml(diff.from.id)}</th><th class="right">${escapeHtml(diff.to.id)}</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</section>`;
}

function renderRow(row: Row): string {
  const cell = (side: 'left' | 'right', value: Cell | undefined): string => {
    if (value === undefined) return `<td class="${side} absent">—</td>`;
    const origin = value.origin === undefined ? '' : `<div class="origin">${escapeHtml(value.origin)}</div>`;
    return `<td class="${side}"><code>${escapeHtml(value.value)}</code>${origin}</td>`;
  };
  return `<tr class="${row.state}" data-state="${row.state}"><th scope="row">${escapeHtml(row.name)}</th>${cell('left', row.left)}${cell('right', row.right)}</tr>`;
}

function place(origin: PlacedOrigin): string {
  return `${origin.config} · ${formatLocation(origin.location)}`;
}

function settingRows(diff: ConfigDiff): Row[] {
  const left = new Map(diff.from.settings.map((setting) => [setting.key, setting]));
  const right = new Map(diff.to.settings.map((setting) => [setting.key, setting]));
  const keys = [...new Set([...left.keys(), ...right.keys()])].sort();
  const changed = new Map(diff.settings.map((change) => [change.key, change.change]));
  return keys.map((key) => {
    const before = left.get(key);
    const after = right.get(key);
    return {
      name: key,
      state: stateOf(changed.get(key)),
      ...(before === undefined ? {} : { left: { value: formatValue(before.value), origin: place(before.setBy) } }),
      ...(after === undefined ? {} : { right: { value: formatValue(after.value), origin: place(after.setBy) } }),
    };
  });
}

function itemRows(from: readonly ExplainedItem[], to: readonly ExplainedItem[]): Row[] {
  const left = new Map(from.map((item) => [item.id, item]));
  const right = new Map(to.map((item) => [item.id, item]));
  const ids = [...new Set([...left.keys(), ...right.keys()])].sort();
  const cell = (item: ExplainedItem | undefined): Cell | undefined =>
    item === undefined ? undefined : { value: item.version === undefined ? '(any version)' : `@${item.version}`, origin: place(item.addedBy) };
  return ids.map((id) => {
    const before = left.get(id);
    const after = right.get(id);
    const state: RowState = before === undefined ? 'added' : after === undefined ? 'removed' : before.version === after.version ? 'same' : 'changed';
    const leftCell = cell(before);
    const rightCell = cell(after);
    return { name: id, state, ...(leftCell === undefined ? {} : { left: leftCell }), ...(rightCell === undefined ? {} : { right: rightCell }) };
  });
}

function dependencyRows(diff: ConfigDiff): Row[] {
  const describe = (node: DependencyNode): Cell => ({ value: node.kind, origin: node.owner === undefined ? 'no owner' : `owner ${node.owner}` });
  const rows: Row[] = [
    ...diff.dependencies.added.map((node) => ({ name: node.id, state: 'added' as const, right: describe(node) })),
    ...diff.dependencies.removed.map((node) => ({ name: node.id, state: 'removed' as const, left: describe(node) })),
  ];
  return rows.sort((left, right) => left.name.localeCompare(right.name));
}

function stateOf(change: 'added' | 'removed' | 'changed' | undefined): RowState {
  return change ?? 'same';
}

const STYLE = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; }
body { margin: 0; background: #f6f8fa; }
header { padding: 16px 24px; background: #fff; border-bottom: 1px solid #d0d7de; }
h1 { margin: 0 0 6px; font-size: 20px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
main { padding: 0 24px 32px; }
.summary, .legend { margin: 4px 0; font-size: 14px; color: #57606a; }
.swatch { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: -1px; border: 1px solid #d0d7de; }
.swatch.changed, tr.changed td { background: #fff8c5; }
.swatch.added, tr.added td.right { background: #dafbe1; }
.swatch.removed, tr.removed td.left { background: #ffebe9; }
table.side-by-side { width: 100%; border-collapse: collapse; table-layout: fixed; background: #fff; border: 1px solid #d0d7de; }
col.name { width: 26%; }
col.side { width: 37%; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid #eaeef2; font-size: 14px; overflow-wrap: anywhere; }
thead th { background: #f6f8fa; font-weight: 600; }
td.left { border-right: 1px solid #d0d7de; }
tr.changed th, tr.added th, tr.removed th { box-shadow: inset 4px 0 0 #bf8700; }
tr.added th { box-shadow: inset 4px 0 0 #1a7f37; }
tr.removed th { box-shadow: inset 4px 0 0 #cf222e; }
tr.same td, tr.same th { color: #57606a; }
td.absent { color: #8c959f; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
.origin { font-size: 12px; color: #57606a; margin-top: 2px; }
tr.empty td { color: #8c959f; font-style: italic; }
`;
