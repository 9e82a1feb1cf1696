import { readFile } from 'node:fs/promises';
import { PaydownError, type Problem } from '../errors.js';
import { parseImportance, type ImportanceEvidence } from './importance.js';
import { jsonErrorPosition } from './json-position.js';
import { parseOpenLineage, type LineageObservation } from './openlineage.js';

/** What was observed outside the manifests. */
export interface Evidence {
  readonly lineage: readonly LineageObservation[];
  readonly importance: readonly ImportanceEvidence[];
}

export const emptyEvidence: Evidence = { lineage: [], importance: [] };

/**
 * Loads evidence files: `.jsonl`/`.ndjson` files are OpenLineage run events, `.json` files are
 * importance results. Every problem in every file is reported together (PAYDOWN_EVIDENCE_INVALID).
 *
 * @example
 * const evidence = await loadEvidence(['evidence/lineage.jsonl', 'evidence/ctr-lofo.json']);
 */
export async function loadEvidence(files: readonly string[]): Promise<Evidence> {
  const problems: Problem[] = [];
  const lineage: LineageObservation[] = [];
  const importance: ImportanceEvidence[] = [];
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
    const parsed = parseImportance(value, file, problems, text);
    if (parsed) importance.push(parsed);
  }
  if (problems.length > 0) throw new PaydownError('PAYDOWN_EVIDENCE_INVALID', 'invalid evidence', problems);
  return { lineage, importance };
}
