import type { CheckResult } from '../check/check.js';

/** The stable JSON shape of a check, for scripts: `format` names its version. */
export function checkToJson(result: CheckResult): Record<string, unknown> {
  return {
    format: 'paydown.check/v1',
    root: result.root,
    today: result.today,
    summary: result.summary,
    findings: result.findings,
    suppressed: result.suppressed,
    baselined: result.baselined.map((finding) => finding.fingerprint),
  };
}

/**
 * Renders check results as JSON: every finding with `ruleId`, `severity`, `message`, `fix`,
 * `nodeId`, `nodeKind`, `location` and a stable `fingerprint`.
 *
 * @example
 * const { findings } = JSON.parse(formatJson(result));
 */
export function formatJson(result: CheckResult): string {
  return `${JSON.stringify(checkToJson(result), null, 2)}\n`;
}
