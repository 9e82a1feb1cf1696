import pc from 'picocolors';
import { formatLocation } from '../errors.js';
import type { CheckResult } from '../check/check.js';
import type { Finding } from '../check/finding.js';
import type { Severity } from '../rules/rule.js';

/** Whether to colour text output. */
export interface TextOptions {
  readonly color: boolean;
}

const labels: Record<Severity, string> = { error: 'error', warn: 'warning', info: 'info' };

/**
 * Renders check results for a terminal: grouped by file, worst first, with the rule id and the
 * fix hint under each finding, then a summary line.
 *
 * @example
 * process.stdout.write(formatText(result, { color: process.stdout.isTTY }));
 */
export function formatText(result: CheckResult, options: TextOptions): string {
  const colors = pc.createColors(options.color);
  const paint: Record<Severity, (text: string) => string> = { error: colors.red, warn: colors.yellow, info: colors.blue };
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byFile.get(finding.location.file) ?? [];
    list.push(finding);
    byFile.set(finding.location.file, list);
  }
  for (const [file, findings] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(colors.underline(file));
    for (const finding of findings) {
      const where = formatLocation(finding.location).slice(file.length + 1) || '-';
      lines.push(`  ${colors.dim(where.padEnd(8))} ${paint[finding.severity](labels[finding.severity].padEnd(7))} ${finding.message}  ${colors.dim(finding.ruleId)}`);
      lines.push(`  ${' '.repeat(8)} ${' '.repeat(7)} ${colors.dim(`fix: ${finding.fix}`)}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(result, colors));
  return `${lines.join('\n')}\n`;
}

function summaryLine(result: CheckResult, colors: ReturnType<typeof pc.createColors>): string {
  const { errors, warnings, infos, suppressed, baselined, rulesRun } = result.summary;
  const total = errors + warnings + infos;
  if (total === 0) {
    return colors.green(`✓ no findings (${rulesRun} rules, ${result.graph.nodes.length} nodes${extras(suppressed, baselined)})`);
  }
  const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
  if (infos > 0) parts.push(`${infos} info`);
  const text = `✖ ${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')}) from ${rulesRun} rules over ${result.graph.nodes.length} nodes${extras(suppressed, baselined)}`;
  return errors > 0 ? colors.red(colors.bold(text)) : colors.yellow(text);
}

function extras(suppressed: number, baselined: number): string {
  const notes: string[] = [];
  if (suppressed > 0) notes.push(`${suppressed} suppressed`);
  if (baselined > 0) notes.push(`${baselined} in baseline`);
  return notes.length > 0 ? `; ${notes.join(', ')}` : '';
}
