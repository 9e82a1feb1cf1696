import { rule } from '../../src/rules/stale-experiment.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'running, expires later', manifest: 'kind: experiment\nid: exp_ranker_v2\nrollout: running\nexpires: 2026-03-01\n' },
    { name: 'expires today is not yet expired', manifest: 'kind: experiment\nid: exp_ranker_v2\nrollout: running\nexpires: 2026-01-15\n' },
    { name: 'planned, no expiry', manifest: 'kind: experiment\nid: exp_ranker_v2\nrollout: planned\n' },
    {
      name: 'full rollout not counted as concluded by the options',
      manifest: 'kind: experiment\nid: exp_ranker_v2\nrollout: full\n',
      options: { concluded: ['abandoned', 'ended'] },
    },
  ],
  invalid: [
    {
      name: 'expired while running',
      manifest: 'kind: experiment\nid: exp_ranker_v2\nflag: ranker_v2\nrollout: running\nexpires: 2026-01-14\n',
      errors: [{ messageId: 'expired', node: 'exp_ranker_v2', line: 5, message: '2026-01-14' }],
    },
    {
      name: 'rolled out in full',
      manifest: 'kind: experiment\nid: exp_ranker_v2\nexpires: 2026-06-01\nrollout: full\npercent: 100\n',
      errors: [{ messageId: 'concluded', node: 'exp_ranker_v2', line: 4, message: "'full'" }],
    },
    {
      name: 'abandoned and expired reports once, as concluded',
      manifest: 'kind: experiment\nid: a\nrollout: abandoned\nexpires: 2025-01-01\n---\nkind: experiment\nid: b\nrollout: ended\n',
      errors: [
        { messageId: 'concluded', node: 'a', line: 3 },
        { messageId: 'concluded', node: 'b', line: 8 },
      ],
    },
    {
      name: 'expired relative to a given day',
      manifest: 'kind: experiment\nid: exp\nexpires: 2026-02-01\n',
      today: '2026-02-02',
      errors: [{ messageId: 'expired', node: 'exp', line: 3 }],
    },
  ],
});
