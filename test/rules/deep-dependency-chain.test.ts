import { rule } from '../../src/rules/deep-dependency-chain.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

/** A source followed by `length` features, each reading the one before: `length` edges deep. */
function chain(length: number): string[] {
  const lines = ['kind: source', 'id: f0'];
  for (let step = 1; step <= length; step++) lines.push('---', 'kind: feature', `id: f${step}`, `inputs: [f${step - 1}]`);
  return lines;
}

runRuleTests(rule, {
  valid: [
    { name: 'a short chain', manifest: [...chain(2), '---', 'kind: model', 'id: m', 'inputs: [f2]'].join('\n') },
    { name: 'exactly the maximum depth', manifest: [...chain(5), '---', 'kind: model', 'id: m', 'inputs: [f5]'].join('\n') },
    {
      name: 'a raised maximum',
      manifest: [...chain(7), '---', 'kind: model', 'id: m', 'inputs: [f7]'].join('\n'),
      options: { maxDepth: 8 },
    },
    {
      name: 'a cycle does not make a chain endless',
      manifest: [
        'kind: feature',
        'id: a',
        'inputs: [b]',
        '---',
        'kind: feature',
        'id: b',
        'inputs: [a]',
        '---',
        'kind: model',
        'id: m',
        'inputs: [a]',
      ].join('\n'),
    },
    {
      name: 'deep nodes downstream of the model do not count',
      manifest: ['kind: source', 'id: s', '---', 'kind: model', 'id: m', 'inputs: [s]', '---', 'kind: output', 'id: o', 'model: m', '---', ...chain(8).slice(2)].join('\n').replace('inputs: [f0]', 'inputs: [o]'),
    },
  ],
  invalid: [
    {
      name: 'one step past the maximum',
      manifest: [...chain(6), '---', 'kind: model', 'id: m', 'inputs: [f6]'].join('\n'),
      errors: [{ messageId: 'tooDeep', node: 'm', line: 28, message: 'chain of 7 data dependencies (more than 6): f0 -> f1 -> f2 -> f3 -> f4 -> f5 -> f6 -> m' }],
    },
    {
      name: 'the longest of several paths counts, through model outputs',
      manifest: [
        ...chain(3),
        '---',
        'kind: model',
        'id: base',
        'inputs: [f3]',
        '---',
        'kind: output',
        'id: base_score',
        'model: base',
        '---',
        'kind: model',
        'id: stacked',
        'inputs: [f0, base_score]',
      ].join('\n'),
      options: { maxDepth: 4 },
      errors: [{ messageId: 'tooDeep', node: 'stacked', line: 24, message: 'f0 -> f1 -> f2 -> f3 -> base -> base_score -> stacked' }],
    },
    {
      name: 'a long chain is shortened in the message',
      manifest: [...chain(20), '---', 'kind: model', 'id: m', 'inputs: [f20]'].join('\n'),
      errors: [{ messageId: 'tooDeep', node: 'm', message: 'chain of 21 data dependencies (more than 6): f0 -> (14 more) -> f15 -> f16 -> f17 -> f18 -> f19 -> f20 -> m' }],
    },
  ],
});
