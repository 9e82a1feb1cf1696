import { rule } from '../../src/rules/correction-cascade.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

const model = (id: string, task: string, inputs: readonly string[] = [], extra = ''): string =>
  `kind: model\nid: ${id}\ntask: ${task}\n${inputs.length > 0 ? `inputs: [${inputs.join(', ')}]\n` : ''}${extra}---\nkind: output\nid: ${id}_out\nmodel: ${id}\n`;

runRuleTests(rule, {
  valid: [
    {
      name: 'unrelated tasks stacked',
      manifest: [model('spam', 'spam'), model('ranker', 'ranking', ['spam_out'])].join('---\n'),
    },
    {
      name: 'a task that only shares a prefix of characters is not related',
      manifest: [model('ctr', 'ctr'), model('ctrl', 'ctrl', ['ctr_out'])].join('---\n'),
    },
    {
      name: 'sibling variants are not related to each other',
      manifest: [model('ctr_mobile', 'ctr/mobile'), model('ctr_web', 'ctr/web', ['ctr_mobile_out'])].join('---\n'),
    },
    {
      name: 'the same task, but no data flows between them',
      manifest: [model('ctr_a', 'ctr'), model('ctr_b', 'ctr')].join('---\n'),
    },
    {
      name: 'models without tasks',
      manifest: 'kind: model\nid: a\n---\nkind: output\nid: a_out\nmodel: a\n---\nkind: model\nid: b\ninputs: [a_out]\n',
    },
  ],
  invalid: [
    {
      name: 'a variant model built on the general model\'s output',
      manifest: [model('ctr', 'ctr'), 'kind: feature\nid: ctr_prior\ninputs: [ctr_out]\n', model('ctr_mobile', 'ctr/mobile', ['ctr_prior'])].join('---\n'),
      errors: [{ messageId: 'cascade', node: 'ctr_mobile', line: 13, message: '1 deep (ctr → ctr_mobile)' }],
    },
    {
      name: 'a declared correction',
      manifest: 'kind: model\nid: base\n---\nkind: model\nid: fix\nowner: ads\ncorrects: base\n',
      errors: [{ messageId: 'corrects', node: 'fix', line: 7, message: "corrects 'base': a correction cascade 1 deep" }],
    },
    {
      name: 'a two-deep cascade, through an unrelated model in between',
      manifest: [
        model('ctr', 'ctr'),
        model('ctr_eu', 'ctr/eu', ['ctr_out']),
        model('calib', 'calibration', ['ctr_eu_out']),
        model('ctr_eu_de', 'ctr/eu/de', ['calib_out']),
      ].join('---\n'),
      errors: [
        { messageId: 'cascade', node: 'ctr_eu', line: 9, message: '1 deep' },
        { messageId: 'cascade', node: 'ctr_eu_de', line: 27, message: '2 deep (ctr → ctr_eu → ctr_eu_de)' },
      ],
    },
    {
      name: 'corrections of corrections',
      manifest: 'kind: model\nid: m1\n---\nkind: model\nid: m2\ncorrects: m1\n---\nkind: model\nid: m3\ncorrects: m2\n',
      errors: [
        { messageId: 'corrects', node: 'm2', line: 6 },
        { messageId: 'corrects', node: 'm3', line: 10, message: '2 deep (m1 → m2 → m3)' },
      ],
    },
  ],
});
