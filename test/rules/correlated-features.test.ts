import type { DataEvidenceDoc } from '../../src/evidence/data-evidence.js';
import { rule } from '../../src/rules/correlated-features.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const features = ['kind: feature', 'id: price', '---', 'kind: feature', 'id: price_eur', '---', 'kind: feature', 'id: hour'];

function data(correlations: DataEvidenceDoc['correlations']): DataEvidenceDoc {
  return { format: 'paydown.data-evidence/v1', source: 'events.parquet', time: 'ts', rows: 1000, columns: ['price', 'price_eur', 'hour'], availability: [], correlations };
}

const model = (inputs: string): string => [...features, '---', 'kind: model', 'id: ctr', `inputs: ${inputs}`].join('\n');

runRuleTests(rule, {
  valid: [
    { name: 'no data evidence', manifest: model('[price, price_eur]') },
    { name: 'correlation below the threshold', manifest: model('[price, hour]'), data: [data([{ a: 'price', b: 'hour', pearson: 0.5, n: 1000 }])] },
    {
      name: 'correlated features used by different models',
      manifest: [...features, '---', 'kind: model', 'id: a', 'inputs: [price]', '---', 'kind: model', 'id: b', 'inputs: [price_eur]'].join('\n'),
      data: [data([{ a: 'price', b: 'price_eur', pearson: 0.99, n: 1000 }])],
    },
    { name: 'too few rows', manifest: model('[price, price_eur]'), data: [data([{ a: 'price', b: 'price_eur', pearson: 1, n: 10 }])] },
    { name: 'undefined correlation', manifest: model('[price, price_eur]'), data: [data([{ a: 'price', b: 'price_eur', pearson: null, n: 1000 }])] },
    {
      name: 'a higher threshold',
      manifest: model('[price, price_eur]'),
      data: [data([{ a: 'price', b: 'price_eur', pearson: 0.97, n: 1000 }])],
      options: { threshold: 0.98 },
    },
  ],
  invalid: [
    {
      name: 'two inputs of one model correlate',
      manifest: model('[hour, price, price_eur]'),
      data: [data([{ a: 'price', b: 'price_eur', pearson: 0.991, n: 1000 }])],
      errors: [{ messageId: 'correlated', node: 'ctr', line: 12, message: "'price' and 'price_eur', whose values correlate at 0.991" }],
    },
    {
      name: 'strong negative correlation, pair given in the other order',
      manifest: model('[price, price_eur]'),
      data: [data([{ a: 'price_eur', b: 'price', pearson: -0.97, n: 500 }])],
      errors: [{ messageId: 'correlated', node: 'ctr', message: 'at -0.97' }],
    },
    {
      name: 'a lower threshold',
      manifest: model('[price, hour]'),
      data: [data([{ a: 'price', b: 'hour', pearson: 0.8, n: 1000 }])],
      options: { threshold: 0.75 },
      errors: [{ messageId: 'correlated', node: 'ctr', message: "'hour'" }],
    },
  ],
});
