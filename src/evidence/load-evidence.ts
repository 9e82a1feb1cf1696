import { readFile } from 'node:fs/promises';
import { PaydownError, type Problem } from '../errors.js';
import { isDataEvidence, parseDataEvidence, type DataEvidence } from './data-evidence.js';
import { parseImportance, type ImportanceEvidence } from './importance.js';
import { jsonErrorPosition } from './json-position.js';
import { parseOpenLineage, type LineageObservation } from './openlineage.js';
import { isThresholdEvidence, parseThreshold, type ThresholdEvidence } from './threshold.js';

/** What was observed outside the manifests. */
export interface Evidence {
  readonly lineage: readonly LineageObservation[];
  readonly importance: readonly ImportanceEvidence[];
  /** Data evidence (`paydown data-evidence`): per-day availability and correlations. */
  readonly data: readonly DataEvidence[];
  /** Learned thresholds (`paydown threshold --evidence`), format `paydown.threshold/v1`; absent means none. */
  readonly thresholds?: readonly ThresholdEvidence[];
}

export const emptyEvidence: Evidence = { lineage: [], importance: [], data: [], thresholds: [] };

/**
 * Loads evidence files: `.jsonl`/`.ndjson` files are OpenLineage run events, `.json` files are
 * importance results, data evidence when their `format` is `paydown.data-evidence/v1`, or learned thresholds when it is `paydown.threshold/v1`. Every problem in every file is reported together (PAYDOWN_EVIDENCE_INVALID).
 *
 * @example
 * const evidence = await loadEvidence(['evidence/lineage.jsonl', 'evidence/ctr-lofo.json']);
 */
export async function loadEvidence(files: readonly string[]): Promise<Evidence> {
  const problems: Problem[] = [];
  const lineage: LineageObservation[] = [];
  const importance: ImportanceEvidence[] = [];
  const data: DataEvidence[] = [];
  const thresholds: ThresholdEvidence[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      problems.push({ message: `cannot read evidence file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, location: { file } });
      continue;
    }
    if (/\.(jsonl|ndjson)$/.test(file)) {
      lineage.push(...parseOpenLineage(text, file, problems));
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      problems.push({ message: `not JSON: ${(error as Error).message}`, location: { file, ...jsonErrorPosition(text) } });
      continue;
    }
    if (isDataEvidence(value)) {
      const parsedData = parseDataEvidence(value, file, problems, text);
      if (parsedData) data.push(parsedData);
      continue;
    }
    if (isThresholdEvidence(value)) {
      const parsedThreshold = parseThreshold(value, file, problems, text);
      if (parsedThreshold) thresholds.push(parsedThreshold);
      continue;
    }
    const parsed = parseImportance(value, file, problems, text);
    if (parsed) importance.push(parsed);
  }
  if (problems.length > 0) throw new PaydownError('PAYDOWN_EVIDENCE_INVALID', 'invalid evidence', problems);
  return { lineage, importance, data, thresholds };
}
