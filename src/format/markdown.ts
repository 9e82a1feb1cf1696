import type { CheckResult } from '../check/check.js';

/** Placeholder until the Markdown writer lands. */
export function formatMarkdown(result: CheckResult): string {
  return `${result.findings.length} findings\n`;
}
