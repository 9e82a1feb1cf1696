import type { CheckResult } from '../check/check.js';

/** Placeholder until the SARIF writer lands. */
export function formatSarif(result: CheckResult): string {
  return JSON.stringify({ version: '2.1.0', runs: [], count: result.findings.length });
}
