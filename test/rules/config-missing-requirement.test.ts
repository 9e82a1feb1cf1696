import { rule } from '../../src/rules/config-missing-requirement.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const features = [
  'kind: feature',
  'id: embedding',
  'constraints: { requires: { features: [vocab], memoryMb: 4096 } }',
  '---',
  'kind: feature',
  'id: vocab',
  '---',
].join('\n');

runRuleTests(rule, {
  valid: [
    { name: 'requirements met exactly', manifest: `${features}\nkind: config\nid: c\nfeatures: [embedding, vocab]\nresources: { memoryMb: 4096 }\n` },
    { name: 'the required feature alone', manifest: `${features}\nkind: config\nid: c\nfeatures: [vocab]\n` },
  ],
  invalid: [
    {
      name: 'a missing feature and no memory',
      manifest: `${features}\nkind: config\nid: c\nfeatures:\n  - embedding\n`,
      errors: [
        { messageId: 'missingFeature', node: 'c', line: 11, message: "requires 'vocab'" },
        { messageId: 'noMemory', node: 'c', line: 11 },
      ],
    },
    {
      name: 'a child lowering the memory below what an inherited feature needs',
      manifest: `${features}\nkind: config\nid: c\nfeatures: [embedding, vocab]\nresources: { memoryMb: 8192 }\n---\nkind: config\nid: d\nextends: c\nresources:\n  memoryMb: 4095\n`,
      errors: [{ messageId: 'notEnoughMemory', node: 'd', line: 17, message: 'only 4095 MB' }],
    },
  ],
});
