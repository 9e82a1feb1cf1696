import path from 'node:path';
import { PaydownError, type Problem, type SourceLocation } from '../errors.js';
import { emptyEvidence, type Evidence } from '../evidence/load-evidence.js';
import { buildGraph } from '../graph/build-graph.js';
import type { DependencyGraph } from '../graph/graph.js';
import type { LoadedSystem } from '../manifest/load-system.js';
import { suggestionSuffix } from '../manifest/did-you-mean.js';
import { locatePath, type PathSegment } from '../manifest/locate-path.js';
import { allRules } from '../rules/index.js';
import type { AnyRule } from '../rules/rule.js';
import type { Baseline } from './baseline.js';
import { FieldLocator } from './field-locator.js';
import { compareFindings, type Finding, type SuppressedFinding } from './finding.js';
import { PROJECT_CONFIG_FILE, type ProjectConfig } from './project-config.js';
import { resolveRuleSettings } from './rule-settings.js';
import { runRules } from './run-rules.js';

export interface CheckOptions {
  readonly evidence?: Evidence;
  readonly baseline?: Baseline;
  /** Overrides the project config's preset and rules. */
  readonly config?: ProjectConfig;
  /** Today's date (YYYY-MM-DD); defaults to the config's `today`, then the clock. */
  readonly today?: string;
  readonly rules?: readonly AnyRule[];
}

/** Counts of findings by severity. */
export interface CheckSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly suppressed: number;
  readonly baselined: number;
  readonly rulesRun: number;
}

export interface CheckResult {
  readonly root: string;
  readonly today: string;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** Findings that matched the baseline; not counted for the exit code. */
  readonly baselined: readonly Finding[];
  readonly summary: CheckSummary;
  readonly graph: DependencyGraph;
  /** 1 when a finding at error level remains, else 0. */
  readonly exitCode: 0 | 1;
}

/**
 * Runs the rules on a loaded system: static analysis of its data dependencies.
 *
 * @example
 * import { loadSystem, loadEvidence, check } from 'paydown';
 * const result = check(await loadSystem('examples/ad-click'), { evidence: await loadEvidence(['lineage.jsonl']) });
 * for (const finding of result.findings) console.log(finding.ruleId, finding.message);
 */
export function check(system: LoadedSystem, options: CheckOptions = {}): CheckResult {
  const config = { ...system.config, ...options.config };
  const rules = options.rules ?? allRules;
  const enabled = resolveRuleSettings(rules, config, configLocator(system));
  const evidence = options.evidence ?? emptyEvidence;
  const graph = buildGraph(system, evidence, system.derivedCache === undefined ? {} : { cache: system.derivedCache });
  const today = options.today ?? config.today ?? new Date().toISOString().slice(0, 10);
  const locator = new FieldLocator(system.texts, system.positions);
  const suppressions = collectSuppressions(system, rules, locator);
  const raw = runRules(enabled, { system, graph, evidence, today, locator }).sort(compareFindings);
  locator.remember();
  const accepted = new Set(options.baseline?.findings.map((entry) => entry.fingerprint) ?? []);
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const baselined: Finding[] = [];
  for (const finding of raw) {
    const reason = suppressions.get(`${finding.nodeId}\u0000${finding.ruleId}`);
    if (reason !== undefined) suppressed.push({ ...finding, reason });
    else if (accepted.has(finding.fingerprint)) baselined.push(finding);
    else findings.push(finding);
  }
  const count = (severity: Finding['severity']): number => findings.filter((finding) => finding.severity === severity).length;
  const summary = {
    errors: count('error'),
    warnings: count('warn'),
    infos: count('info'),
    suppressed: suppressed.length,
    baselined: baselined.length,
    rulesRun: enabled.length,
  };
  return { root: system.root, today, findings, suppressed, baselined, summary, graph, exitCode: summary.errors > 0 ? 1 : 0 };
}

function configLocator(system: LoadedSystem): (path: readonly PathSegment[]) => SourceLocation {
  const configFile = system.configFile;
  if (configFile === undefined) return () => ({ file: path.join(system.root, PROJECT_CONFIG_FILE) });
  return (fieldPath) => ({ file: configFile.file, ...locatePath(configFile.text, 0, fieldPath) });
}

function collectSuppressions(system: LoadedSystem, rules: readonly AnyRule[], locator: FieldLocator): Map<string, string> {
  const known = rules.map((rule) => rule.meta.id);
  const suppressions = new Map<string, string>();
  const problems: Problem[] = [];
  for (const object of system.objects.values()) {
    const entries = object.doc.suppress ?? [];
    for (const [index, entry] of entries.entries()) {
      if (!known.includes(entry.rule)) {
        const where = locator.locate(object, ['suppress', index, 'rule']);
        problems.push({
          message: `${object.kind} '${object.id}': suppress names unknown rule '${entry.rule}'${suggestionSuffix(entry.rule, known)}`,
          location: where === undefined ? object.location : { file: object.location.file, ...where },
        });
        continue;
      }
      suppressions.set(`${object.id}\u0000${entry.rule}`, entry.reason);
    }
  }
  if (problems.length > 0) throw new PaydownError('PAYDOWN_MANIFEST_INVALID', 'invalid suppressions', problems);
  return suppressions;
}
