/**
 * Turns a `paydown.validation/v1` result (src/data/validate.ts) into the report's validation
 * input: one failed check per anomaly (its type, column, offending count, expectation and
 * examples). The result lists only what failed, so a valid result becomes one passing check.
 */
import type { ValidationResult } from '../validate.js';
import type { ValidationCheckResult, ValidationReport } from './types.js';

/**
 * Builds the validate section's input.
 *
 * @example
 * renderDataReport([{ kind: 'validate', result: validationInput(await validateData('new.csv', schema)) }]);
 */
export function validationInput(result: ValidationResult): ValidationReport {
  const checks: ValidationCheckResult[] = result.anomalies.map((found) => {
    const examples = found.examples.length === 0 ? '' : `; e.g. ${found.examples.map((example) => JSON.stringify(example)).join(', ')}`;
    return {
      check: found.type,
      ...(found.column === null ? {} : { column: found.column }),
      passed: false,
      message: `${found.message}; expected ${found.expected}${examples}`,
      failingRows: found.count,
      rows: result.rows,
      severity: 'error',
    };
  });
  if (checks.length === 0) {
    checks.push({ check: 'schema', passed: true, message: `${result.rows} ${result.rows === 1 ? 'row' : 'rows'}, no anomalies`, rows: result.rows });
  }
  const against = result.schema === null ? '' : ` (schema ${result.schema})`;
  return { source: `${result.source}${against}`, checks };
}
