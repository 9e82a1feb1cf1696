import type { DatasetProfile } from '../../src/data/profile-types.js';
import type { DriftReport, ReportInput } from '../../src/data/report/types.js';
import type { KeyedSkewResult } from '../../src/data/skew.js';
import { defaultSkewThresholds } from '../../src/data/skew.js';

export const EVIL = '<img src=x onerror="window.__pwned=1">';

export const drift: DriftReport = {
  reference: 'train.parquet',
  current: 'today.parquet',
  columns: [
    {
      name: 'income', kind: 'numeric', method: 'psi', statistic: 0.05, threshold: 0.2, referenceSize: 1000, currentSize: 800, drifted: false,
      histogram: { edges: [0, 10, 20, 30, 40], reference: [100, 400, 400, 100], current: [90, 380, 420, 110] },
    },
    {
      name: 'age', kind: 'numeric', method: 'psi', statistic: 0.4, threshold: 0.2, referenceSize: 1000, currentSize: 800, drifted: true,
      histogram: { edges: [18, 30, 45, 60, 90], reference: [300, 400, 200, 100], current: [100, 200, 300, 400] },
    },
    {
      name: 'country', kind: 'categorical', method: 'chi-square', statistic: 0.001, threshold: 0.05, direction: 'below', pValue: 0.001,
      referenceSize: 1000, currentSize: 800, drifted: true,
      categories: [{ value: 'FR', reference: 500, current: 200 }, { value: 'DE', reference: 400, current: 500 }, { value: EVIL, reference: 100, current: 100 }],
    },
  ],
};

export const profile: DatasetProfile = {
  format: 'paydown.profile/v1', source: 'train.parquet', createdAt: '2026-01-01T00:00:00Z', rows: 1000,
  columns: [
    {
      name: 'age', sqlType: 'BIGINT', kind: 'numeric', count: 1000, nulls: { count: 0, share: 0 }, distinct: { value: 70, exact: true },
      numeric: {
        min: 18, max: 90, mean: 40, stddev: 12, quantiles: [], quantilesExact: true, nan: 0, infinite: 0,
        histogram: { edges: [18, 30, 45, 60, 90], counts: [300, 400, 200, 100] },
        fineHistogram: { edges: [18, 90], counts: [1000] },
      },
    },
    {
      name: 'city', sqlType: 'VARCHAR', kind: 'categorical', count: 1000, nulls: { count: 50, share: 0.05 }, distinct: { value: 3, exact: true },
      categorical: { top: [{ value: 'Paris', count: 500 }, { value: 'Berlin', count: 450 }], otherCount: 0, complete: true },
    },
  ],
};

export const skew: KeyedSkewResult = {
  format: 'paydown.skew/v1', mode: 'keyed', training: 'train.csv', serving: 'serve.csv', key: ['id'], thresholds: defaultSkewThresholds,
  missingColumns: { trainingOnly: [], servingOnly: [] }, skewed: true,
  rows: { training: 100, serving: 99, joined: 98, onlyTraining: 2, onlyServing: 1 }, onlyTrainingExamples: [{ id: '99' }], onlyServingExamples: [{ id: '200' }],
  columns: [
    { name: 'price', kind: 'numeric', compared: 98, mismatches: 10, nullMismatches: 0, mismatchRate: 10 / 98, skewed: true, examples: [{ key: { id: '1' }, training: '1.5', serving: '2.5' }] },
    { name: 'clicks', kind: 'numeric', compared: 98, mismatches: 0, nullMismatches: 0, mismatchRate: 0, skewed: false, examples: [] },
  ],
};

export const inputs: ReportInput[] = [
  { kind: 'drift', result: drift },
  { kind: 'skew', result: skew },
  { kind: 'profile', result: profile },
  { kind: 'validate', result: { source: 'train.parquet', checks: [{ check: 'not_null', column: 'city', passed: false, message: `50 nulls ${EVIL}`, failingRows: 50, rows: 1000 }, { check: 'unique', column: 'id', passed: true, message: 'ok' }] } },
];
