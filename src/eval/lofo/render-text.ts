import type { LofoResult } from './result.js';

function num(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e6) return x.toExponential(2);
  return x.toPrecision(3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

function pValue(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}

/**
 * A LOFO result as a plain-text table, largest drop first, with the rule behind the verdicts.
 *
 * @example
 * process.stdout.write(formatLofoText(result));
 */
export function formatLofoText(result: LofoResult): string {
  const percent = Math.round(result.confidence * 100);
  const head = [
    `lofo: ${result.source ?? 'data'} (${result.rows.toLocaleString('en-US')} rows), target ${result.target} (${result.task})${result.model === undefined ? '' : `, model ${result.model}${result.modelVersion === undefined ? '' : ` v${result.modelVersion}`}`}`,
    `${result.folds} stratified folds, seed ${result.seed}, learner ${result.learner}; ${result.metric} with every feature ${num(result.full.mean)} ± ${num(result.full.std)}`,
    '',
  ];
  const rows = result.results.map((entry) => [
    entry.kind === 'group' ? `${entry.name} [${entry.members.join(', ')}]` : entry.name,
    num(entry.drop.mean),
    num(entry.drop.std),
    `[${num(entry.drop.ciLow)}, ${num(entry.drop.ciHigh)}]`,
    pValue(entry.drop.pValue),
    entry.verdict,
  ]);
  const header = ['feature', 'drop', 'std', `${percent}% CI`, 'p', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const right = new Set([1, 2, 4]);
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : right.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const body = [line(header), ...rows.map(line)];
  const rule =
    result.folds >= 3
      ? `verdict against epsilon ${result.epsilon} (${result.epsilonSource}): remove when the CI's upper bound < epsilon, keep when its lower bound ≥ epsilon, else inconclusive`
      : `verdict against epsilon ${result.epsilon} (${result.epsilonSource}): with 2 folds, remove when the mean drop < epsilon, else keep`;
  const foot = ['', `drop = ${result.metric}(every feature) − ${result.metric}(without it)${result.higherIsBetter ? '' : ', negated (lower is better)'}; positive means it helps`, rule];
  if (result.notInData.length > 0) foot.push(`not in the data, not measured: ${result.notInData.join(', ')}`);
  const counts = (['remove', 'inconclusive', 'keep'] as const).map((v) => `${result.results.filter((r) => r.verdict === v).length} ${v}`);
  foot.push(`${counts.join(', ')} (${(result.elapsedMs / 1000).toFixed(1)} s)`);
  return `${[...head, ...body, ...foot].join('\n')}\n`;
}
