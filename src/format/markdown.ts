import path from 'node:path';
import type { CheckResult } from '../check/check.js';
import type { Finding, SuppressedFinding } from '../check/finding.js';
import type { Severity } from '../rules/rule.js';
import { ruleDocsUrl } from './sarif.js';

/** Options of the Markdown writer. */
export interface MarkdownOptions {
  /** Findings shown before the rest fold into a `<details>` block; 50 unless told. */
  readonly maxFindings?: number;
  /** Absolute file paths are shown relative to this directory; defaults to the working directory. */
  readonly baseDir?: string;
}

const labels: Record<Severity, string> = { error: '🔴 error', warn: '🟡 warning', info: '🔵 info' };

/** A hidden marker so bots can find and update an earlier paydown comment. */
export const MARKDOWN_MARKER = '<!-- paydown:check -->';

/**
 * Renders check results as a pull-request comment: a verdict heading, a summary table, and the
 * findings worst first, each with its rule (linked to its docs page), node, `file:line`, message
 * and fix. Findings past the first 50 fold into a `<details>` block.
 *
 * @example
 * await writeFile('comment.md', formatMarkdown(result));
 */
export function formatMarkdown(result: CheckResult, options: MarkdownOptions = {}): string {
  const limit = options.maxFindings ?? 50;
  const baseDir = options.baseDir ?? process.cwd();
  const { errors, warnings, infos, suppressed, baselined, rulesRun } = result.summary;
  const total = errors + warnings + infos;
  const lines: string[] = [MARKDOWN_MARKER, `## ${verdict(errors, warnings, infos)}`, ''];
  lines.push('| errors | warnings | info | suppressed | baselined |', '|---:|---:|---:|---:|---:|');
  lines.push(`| ${errors} | ${warnings} | ${infos} | ${suppressed} | ${baselined} |`, '');
  if (total > 0) {
    const shown = result.findings.slice(0, limit);
    const rest = result.findings.slice(limit);
    lines.push(...findingsTable(shown, baseDir), '');
    if (rest.length > 0) {
      lines.push('<details>', `<summary>${rest.length} more finding${rest.length === 1 ? '' : 's'}</summary>`, '');
      lines.push(...findingsTable(rest, baseDir), '', '</details>', '');
    }
  }
  if (result.suppressed.length > 0) {
    lines.push('<details>', `<summary>${result.suppressed.length} suppressed finding${result.suppressed.length === 1 ? '' : 's'}</summary>`, '');
    lines.push(...suppressedTable(result.suppressed, baseDir), '', '</details>', '');
  }
  lines.push(`<sub>paydown checked ${result.graph.nodes.length} nodes with ${rulesRun} rules on ${result.today}.</sub>`);
  return `${lines.join('\n')}\n`;
}

function verdict(errors: number, warnings: number, infos: number): string {
  if (errors > 0) return `❌ paydown: ${plural(errors, 'error')}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}`;
  if (warnings + infos > 0) return `✅ paydown: no errors (${plural(warnings, 'warning')}, ${infos} info)`;
  return '✅ paydown: no findings';
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function findingsTable(findings: readonly Finding[], baseDir: string): string[] {
  const rows = findings.map((finding) =>
    row([
      labels[finding.severity],
      `[${escapeCell(finding.ruleId)}](${ruleDocsUrl(finding.ruleId)})`,
      escapeCell(finding.nodeId),
      escapeCell(place(finding, baseDir)),
      escapeCell(finding.message),
      escapeCell(finding.fix),
    ]),
  );
  return ['| severity | rule | node | location | message | fix |', '|---|---|---|---|---|---|', ...rows];
}

function suppressedTable(findings: readonly SuppressedFinding[], baseDir: string): string[] {
  const rows = findings.map((finding) =>
    row([
      `[${escapeCell(finding.ruleId)}](${ruleDocsUrl(finding.ruleId)})`,
      escapeCell(finding.nodeId),
      escapeCell(place(finding, baseDir)),
      escapeCell(finding.message),
      escapeCell(finding.reason),
    ]),
  );
  return ['| rule | node | location | message | reason |', '|---|---|---|---|---|', ...rows];
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function place(finding: Finding, baseDir: string): string {
  const file = path.isAbsolute(finding.location.file) ? path.relative(baseDir, finding.location.file) : finding.location.file;
  const posix = file.split(path.sep).join('/');
  return finding.location.line === undefined ? posix : `${posix}:${finding.location.line}`;
}

/**
 * Makes text safe inside a Markdown table cell: pipes, backticks and other inline markup are
 * escaped, HTML is neutralised and line breaks become `<br>`.
 *
 * @example
 * escapeCell('a | b `c`'); // 'a \\| b \\`c\\`'
 */
export function escapeCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([|`*_[\]])/g, '\\$1')
    .replace(/\r?\n/g, '<br>');
}
