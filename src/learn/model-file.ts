import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { PaydownError, type Problem } from '../errors.js';
import { locatePath } from '../manifest/locate-path.js';
import { createValidator } from '../manifest/validate-document.js';
import { MODEL_FILE_FORMAT } from './model-format.js';

export { MODEL_FILE_FORMAT };

/** The error code of a model file that cannot be used. */
const MODEL_INVALID = 'PAYDOWN_FILE_UNREADABLE';

const Task = Type.Union([Type.Literal('binary'), Type.Literal('regression')], { description: 'binary: the score is a probability of the positive class; regression: a number' });
const Link = Type.Union([Type.Literal('logistic'), Type.Literal('identity')], { description: 'how the raw score becomes the prediction: logistic 1/(1+e^-z) or identity' });

const TrainedOn = Type.Object(
  {
    learner: Type.Optional(Type.String()),
    rows: Type.Optional(Type.Integer({ minimum: 0 })),
    target: Type.Optional(Type.String()),
    positiveLabel: Type.Optional(Type.String()),
    settings: Type.Optional(Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean()]))),
  },
  { additionalProperties: false, description: 'where the model came from (informative only)' },
);

/** A linear model on raw feature values: `z = intercept + Σ weight·x + Σ categorical weight`. */
export const LinearModelSchema = Type.Object(
  {
    format: Type.Literal(MODEL_FILE_FORMAT),
    kind: Type.Literal('linear'),
    task: Task,
    link: Link,
    features: Type.Array(Type.String(), { description: 'every input the model reads, in order' }),
    intercept: Type.Number(),
    weights: Type.Record(Type.String(), Type.Number(), { description: 'numeric features: the weight of the raw value' }),
    impute: Type.Optional(Type.Record(Type.String(), Type.Number(), { description: 'numeric features: the value used when the input is missing (absent: the feature adds nothing)' })),
    missingWeights: Type.Optional(Type.Record(Type.String(), Type.Number(), { description: 'numeric features: added when the input is missing' })),
    categorical: Type.Optional(
      Type.Record(Type.String(), Type.Record(Type.String(), Type.Number()), { description: 'categorical features: the weight of each category (one-hot); missing and unknown categories add nothing' }),
    ),
    trainedOn: Type.Optional(TrainedOn),
  },
  { additionalProperties: false },
);
export type LinearModelFile = Static<typeof LinearModelSchema>;

const MissingSide = Type.Union([Type.Literal('left'), Type.Literal('right')], { description: 'where missing (and, for categorical splits, unknown) values go' });
const Child = Type.Integer({ minimum: 1, description: 'index of the child node in this tree; always after its parent' });

/** One node of a tree: a leaf, a numeric split (`x <= threshold` goes left) or a categorical split (the listed categories go left). */
export const TreeNodeSchema = Type.Union([
  Type.Object({ leaf: Type.Number() }, { additionalProperties: false }),
  Type.Object({ feature: Type.String(), threshold: Type.Number(), missing: MissingSide, left: Child, right: Child }, { additionalProperties: false }),
  Type.Object({ feature: Type.String(), categories: Type.Array(Type.String(), { description: 'the categories that go left; others go right' }), missing: MissingSide, left: Child, right: Child }, { additionalProperties: false }),
]);
export type TreeNode = Static<typeof TreeNodeSchema>;

/** Gradient-boosted trees: `z = baseScore + Σ leaf value of each tree`. */
export const GbdtModelSchema = Type.Object(
  {
    format: Type.Literal(MODEL_FILE_FORMAT),
    kind: Type.Literal('gbdt'),
    task: Task,
    link: Link,
    features: Type.Array(Type.String(), { description: 'every input the model reads, in order' }),
    categorical: Type.Optional(Type.Array(Type.String(), { description: 'the features read as categories (text); the others are numbers' })),
    baseScore: Type.Number(),
    trees: Type.Array(Type.Array(TreeNodeSchema, { minItems: 1, description: 'node 0 is the root' })),
    trainedOn: Type.Optional(TrainedOn),
  },
  { additionalProperties: false },
);
export type GbdtModelFile = Static<typeof GbdtModelSchema>;

/** Any `paydown.model/v1` file. */
export const ModelFileSchema = Type.Union([LinearModelSchema, GbdtModelSchema]);
export type ModelFile = Static<typeof ModelFileSchema>;

/** A model ready to score one example at a time (what `paydown serve` runs in-process). */
export interface ServableModel {
  readonly kind: string;
  readonly task: 'binary' | 'regression';
  readonly features: readonly string[];
  /** The features read as categories (text); the others are numbers. */
  readonly categorical: readonly string[];
  /**
   * Scores one example given by feature name. Numeric inputs take numbers (or numeric text);
   * categorical inputs take text. null, undefined and absent inputs are missing values.
   * Throws a PaydownError (PAYDOWN_USAGE) for an input of the wrong type.
   */
  predictOne(inputs: Readonly<Record<string, unknown>>): number;
}

const validators = {
  linear: createValidator(LinearModelSchema),
  gbdt: createValidator(GbdtModelSchema),
};

/**
 * Checks a parsed `paydown.model/v1` document and compiles it for scoring. Problems name the
 * field (with line and column when the file's text is given).
 *
 * @example
 * const model = parseModelFile(JSON.parse(text), 'ctr.model.json', text);
 * model.predictOne({ age: 41, job: 'technician' }); // 0.12
 */
export function parseModelFile(value: unknown, file: string, text?: string): ServableModel {
  const fail = (message: string, path: ReadonlyArray<string | number> = []): never => {
    throw invalid(file, [problem(file, text, message, path)]);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`${file} is not a model file: expected a JSON object`);
  const record = value as Record<string, unknown>;
  if (record.format !== MODEL_FILE_FORMAT) return fail(`${file} is not a model file: 'format' must be '${MODEL_FILE_FORMAT}'`, ['format']);
  const kind = record.kind;
  if (kind !== 'linear' && kind !== 'gbdt') return fail(`${file}: unknown model kind ${JSON.stringify(kind)} (known: linear, gbdt)`, ['kind']);
  const violations = validators[kind](value);
  if (violations.length > 0) {
    throw invalid(
      file,
      violations.map((violation) => problem(file, text, violation.message + (violation.path.length > 0 ? ` (at ${violation.path.join('.')})` : ''), violation.path)),
    );
  }
  return kind === 'linear' ? compileLinear(value as LinearModelFile, fail) : compileGbdt(value as GbdtModelFile, fail);
}

/**
 * Reads and parses a model file from disk.
 *
 * @example
 * const model = readModelFile('models/ctr.model.json');
 */
export function readModelFile(file: string): ServableModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PaydownError('PAYDOWN_FILE_UNREADABLE', `cannot read ${file}`, [], { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PaydownError(MODEL_INVALID, `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`, [{ message: 'not JSON', location: { file } }], { cause: error });
  }
  return parseModelFile(value, file, text);
}

type Fail = (message: string, path?: ReadonlyArray<string | number>) => never;

function compileLinear(model: LinearModelFile, fail: Fail): ServableModel {
  const declared = new Set(model.features);
  const categorical = model.categorical ?? {};
  for (const name of [...Object.keys(model.weights), ...Object.keys(categorical)]) {
    if (!declared.has(name)) fail(`feature '${name}' has weights but is not listed in 'features'`, ['features']);
  }
  for (const name of Object.keys(categorical)) {
    if (Object.hasOwn(model.weights, name)) fail(`feature '${name}' is both numeric (weights) and categorical`, ['categorical', name]);
  }
  for (const name of model.features) {
    if (!Object.hasOwn(model.weights, name) && !Object.hasOwn(categorical, name)) fail(`feature '${name}' has no weight`, ['features']);
  }
  const numeric = Object.entries(model.weights).map(([name, weight]) => ({
    name,
    weight,
    impute: model.impute?.[name],
    missingWeight: model.missingWeights?.[name] ?? 0,
  }));
  const categories = Object.entries(categorical).map(([name, weights]) => ({ name, weights: new Map(Object.entries(weights)) }));
  const link = linkFunction(model.link);
  return {
    kind: 'linear',
    task: model.task,
    features: [...model.features],
    categorical: model.features.filter((name) => Object.hasOwn(categorical, name)),
    predictOne(inputs) {
      let z = model.intercept;
      for (const feature of numeric) {
        const x = numberInput(inputs, feature.name);
        if (Number.isNaN(x)) z += (feature.impute === undefined ? 0 : feature.weight * feature.impute) + feature.missingWeight;
        else z += feature.weight * x;
      }
      for (const feature of categories) {
        const category = categoryInput(inputs, feature.name);
        if (category !== undefined) z += feature.weights.get(category) ?? 0;
      }
      return link(z);
    },
  };
}

interface CompiledTree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly categories: ReadonlyArray<ReadonlySet<string> | undefined>;
}

function compileGbdt(model: GbdtModelFile, fail: Fail): ServableModel {
  const featureIndex = new Map(model.features.map((name, index) => [name, index]));
  const categorical = new Set(model.categorical ?? []);
  for (const name of categorical) if (!featureIndex.has(name)) fail(`categorical feature '${name}' is not listed in 'features'`, ['categorical']);
  const trees = model.trees.map((nodes, t) => compileTree(nodes, t, featureIndex, categorical, fail));
  const isCategorical = model.features.map((name) => categorical.has(name));
  const link = linkFunction(model.link);
  return {
    kind: 'gbdt',
    task: model.task,
    features: [...model.features],
    categorical: model.features.filter((name) => categorical.has(name)),
    predictOne(inputs) {
      const numbers = model.features.map((name, index) => (isCategorical[index] ? Number.NaN : numberInput(inputs, name)));
      const texts = model.features.map((name, index) => (isCategorical[index] ? categoryInput(inputs, name) : undefined));
      let z = model.baseScore;
      for (const tree of trees) {
        let node = 0;
        while (tree.left[node] >= 0) {
          const feature = tree.feature[node];
          const set = tree.categories[node];
          let goLeft: boolean;
          if (set === undefined) {
            const x = numbers[feature];
            goLeft = Number.isNaN(x) ? tree.missingLeft[node] === 1 : x <= tree.threshold[node];
          } else {
            const category = texts[feature];
            goLeft = category === undefined ? tree.missingLeft[node] === 1 : set.has(category);
          }
          node = goLeft ? tree.left[node] : tree.right[node];
        }
        z += tree.value[node];
      }
      return link(z);
    },
  };
}

function compileTree(nodes: readonly TreeNode[], t: number, featureIndex: ReadonlyMap<string, number>, categorical: ReadonlySet<string>, fail: Fail): CompiledTree {
  const n = nodes.length;
  const tree = {
    feature: new Int32Array(n),
    threshold: new Float64Array(n),
    missingLeft: new Uint8Array(n),
    left: new Int32Array(n).fill(-1),
    right: new Int32Array(n).fill(-1),
    value: new Float64Array(n),
    categories: new Array<ReadonlySet<string> | undefined>(n),
  };
  nodes.forEach((node, i) => {
    if ('leaf' in node) {
      tree.value[i] = node.leaf;
      return;
    }
    const feature = featureIndex.get(node.feature);
    if (feature === undefined) fail(`tree ${t} node ${i} splits on '${node.feature}', which is not listed in 'features'`, ['trees', t, i, 'feature']);
    for (const child of [node.left, node.right]) {
      if (child <= i || child >= n) fail(`tree ${t} node ${i}: child ${child} must come after its parent and exist (the tree has ${n} nodes)`, ['trees', t, i]);
    }
    const isCategorySplit = 'categories' in node;
    if (isCategorySplit !== categorical.has(node.feature)) {
      fail(`tree ${t} node ${i}: '${node.feature}' is ${categorical.has(node.feature) ? 'categorical but split on a threshold' : 'numeric but split on categories'}`, ['trees', t, i]);
    }
    tree.feature[i] = feature;
    tree.left[i] = node.left;
    tree.right[i] = node.right;
    tree.missingLeft[i] = node.missing === 'left' ? 1 : 0;
    if ('categories' in node) tree.categories[i] = new Set(node.categories);
    else tree.threshold[i] = node.threshold;
  });
  const reached = new Uint8Array(n);
  reached[0] = 1;
  for (let i = 0; i < n; i++) {
    if (reached[i] === 0) fail(`tree ${t} node ${i} is not reachable from the root`, ['trees', t, i]);
    if (tree.left[i] >= 0) {
      if (reached[tree.left[i]] === 1 || reached[tree.right[i]] === 1 || tree.left[i] === tree.right[i]) fail(`tree ${t} node ${i}: a node has two parents`, ['trees', t, i]);
      reached[tree.left[i]] = 1;
      reached[tree.right[i]] = 1;
    }
  }
  return tree;
}

function linkFunction(link: 'logistic' | 'identity'): (z: number) => number {
  return link === 'logistic' ? (z) => 1 / (1 + Math.exp(-z)) : (z) => z;
}

function numberInput(inputs: Readonly<Record<string, unknown>>, name: string): number {
  const value = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return Number.NaN;
    const parsed = Number(trimmed);
    if (!Number.isNaN(parsed)) return parsed;
  }
  throw new PaydownError('PAYDOWN_USAGE', `input '${name}' must be a number, got ${JSON.stringify(value)}`);
}

function categoryInput(inputs: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new PaydownError('PAYDOWN_USAGE', `input '${name}' must be a category (text), got ${JSON.stringify(value)}`);
}

function problem(file: string, text: string | undefined, message: string, path: ReadonlyArray<string | number>): Problem {
  const where = text === undefined ? undefined : locatePath(text, 0, path);
  return { message, location: { file, ...where } };
}

function invalid(file: string, problems: Problem[]): PaydownError {
  const first = problems[0]?.message ?? 'invalid';
  return new PaydownError(MODEL_INVALID, problems.length === 1 ? `invalid model file ${file}: ${first}` : `invalid model file ${file}: ${problems.length} problems`, problems);
}
