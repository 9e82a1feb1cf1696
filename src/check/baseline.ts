import { readFile } from 'node:fs/promises';
import { PaydownError } from '../errors.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import type { Finding } from './finding.js';

/** A recorded set of accepted findings: `check` then reports only new ones. */
export interface Baseline {
  readonly format: 'paydown.baseline/v1';
  readonly findings: ReadonlyArray<{ readonly fingerprint: string; readonly ruleId: string; readonly nodeId: string; readonly message: string }>;
}

/**
 * Reads a baseline file; a missing file is an empty baseline.
 *
 * @example
 * const baseline = await readBaseline('.paydown-baseline.json');
 */
export async function readBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { format: 'paydown.baseline/v1', findings: [] };
    throw new PaydownError('PAYDOWN_BASELINE_INVALID', `cannot read baseline ${file}`, [], { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PaydownError('PAYDOWN_BASELINE_INVALID', `baseline ${file} is not JSON: ${(error as Error).message}`, [{ message: 'not JSON', location: { file } }]);
  }
  const baseline = value as Partial<Baseline>;
  if (baseline.format !== 'paydown.baseline/v1' || !Array.isArray(baseline.findings)) {
    throw new PaydownError('PAYDOWN_BASELINE_INVALID', `baseline ${file} is not a paydown baseline`, [
      { message: "expected { format: 'paydown.baseline/v1', findings: [...] }; write one with `paydown check --update-baseline`", location: { file } },
    ]);
  }
  return baseline as Baseline;
}

/** Builds a baseline accepting every given finding. */
export function baselineOf(findings: readonly Finding[]): Baseline {
  return {
    format: 'paydown.baseline/v1',
    findings: findings.map(({ fingerprint, ruleId, nodeId, message }) => ({ fingerprint, ruleId, nodeId, message })),
  };
}

/** Writes a baseline file atomically, so a failure never leaves half a file. */
export async function writeBaseline(file: string, baseline: Baseline): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(baseline, null, 2)}\n`);
}
