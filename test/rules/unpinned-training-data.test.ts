import { rule } from '../../src/rules/unpinned-training-data.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const sources = 'kind: source\nid: clicks\n---\nkind: source\nid: snapshots\nversioned: true\n---\n';

runRuleTests(rule, {
  valid: [
    { name: 'pinned training data', manifest: `${sources}kind: model\nid: ctr\nstage: production\ntraining: { data: [clicks@2026-01-01] }\n` },
    { name: 'a versioned source', manifest: `${sources}kind: model\nid: ctr\nstage: production\ntraining:\n  data: [snapshots]\n` },
    { name: 'pinned as an object', manifest: `${sources}kind: model\nid: ctr\nstage: production\ntraining:\n  data:\n    - { id: clicks, version: 7 }\n` },
    { name: 'not in production', manifest: `${sources}kind: model\nid: ctr\nstage: staging\ntraining: { data: [clicks] }\n` },
    { name: 'undeclared data is left to dangling-reference', manifest: 'kind: model\nid: ctr\nstage: production\ntraining: { data: [ghost] }\n' },
  ],
  invalid: [
    {
      name: 'no training data',
      manifest: `${sources}kind: model\nid: ctr\nstage: production\n`,
      errors: [{ messageId: 'noTrainingData', node: 'ctr', line: 8 }],
    },
    {
      name: 'a training block without data',
      manifest: `${sources}kind: model\nid: ctr\nstage: production\ntraining:\n  window: { from: 2025-01-01 }\n`,
      errors: [{ messageId: 'noTrainingData', node: 'ctr', line: 11 }],
    },
    {
      name: 'one unpinned, mutable source among pinned ones',
      manifest: `${sources}kind: model\nid: ctr\nstage: production\ntraining:\n  data:\n    - snapshots\n    - clicks\n    - clicks@3\n`,
      errors: [{ messageId: 'unpinned', node: 'ctr', line: 14, message: "'clicks'" }],
    },
    {
      name: 'staging models when the options include them',
      manifest: `${sources}kind: model\nid: ctr\nstage: staging\ntraining: { data: [clicks] }\n`,
      options: { stages: ['staging', 'production'] },
      errors: [{ messageId: 'unpinned', node: 'ctr', line: 11 }],
    },
  ],
});
