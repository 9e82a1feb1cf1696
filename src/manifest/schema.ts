import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$', description: 'Unique id of the object across the whole system.' });
const Text = Type.String({ minLength: 1 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A calendar date, YYYY-MM-DD.' });
const Duration = Type.String({ pattern: '^\\d+(ms|s|m|h|d|w)$', description: 'A duration such as 30m, 6h or 2d.' });
const Version = Type.Union([Type.String({ minLength: 1 }), Type.Number()], { description: 'A version label.' });

const strict = { additionalProperties: false } as const;

/** A reference to another object: `id`, `id@version`, or `{ id, version }`. */
export const RefSchema = Type.Union([
  Type.String({ minLength: 1, description: 'An id, optionally pinned as id@version.' }),
  Type.Object({ id: Text, version: Type.Optional(Version) }, strict),
]);

const DatasetIdentity = Type.Object(
  {
    namespace: Text,
    name: Text,
  },
  { ...strict, description: 'How OpenLineage names this dataset or job (namespace and name).' },
);

const Suppression = Type.Object(
  {
    rule: Text,
    reason: Type.String({ minLength: 3, description: 'Why this finding is accepted. Required.' }),
  },
  strict,
);

const DataTests = Type.Object(
  {
    schema: Type.Optional(Text),
    checks: Type.Optional(Type.Array(Text)),
    profile: Type.Optional(Text),
  },
  { ...strict, description: 'Schema or data tests that cover this data (paths or names).' },
);

const common = {
  id: Id,
  owner: Type.Optional(Text),
  description: Type.Optional(Text),
  tags: Type.Optional(Type.Array(Text)),
  suppress: Type.Optional(Type.Array(Suppression)),
};

export const SourceSchema = Type.Object(
  {
    kind: Type.Literal('source'),
    ...common,
    type: Type.Optional(Type.Union([Type.Literal('log'), Type.Literal('table'), Type.Literal('stream'), Type.Literal('lookup'), Type.Literal('file')])),
    location: Type.Optional(Text),
    producer: Type.Optional(
      Type.Object({ team: Type.Optional(Text), job: Type.Optional(Text), model: Type.Optional(Text) }, strict),
    ),
    freshness: Type.Optional(Type.Object({ maxAge: Duration }, strict)),
    mutable: Type.Optional(Type.Boolean({ description: 'Whether its content can change in place under the same version.' })),
    versioned: Type.Optional(Type.Boolean({ description: 'Whether consumers read immutable, versioned snapshots.' })),
    version: Type.Optional(Version),
    logs: Type.Optional(
      Type.Array(Text, { description: 'Models or model outputs whose predictions or actions this source records.' }),
    ),
    dataset: Type.Optional(DatasetIdentity),
    dataTests: Type.Optional(DataTests),
    semanticType: Type.Optional(Text),
  },
  strict,
);

const Interval = Type.Object(
  { from: Type.Optional(IsoDate), to: Type.Optional(IsoDate), reason: Type.Optional(Text) },
  strict,
);

export const FeatureSchema = Type.Object(
  {
    kind: Type.Literal('feature'),
    ...common,
    inputs: Type.Optional(Type.Array(RefSchema, { description: 'Sources, features or model outputs it is computed from.' })),
    version: Type.Optional(Version),
    requirePin: Type.Optional(Type.Boolean({ description: 'Consumers must pin a version of this feature.' })),
    mutable: Type.Optional(Type.Boolean()),
    lifecycle: Type.Optional(
      Type.Object(
        {
          stage: Type.Union([Type.Literal('experimental'), Type.Literal('active'), Type.Literal('deprecated')]),
          replacement: Type.Optional(Text),
          removal: Type.Optional(IsoDate),
        },
        strict,
      ),
    ),
    availability: Type.Optional(
      Type.Object(
        {
          training: Type.Optional(Interval),
          knownBad: Type.Optional(Type.Array(Interval)),
          serving: Type.Optional(Type.Boolean()),
          servingSubstitute: Type.Optional(Type.Array(Text)),
        },
        strict,
      ),
    ),
    valueType: Type.Optional(
      Type.Union([
        Type.Literal('numeric'),
        Type.Literal('categorical'),
        Type.Literal('string'),
        Type.Literal('boolean'),
        Type.Literal('embedding'),
      ]),
    ),
    semanticType: Type.Optional(Text),
    unit: Type.Optional(Text),
    bundle: Type.Optional(Text),
    cost: Type.Optional(
      Type.Object(
        { memoryMb: Type.Optional(Type.Number({ minimum: 0 })), latencyMs: Type.Optional(Type.Number({ minimum: 0 })), note: Type.Optional(Text) },
        strict,
      ),
    ),
    dataTests: Type.Optional(DataTests),
    constraints: Type.Optional(
      Type.Object(
        {
          requires: Type.Optional(
            Type.Object(
              {
                features: Type.Optional(Type.Array(Text, { description: 'Features that must be chosen together with this one.' })),
                memoryMb: Type.Optional(Type.Number({ minimum: 0, description: 'Training memory a config using this feature must reserve.' })),
              },
              strict,
            ),
          ),
          excludes: Type.Optional(Type.Array(Text, { description: 'Features that cannot be chosen together with this one (e.g. for latency).' })),
          formatChanges: Type.Optional(
            Type.Array(Type.Object({ date: IsoDate, note: Type.Optional(Text) }, strict), {
              description: 'Dates where the code computing this feature changes; a training window must not cross one.',
            }),
          ),
          reason: Type.Optional(Text),
        },
        { ...strict, description: 'Rules every model config using this feature must respect.' },
      ),
    ),
  },
  strict,
);

const ActionLimit = Type.Object({ max: Type.Number({ minimum: 0 }), per: Duration }, strict);

const Monitor = Type.Object(
  {
    type: Type.Union([
      Type.Literal('prediction-bias'),
      Type.Literal('action-limit'),
      Type.Literal('upstream-freshness'),
      Type.Literal('input-drift'),
    ]),
    window: Type.Optional(Duration),
    tolerance: Type.Optional(Type.Number({ minimum: 0 })),
    minSamples: Type.Optional(Type.Integer({ minimum: 1 })),
    slices: Type.Optional(Type.Array(Text)),
    action: Type.Optional(Text),
    respond: Type.Optional(
      Type.Array(Type.Union([Type.Literal('alert'), Type.Literal('halt-actions'), Type.Literal('fallback'), Type.Literal('shadow')]), {
        description:
          'What paydown serve does by itself when this monitor fires: alert (always), halt-actions (open the breaker: answer with the safe default), fallback (serve the pinned fallback version), shadow (mirror traffic to the candidate version).',
      }),
    ),
    reference: Type.Optional(Type.String({ minLength: 1, description: 'input-drift: a saved profile (paydown profile --format json) to compare logged inputs with.' })),
    source: Type.Optional(Type.String({ minLength: 1, description: 'upstream-freshness: the source to watch (default: every source upstream of the model).' })),
  },
  strict,
);

const ServedVersion = Type.Object(
  {
    file: Type.Optional(Type.String({ minLength: 1, description: 'A paydown.model/v1 JSON file run in-process (path relative to the manifest directory).' })),
    backend: Type.Optional(Type.String({ minLength: 1, description: 'Base URL of an Open Inference Protocol v2 server (e.g. MLServer, Triton) that serves this version.' })),
    name: Type.Optional(Type.String({ minLength: 1, description: 'The model name at the backend (default: the model id).' })),
  },
  strict,
);

const Serving = Type.Object(
  {
    version: Type.Optional(Version),
    versions: Type.Record(Type.String(), ServedVersion, { description: 'How to run each version: in-process file or v2 backend.' }),
    safeDefault: Type.Optional(
      Type.Object({ score: Type.Number() }, { ...strict, description: 'What the gateway answers while the circuit breaker is open; no action is taken.' }),
    ),
    fallback: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Number()], { description: 'The pinned previous version the fallback response serves.' })),
    shadow: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Number()], { description: 'A candidate version mirrored on live traffic; its answers are logged, never returned.' })),
    action: Type.Optional(Type.String({ minLength: 1, description: 'The action (one of actions[].name) taken when the score reaches the threshold.' })),
  },
  { ...strict, description: 'How paydown serve runs this model.' },
);

export const ModelSchema = Type.Object(
  {
    kind: Type.Literal('model'),
    ...common,
    task: Type.Optional(Type.String({ minLength: 1, description: 'The problem it solves; a/b is a variant of task a.' })),
    corrects: Type.Optional(Type.String({ minLength: 1, description: 'The model whose output this model corrects.' })),
    version: Type.Optional(Version),
    stage: Type.Optional(Type.Union([Type.Literal('experimental'), Type.Literal('staging'), Type.Literal('production')])),
    inputs: Type.Optional(Type.Array(RefSchema)),
    training: Type.Optional(
      Type.Object(
        {
          data: Type.Optional(Type.Array(RefSchema)),
          window: Type.Optional(Interval),
        },
        strict,
      ),
    ),
    threshold: Type.Optional(
      Type.Object(
        {
          value: Type.Optional(Type.Number()),
          setBy: Type.Union([Type.Literal('hand'), Type.Literal('learned')]),
          objective: Type.Optional(Text),
          learnedOn: Type.Optional(Text),
        },
        strict,
      ),
    ),
    actions: Type.Optional(
      Type.Array(Type.Object({ name: Text, description: Type.Optional(Text), limit: Type.Optional(ActionLimit) }, strict)),
    ),
    exploration: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Share of traffic explored at random or held out.' })),
    epsilon: Type.Optional(Type.Number({ minimum: 0, description: 'Smallest metric gain a feature must bring to be kept.' })),
    monitors: Type.Optional(Type.Array(Monitor)),
    job: Type.Optional(DatasetIdentity),
    config: Type.Optional(Type.String({ minLength: 1, description: 'The id of the config this model is trained and served with.' })),
    serving: Type.Optional(Serving),
  },
  strict,
);

export const OutputSchema = Type.Object(
  {
    kind: Type.Literal('output'),
    ...common,
    model: Text,
    version: Type.Optional(Version),
    access: Type.Optional(Type.Union([Type.Literal('restricted'), Type.Literal('open')])),
    semanticType: Type.Optional(Text),
    unit: Type.Optional(Text),
    dataset: Type.Optional(DatasetIdentity),
  },
  strict,
);

const Read = Type.Union([
  Type.String({ minLength: 1 }),
  Type.Object(
    {
      id: Text,
      version: Type.Optional(Version),
      mode: Type.Optional(Type.Union([Type.Literal('online'), Type.Literal('batch'), Type.Literal('file')])),
    },
    strict,
  ),
]);

export const ConsumerSchema = Type.Object(
  {
    kind: Type.Literal('consumer'),
    ...common,
    contact: Type.Optional(Text),
    reads: Type.Array(Read, { minItems: 1 }),
    sla: Type.Optional(
      Type.Object(
        {
          latencyMs: Type.Optional(Type.Number({ minimum: 0 })),
          ratePerSecond: Type.Optional(Type.Number({ minimum: 0 })),
          availability: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
        },
        strict,
      ),
    ),
    job: Type.Optional(DatasetIdentity),
  },
  strict,
);

export const PipelineSchema = Type.Object(
  {
    kind: Type.Literal('pipeline'),
    ...common,
    reads: Type.Optional(Type.Array(RefSchema)),
    writes: Type.Optional(Type.Array(Text)),
    schedule: Type.Optional(Text),
    job: Type.Optional(DatasetIdentity),
  },
  strict,
);

export const ExperimentSchema = Type.Object(
  {
    kind: Type.Literal('experiment'),
    ...common,
    created: Type.Optional(IsoDate),
    expires: Type.Optional(IsoDate),
    rollout: Type.Optional(
      Type.Union([
        Type.Literal('planned'),
        Type.Literal('running'),
        Type.Literal('full'),
        Type.Literal('abandoned'),
        Type.Literal('ended'),
      ]),
    ),
    percent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    affects: Type.Optional(Type.Array(Text)),
    flag: Type.Optional(Text),
  },
  strict,
);

const FeatureList = Type.Array(RefSchema);
const IdList = Type.Array(Text);

/** A model config: what a model is trained with, as a small change from the config it extends. */
export const ConfigSchema = Type.Object(
  {
    kind: Type.Literal('config'),
    ...common,
    extends: Type.Optional(Type.String({ minLength: 1, description: 'The id of the config this one changes.' })),
    model: Type.Optional(Type.String({ minLength: 1, description: 'The model this config trains or serves.' })),
    purpose: Type.Optional(Type.Union([Type.Literal('training'), Type.Literal('serving')])),
    features: Type.Optional(FeatureList),
    'features+': Type.Optional(FeatureList),
    'features-': Type.Optional(IdList),
    training: Type.Optional(
      Type.Object(
        {
          data: Type.Optional(FeatureList),
          'data+': Type.Optional(FeatureList),
          'data-': Type.Optional(IdList),
          window: Type.Optional(Interval),
        },
        strict,
      ),
    ),
    learner: Type.Optional(
      Type.Object(
        {
          type: Type.Optional(Text),
          settings: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          'settings-': Type.Optional(IdList),
        },
        strict,
      ),
    ),
    threshold: Type.Optional(
      Type.Object(
        {
          value: Type.Optional(Type.Number()),
          setBy: Type.Optional(Type.Union([Type.Literal('hand'), Type.Literal('learned')])),
          objective: Type.Optional(Text),
        },
        strict,
      ),
    ),
    resources: Type.Optional(
      Type.Object(
        {
          memoryMb: Type.Optional(Type.Number({ minimum: 0 })),
          cpus: Type.Optional(Type.Number({ minimum: 0 })),
          gpus: Type.Optional(Type.Integer({ minimum: 0 })),
        },
        strict,
      ),
    ),
    assert: Type.Optional(
      Type.Object(
        {
          features: Type.Optional(Type.Object({ min: Type.Optional(Type.Integer({ minimum: 0 })), max: Type.Optional(Type.Integer({ minimum: 0 })) }, strict)),
          dependsOn: Type.Optional(
            Type.Object(
              {
                include: Type.Optional(IdList),
                exclude: Type.Optional(IdList),
              },
              { ...strict, description: 'Ids the transitive closure of the data dependencies must (not) contain.' },
            ),
          ),
          sources: Type.Optional(Type.Object({ max: Type.Optional(Type.Integer({ minimum: 0 })) }, strict)),
        },
        { ...strict, description: 'Facts about this config checked on every run.' },
      ),
    ),
  },
  strict,
);

/** Every kind of manifest document, keyed by its `kind` value. */
export const manifestSchemas = {
  source: SourceSchema,
  feature: FeatureSchema,
  model: ModelSchema,
  output: OutputSchema,
  consumer: ConsumerSchema,
  pipeline: PipelineSchema,
  experiment: ExperimentSchema,
  config: ConfigSchema,
} as const satisfies Record<string, TSchema>;

export type ManifestKind = keyof typeof manifestSchemas;
export const manifestKinds = Object.keys(manifestSchemas) as ManifestKind[];

export type SourceDoc = Static<typeof SourceSchema>;
export type FeatureDoc = Static<typeof FeatureSchema>;
export type ModelDoc = Static<typeof ModelSchema>;
export type OutputDoc = Static<typeof OutputSchema>;
export type ConsumerDoc = Static<typeof ConsumerSchema>;
export type PipelineDoc = Static<typeof PipelineSchema>;
export type ExperimentDoc = Static<typeof ExperimentSchema>;
export type ConfigDoc = Static<typeof ConfigSchema>;
export type RefValue = Static<typeof RefSchema>;

/** The JSON Schema of one manifest document, published as `schema/paydown.schema.json`. */
export function manifestJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://paydown.dev/schema/manifest.json',
    title: 'paydown manifest document',
    description: 'One document of a paydown system: a source, feature, model, output, consumer, pipeline, experiment or model config.',
    oneOf: manifestKinds.map((kind) => manifestSchemas[kind]),
  };
}
