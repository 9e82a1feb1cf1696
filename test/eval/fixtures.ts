import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { repo } from '../support/run-paydown.js';

/** Where the evaluation fixtures are (made by scripts/make-eval-fixtures.py). */
export const FIXTURES = `${repo}test/fixtures/eval`;
export const BANK_CSV = `${FIXTURES}/bank-scored.csv.gz`;

/** The scored bank data: labels, scores and the contact slice, in file order. */
export interface ScoredRows {
  readonly labels: Float64Array;
  readonly scores: Float64Array;
  readonly contact: string[];
}

export function readBank(): ScoredRows {
  const lines = gunzipSync(readFileSync(BANK_CSV)).toString('utf8').trim().split('\n');
  const header = lines[0].split(',');
  const y = header.indexOf('y');
  const score = header.indexOf('score');
  const contact = header.indexOf('contact');
  const rows = lines.slice(1).map((line) => line.split(','));
  return {
    labels: Float64Array.from(rows, (row) => Number(row[y])),
    scores: Float64Array.from(rows, (row) => Number(row[score])),
    contact: rows.map((row) => row[contact]),
  };
}

/** Metrics of one dataset as scikit-learn computed them. */
export interface ReferenceMetrics {
  readonly n: number;
  readonly positives: number;
  readonly rocAuc: number;
  readonly aucStandardError: number;
  readonly logLoss: number;
  readonly logLossMachineEps: number;
  readonly brier: number;
  readonly meanScore: number;
  readonly observedRate: number;
  readonly calibration: { observedRate: number[]; meanScore: number[]; counts: number[]; ece: number };
  readonly precisionRecallCurve?: { precision: number[]; recall: number[]; thresholds: number[] };
  readonly rocCurve?: { fpr: number[]; tpr: number[]; thresholds: number[] };
}

export function readReference(name: string): { bins: number; overall: ReferenceMetrics; byContact?: Record<string, ReferenceMetrics> } {
  return JSON.parse(gunzipSync(readFileSync(`${FIXTURES}/${name}`)).toString('utf8')) as ReturnType<typeof readReference>;
}
