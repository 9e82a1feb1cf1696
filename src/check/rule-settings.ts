import { PaydownError, type Problem, type SourceLocation } from '../errors.js';
import type { PathSegment } from '../manifest/locate-path.js';
import { suggestionSuffix } from '../manifest/did-you-mean.js';
import { createValidator } from '../manifest/validate-document.js';
import type { AnyRule, Severity } from '../rules/rule.js';
import { PROJECT_CONFIG_FILE, type ProjectConfig } from './project-config.js';

/** One enabled rule with its severity and resolved options. */
export interface EnabledRule {
  readonly rule: AnyRule;
  readonly severity: Severity;
  readonly options: object;
}

export type PresetName = 'recommended' | 'strict';

/**
 * Turns a preset and the project config's `rules` into the list of rules to run. Unknown rule
 * ids and invalid options are reported together (PAYDOWN_CONFIG_INVALID), each placed by
 * `locate` (given a path inside the config, e.g. `['rules', 'stale-experiment']`). A rule's
 * default options are valid (the rule catalogue test checks it), so only options given in the
 * config are validated.
 *
 * @example
 * resolveRuleSettings(allRules, { preset: 'strict', rules: { 'deep-dependency-chain': ['error', { maxDepth: 4 }] } });
 */
export function resolveRuleSettings(
  rules: readonly AnyRule[],
  config: ProjectConfig,
  locate: (path: readonly PathSegment[]) => SourceLocation = () => ({ file: PROJECT_CONFIG_FILE }),
): EnabledRule[] {
  const preset: PresetName = config.preset ?? 'recommended';
  const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));
  const problems: Problem[] = [];
  const overrides = config.rules ?? {};
  for (const id of Object.keys(overrides)) {
    if (!byId.has(id)) problems.push({ message: `unknown rule '${id}'${suggestionSuffix(id, [...byId.keys()])}`, location: locate(['rules', id]) });
  }
  const enabled: EnabledRule[] = [];
  for (const rule of rules) {
    const setting = overrides[rule.meta.id];
    const [level, options] = typeof setting === 'string' ? [setting, undefined] : setting === undefined ? [undefined, undefined] : [setting[0], setting[1]];
    const inPreset = preset === 'strict' || rule.meta.recommended;
    const severity = level ?? (inPreset ? rule.meta.severity : 'off');
    if (severity === 'off') continue;
    const merged = { ...(rule.meta.defaultOptions as object), ...(options ?? {}) };
    const violations = options === undefined ? [] : createValidator(rule.meta.optionsSchema)(merged);
    for (const violation of violations) {
      const field = violation.path.length > 0 ? ` at ${violation.path.join('.')}` : '';
      problems.push({ message: `rule '${rule.meta.id}' options: ${violation.message}${field}`, location: locate(['rules', rule.meta.id, 1, ...violation.path]) });
    }
    enabled.push({ rule, severity, options: merged });
  }
  if (problems.length > 0) throw new PaydownError('PAYDOWN_CONFIG_INVALID', 'invalid rule settings', problems);
  return enabled;
}
