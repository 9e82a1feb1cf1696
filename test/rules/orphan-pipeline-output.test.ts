import { rule } from '../../src/rules/orphan-pipeline-output.js';
import { runRuleTests } from '../../src/testing/rule-tester.js';

runRuleTests(rule, {
  valid: [
    {
      name: 'a written source read by a feature',
      manifest: 'kind: pipeline\nid: etl\nwrites: [sessions]\n---\nkind: source\nid: sessions\n---\nkind: feature\nid: session_len\ninputs: [sessions]\n',
    },
    {
      name: 'a written source read by another pipeline',
      manifest: 'kind: pipeline\nid: etl\nwrites: [sessions]\n---\nkind: source\nid: sessions\n---\nkind: pipeline\nid: export\nreads: [sessions]\n',
    },
    {
      name: 'a written source read only according to lineage',
      manifest:
        'kind: pipeline\nid: etl\nwrites: [sessions]\n---\nkind: source\nid: sessions\ndataset: { namespace: s3, name: sessions }\n',
      lineage: '{"eventType":"COMPLETE","job":{"namespace":"airflow","name":"report"},"inputs":[{"namespace":"s3","name":"sessions"}]}\n',
    },
    { name: 'a pipeline that writes nothing', manifest: 'kind: pipeline\nid: etl\n' },
  ],
  invalid: [
    {
      name: 'a write nothing reads',
      manifest:
        'kind: pipeline\nid: etl\nwrites:\n  - sessions\n  - sessions_backup\n---\nkind: source\nid: sessions\n---\nkind: source\nid: sessions_backup\n---\nkind: feature\nid: session_len\ninputs: [sessions]\n',
      errors: [{ messageId: 'orphan', node: 'etl', line: 5, message: "'sessions_backup'" }],
    },
    {
      name: 'a source that names the pipeline as its producer',
      manifest: 'kind: pipeline\nid: etl\n---\nkind: source\nid: sessions\nproducer: { job: etl }\n',
      errors: [{ messageId: 'orphanProducer', node: 'etl', line: 1 }],
    },
    {
      name: 'listed and named as producer reports once',
      manifest: 'kind: pipeline\nid: etl\nwrites: [sessions]\n---\nkind: source\nid: sessions\nproducer: { job: etl }\n',
      errors: [{ messageId: 'orphan', node: 'etl', line: 3 }],
    },
  ],
});
