import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { PaydownError, type Problem } from '../../src/errors.js';
import { parseOpenLineage } from '../../src/evidence/openlineage.js';
import { parseManifests, type ManifestText } from '../../src/manifest/load-system.js';

const SEED = 20260301;

/** Every problem must say where: a file, and a 1-based line and column when it gives them. */
function assertLocated(problems: readonly Problem[], files: readonly string[]): void {
  for (const problem of problems) {
    const location = problem.location;
    assert.ok(location !== undefined, `problem without a location: ${problem.message}`);
    assert.ok(files.includes(location.file), `problem in an unknown file '${location.file}': ${problem.message}`);
    if (location.line !== undefined) assert.ok(Number.isInteger(location.line) && location.line >= 1, `bad line ${location.line}`);
    if (location.column !== undefined) assert.ok(Number.isInteger(location.column) && location.column >= 1, `bad column ${location.column}`);
    assert.equal(typeof problem.message, 'string');
    assert.ok(problem.message.length > 0);
  }
}

/** Parses the manifests: success, or a PaydownError whose problems all have a location. */
function parsesOrExplains(entries: readonly ManifestText[]): void {
  try {
    parseManifests('root', entries);
  } catch (error) {
    if (!(error instanceof PaydownError)) throw error;
    assert.ok(error.problems.length > 0, `${error.code} without problems`);
    assertLocated(error.problems, ['root', ...entries.map((entry) => entry.file)]);
  }
}

const KEYS = [
  'kind', 'id', 'owner', 'description', 'tags', 'suppress', 'rule', 'reason', 'inputs', 'version', 'lifecycle', 'stage',
  'replacement', 'removal', 'availability', 'training', 'window', 'from', 'to', 'threshold', 'value', 'setBy', 'model',
  'reads', 'writes', 'logs', 'producer', 'job', 'namespace', 'name', 'affects', 'monitors', 'type', 'corrects', '<<',
];
const KINDS = ['source', 'feature', 'model', 'output', 'consumer', 'pipeline', 'experiment', 'sorce', ''];
const IDS = ['clicks', 'ctr_7d', 'ctr', 'ctr_scores', 'billing', 'etl', 'exp1', 'clicks@2', 'a b', ''];

const scalar = fc.oneof(
  fc.constantFrom(...IDS, ...KINDS, 'hand', 'learned', 'deprecated', '2026-01-01', '6h', '0.5'),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);

const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const documentObject = fc.record(
  { kind: fc.constantFrom(...KINDS), id: fc.constantFrom(...IDS) },
  { requiredKeys: [] },
).chain((base) => fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }).map((extra) => ({ ...extra, ...base })));

const VALID = [
  { kind: 'source', id: 'clicks', owner: 'ads', type: 'log', producer: { job: 'etl' }, logs: ['ctr'] },
  { kind: 'feature', id: 'ctr_7d', owner: 'ads', inputs: ['clicks', { id: 'clicks', version: 2 }], lifecycle: { stage: 'active' } },
  { kind: 'model', id: 'ctr', inputs: ['ctr_7d@1'], threshold: { value: 0.5, setBy: 'hand' }, training: { data: ['clicks'] } },
  { kind: 'output', id: 'ctr_scores', model: 'ctr', access: 'restricted' },
  { kind: 'consumer', id: 'billing', reads: ['ctr_scores', { id: 'ctr_scores', mode: 'online' }], sla: { latencyMs: 20 } },
  { kind: 'pipeline', id: 'etl', reads: ['ctr_scores'], writes: ['clicks'], schedule: '@daily' },
  { kind: 'experiment', id: 'exp1', affects: ['ctr'], created: '2025-01-01', suppress: [{ rule: 'stale-experiment', reason: 'tracked in JIRA' }] },
];

type Mutation = (document: Record<string, unknown>) => void;

/** Random changes to a field of a valid manifest: dropped, renamed, retyped, replaced. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((pick): Mutation => (document) => {
    const keys = Object.keys(document);
    delete document[keys[pick % keys.length]];
  }),
  fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 3 })).map(([pick, suffix]): Mutation => (document) => {
    const keys = Object.keys(document);
    const key = keys[pick % keys.length];
    document[`${key.slice(0, -1)}${suffix}`] = document[key];
    delete document[key];
  }),
  fc.tuple(fc.nat(), value).map(([pick, replacement]): Mutation => (document) => {
    const keys = Object.keys(document);
    document[keys[pick % keys.length]] = replacement;
  }),
  fc.tuple(fc.constantFrom(...KEYS), value).map(([key, replacement]): Mutation => (document) => {
    document[key] = replacement;
  }),
);

const nearValidSystem = fc
  .array(fc.tuple(fc.nat(VALID.length - 1), fc.array(mutation, { maxLength: 3 })), { minLength: 1, maxLength: 8 })
  .map((picks) =>
    picks.map(([index, mutations]) => {
      const document = structuredClone(VALID[index]) as Record<string, unknown>;
      for (const mutate of mutations) mutate(document);
      return document;
    }),
  );

/** Dumps documents as YAML, split over one or two files, in block or flow style. */
function toEntries(documents: readonly unknown[], flow: boolean, split: number): ManifestText[] {
  const dump = (list: readonly unknown[]): string => list.map((document) => yaml.dump(document, { flowLevel: flow ? 1 : -1, noRefs: true })).join('---\n');
  const at = split % (documents.length + 1);
  return [
    { file: 'a.yaml', text: dump(documents.slice(0, at)) },
    { file: 'dir/b.yml', text: dump(documents.slice(at)) },
  ];
}

/** Small edits to a text: a character inserted, deleted or replaced at a position. */
const textEdit = fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom(':', '-', ' ', '\n', '\t', '[', '{', '"', "'", '&a', '*a', '<<', '#', '|', '>', '---\n', '!', '%', '@', 'é', '\u0000'));

function edit(text: string, [position, operation, character]: [number, string, string]): string {
  const at = text.length === 0 ? 0 : position % text.length;
  if (operation === 'delete') return text.slice(0, at) + text.slice(at + 1);
  if (operation === 'insert') return text.slice(0, at) + character + text.slice(at);
  return text.slice(0, at) + character + text.slice(at + 1);
}

describe('fuzzing the manifest loader', () => {
  it('survives arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => parsesOrExplains([{ file: 'x.yaml', text }])),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('survives strings made of YAML punctuation', () => {
    const piece = fc.constantFrom('kind: ', 'source', 'model', 'id: ', 'x', '\n', '  ', '- ', ': ', '[', ']', '{', '}', ',', '---\n', '...\n', '&a ', '*a', '<<: ', '? ', '|\n', '"', "'", '#', '!!str ', '%YAML 1.2\n', '\t');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => parsesOrExplains([{ file: 'x.yaml', text: pieces.join('') }])),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('survives YAML documents of random keys and values', () => {
    fc.assert(
      fc.property(fc.array(documentObject, { maxLength: 5 }), fc.boolean(), fc.nat(), (documents, flow, split) =>
        parsesOrExplains(toEntries(documents, flow, split)),
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('survives near-valid manifests with random field mutations', () => {
    fc.assert(
      fc.property(nearValidSystem, fc.boolean(), fc.nat(), (documents, flow, split) => parsesOrExplains(toEntries(documents, flow, split))),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('survives near-valid manifests with random text edits', () => {
    fc.assert(
      fc.property(nearValidSystem, fc.boolean(), fc.array(textEdit, { minLength: 1, maxLength: 4 }), (documents, flow, edits) => {
        const [first, second] = toEntries(documents, flow, documents.length);
        const text = edits.reduce(edit, first.text);
        parsesOrExplains([{ file: 'a.yaml', text }, second]);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('loads every unmutated near-valid system', () => {
    const entries = toEntries(VALID, false, 3);
    const system = parseManifests('root', entries);
    assert.equal(system.objects.size, VALID.length);
  });
});

describe('fuzzing the OpenLineage reader', () => {
  const name = fc.record({ namespace: fc.oneof(fc.constantFrom('airflow', 's3', ''), fc.string({ maxLength: 6 })), name: fc.oneof(fc.constantFrom('etl', 'scores'), fc.string({ maxLength: 6 })) }, { requiredKeys: [] });
  const event = fc.record(
    {
      eventType: fc.oneof(fc.constantFrom('START', 'COMPLETE', 'FAIL'), value),
      eventTime: fc.oneof(fc.constant('2026-01-01T00:00:00Z'), value),
      job: fc.oneof(name, value),
      inputs: fc.oneof(fc.array(name, { maxLength: 3 }), value),
      outputs: fc.oneof(fc.array(name, { maxLength: 3 }), value),
      run: value,
    },
    { requiredKeys: [] },
  );
  const line = fc.oneof(
    event.map((object) => JSON.stringify(object)),
    fc.tuple(event, textEdit).map(([object, change]) => edit(JSON.stringify(object), change)),
    fc.json(),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.constantFrom('', '   ', '\r', '{', '}', '[]', 'null', '"x"', '{"job":null}', '{"job":{"namespace":"a","name":"b"}}\r'),
  );

  it('reports every bad line with a location and never throws', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (lines, newline) => {
        const problems: Problem[] = [];
        const text = lines.join(newline);
        const observations = parseOpenLineage(text, 'lineage.jsonl', problems);
        assertLocated(problems, ['lineage.jsonl']);
        for (const problem of problems) assert.ok(problem.location!.line! <= text.split('\n').length);
        for (const observation of observations) {
          assert.equal(typeof observation.job.namespace, 'string');
          assert.equal(typeof observation.job.name, 'string');
        }
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });
});
