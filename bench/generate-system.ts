import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The shape of a generated system: how many of each kind, and how many references. */
export interface GeneratedSystem {
  readonly directory: string;
  readonly files: number;
  readonly sources: number;
  readonly features: number;
  readonly models: number;
  readonly outputs: number;
  readonly consumers: number;
  readonly pipelines: number;
  readonly experiments: number;
  /** References written in the manifests (each becomes one graph edge). */
  readonly references: number;
}

export interface GenerateOptions {
  /** Documents per YAML file. */
  readonly documentsPerFile?: number;
  readonly seed?: number;
  /** Called after each file is written. */
  readonly onProgress?: (written: number, total: number) => void;
}

const TEAMS = ['ads-ranking', 'search-quality', 'trust-safety', 'growth', 'pricing', 'recs', 'ml-platform', 'data-eng'];
const SOURCE_TYPES = ['log', 'table', 'stream', 'lookup', 'file'];
const VALUE_TYPES = ['numeric', 'categorical', 'string', 'boolean', 'embedding'];
const TASKS = ['ctr', 'spam', 'churn', 'ranking', 'fraud', 'eta', 'pricing'];
const STAGES = ['experimental', 'staging', 'production', 'production', 'production'];

/**
 * A small seeded PRNG (mulberry32), so the same seed writes byte-identical systems.
 *
 * @example
 * const random = seeded(42); random(); // 0.6011037519201636
 */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad(value: number, width = 6): string {
  return String(value).padStart(width, '0');
}

/**
 * Writes a realistic synthetic system, scaled by its feature count: per 100,000 features about
 * 1,000 sources, 5,000 models (60 inputs each), 5,000 outputs, 20,000 consumers and 500,000
 * references in all, spread over several YAML files of many documents each. Mostly annotated,
 * with a sprinkling of debt (deprecated features, hand-set thresholds, missing owners, open
 * outputs, a few dangling references and feedback loops) so rules have something to find.
 *
 * @example
 * await generateSystem('/tmp/sys', 10_000, { onProgress: (done, total) => console.log(done, total) });
 */
export async function generateSystem(directory: string, featureCount: number, options: GenerateOptions = {}): Promise<GeneratedSystem> {
  const random = seeded(options.seed ?? 20260101);
  const perFile = options.documentsPerFile ?? 1000;
  const int = (below: number): number => Math.floor(random() * below);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  const chance = (probability: number): boolean => random() < probability;

  const sourceCount = Math.max(10, Math.round(featureCount / 100));
  const modelCount = Math.max(5, Math.round(featureCount / 20));
  const consumerCount = Math.max(10, Math.round(featureCount / 5));
  const pipelineCount = Math.max(2, Math.round(featureCount / 5000));
  const experimentCount = Math.max(2, Math.round(featureCount / 5000));
  let references = 0;

  const sourceId = (index: number): string => `src_${pad(index)}`;
  const featureId = (index: number): string => `feat_${pad(index)}`;
  const modelId = (index: number): string => `model_${pad(index)}`;
  const outputId = (index: number): string => `out_${pad(index)}`;
  const pipelineId = (index: number): string => `pipe_${pad(index)}`;

  const annotations = (description: string): string => {
    let text = '';
    if (!chance(0.004)) text += `owner: ${pick(TEAMS)}\n`;
    if (!chance(0.006)) text += `description: ${description}\n`;
    return text;
  };
  const tested = (name: string): string => (chance(0.97) ? `dataTests:\n  schema: schemas/${name}.json\n  checks: [not_null, in_range]\n` : '');

  const feedbackSources = Math.max(1, Math.round(featureCount / 50_000));
  const sources: string[] = [];
  for (let index = 0; index < sourceCount; index++) {
    let doc = `kind: source\nid: ${sourceId(index)}\n${annotations(`Raw events of stream ${index}`)}type: ${pick(SOURCE_TYPES)}\n`;
    doc += `location: s3://lake/raw/${sourceId(index)}/\nfreshness:\n  maxAge: ${1 + int(24)}h\n`;
    doc += `versioned: ${chance(0.98) ? 'true' : 'false'}\nversion: ${1 + int(9)}\n`;
    doc += `dataset:\n  namespace: s3://lake\n  name: raw/${sourceId(index)}\n`;
    if (index < pipelineCount) {
      doc += `producer:\n  team: data-eng\n  job: ${pipelineId(index)}\n`;
      references++;
    }
    if (index >= sourceCount - feedbackSources) {
      doc += `logs: [${modelId(index % modelCount)}]\n`;
      references++;
    }
    doc += tested(sourceId(index));
    sources.push(doc);
  }

  // Features come in layers: 60% read sources, 30% read layer-0 features, 10% read layer-1
  // features; a few form deeper chains, so a model is usually 4 hops from its data.
  const layerOf = (index: number): number => (index < featureCount * 0.6 ? 0 : index < featureCount * 0.9 ? 1 : 2);
  const layerStart = [0, Math.floor(featureCount * 0.6), Math.floor(featureCount * 0.9)];
  const features: string[] = [];
  for (let index = 0; index < featureCount; index++) {
    const layer = layerOf(index);
    let doc = `kind: feature\nid: ${featureId(index)}\n${annotations(`Derived signal number ${index}`)}`;
    const valueType = pick(VALUE_TYPES);
    doc += `valueType: ${valueType}\nversion: ${1 + int(4)}\n`;
    if (valueType === 'numeric' && chance(0.95)) doc += `semanticType: ${pick(['count', 'ratio', 'duration', 'money'])}\n`;
    const inputs: string[] = [];
    const inputCount = 1 + (chance(0.45) ? 1 : 0);
    for (let input = 0; input < inputCount; input++) {
      if (layer === 0) inputs.push(sourceId(int(sourceCount - feedbackSources)));
      else if (chance(0.002) && index > layerStart[2] + 10) inputs.push(featureId(index - 1 - int(10)));
      else inputs.push(featureId(layerStart[layer - 1] + int(layerStart[layer] - layerStart[layer - 1])));
    }
    if (chance(0.00005)) inputs.push(`feat_missing_${index}`);
    references += inputs.length;
    doc += chance(0.5) ? `inputs: [${inputs.join(', ')}]\n` : `inputs:\n${inputs.map((input) => `  - ${input}\n`).join('')}`;
    if (layer === 2 && chance(0.003)) {
      doc += `lifecycle:\n  stage: deprecated\n  replacement: ${featureId(index - 1 - int(100))}\n  removal: 2026-0${1 + int(9)}-15\n`;
      references++;
    } else if (chance(0.03)) {
      doc += 'lifecycle:\n  stage: experimental\n';
    }
    if (chance(0.001)) doc += 'availability:\n  serving: false\n';
    if (chance(0.1)) doc += `cost:\n  memoryMb: ${int(512)}\n  latencyMs: ${int(40)}\n`;
    if (chance(0.02)) doc += `tags: [pii, ${pick(TEAMS)}]\n`;
    doc += tested(featureId(index));
    features.push(doc);
  }

  // Model m reads 60 of the 80 features in a window starting at 20m: every feature is read by
  // about three models, and a few by none.
  const models: string[] = [];
  const outputs: string[] = [];
  const windowStep = Math.max(1, Math.floor(featureCount / modelCount));
  for (let index = 0; index < modelCount; index++) {
    const task = pick(TASKS);
    let doc = `kind: model\nid: ${modelId(index)}\n${annotations(`Predicts ${task} for surface ${index}`)}`;
    const stage = pick(STAGES);
    doc += `task: ${task}-${index}\nversion: ${1 + int(20)}\nstage: ${stage}\ninputs:\n`;
    const window: number[] = [];
    for (let offset = 0; offset < 80; offset++) window.push((index * windowStep + offset) % featureCount);
    for (let drop = 0; drop < 20; drop++) window.splice(int(window.length), 1);
    for (const feature of window) doc += chance(0.01) ? `  - ${featureId(feature)}@2\n` : `  - ${featureId(feature)}\n`;
    references += window.length;
    const trainingSource = index < feedbackSources ? sourceCount - feedbackSources + index : int(sourceCount - feedbackSources);
    doc += `training:\n  data: [${sourceId(trainingSource)}]\n  window: { from: 2025-01-01, to: 2025-06-30 }\n`;
    references++;
    const roll = random();
    if (roll < 0.05) doc += `threshold:\n  value: 0.${5 + int(4)}\n  setBy: hand\n`;
    else if (roll < 0.5) doc += `threshold:\n  value: 0.${5 + int(4)}\n  setBy: learned\n  objective: precision>=0.9\n  learnedOn: validation_${index}\n`;
    if (chance(0.97)) doc += 'monitors:\n  - type: prediction-bias\n    window: 1d\n    tolerance: 0.05\n';
    if (index > 0 && chance(0.002)) {
      doc += `corrects: ${modelId(int(index))}\n`;
      references++;
    }
    if (chance(0.01)) doc += `suppress:\n  - rule: fixed-threshold\n    reason: threshold reviewed by the risk team every quarter\n`;
    doc += `job:\n  namespace: airflow\n  name: train_${modelId(index)}\n`;
    models.push(doc);
    let output = `kind: output\nid: ${outputId(index)}\n${annotations(`Scores of ${modelId(index)}`)}model: ${modelId(index)}\n`;
    output += `access: ${chance(0.98) ? 'restricted' : 'open'}\nsemanticType: probability\n`;
    output += `dataset:\n  namespace: s3://lake\n  name: scores/${outputId(index)}\n`;
    references++;
    outputs.push(output);
  }

  const consumers: string[] = [];
  for (let index = 0; index < consumerCount; index++) {
    let doc = `kind: consumer\nid: svc_${pad(index)}\n${annotations(`Service ${index}`)}`;
    if (chance(0.98)) doc += `contact: oncall-${index % 50}@example.com\n`;
    doc += 'reads:\n';
    const readCount = 1 + int(3);
    for (let read = 0; read < readCount; read++) {
      const target = outputId(int(modelCount));
      doc += chance(0.2) ? `  - { id: ${target}, mode: online }\n` : `  - ${target}\n`;
    }
    references += readCount;
    if (chance(0.98)) doc += `sla:\n  latencyMs: ${10 + int(90)}\n  availability: 0.999\n`;
    consumers.push(doc);
  }

  const pipelines: string[] = [];
  for (let index = 0; index < pipelineCount; index++) {
    const reads = [sourceId(int(sourceCount - feedbackSources))];
    const writes = [sourceId(index)];
    references += reads.length + writes.length;
    pipelines.push(
      `kind: pipeline\nid: ${pipelineId(index)}\n${annotations(`ETL job ${index}`)}reads: [${reads.join(', ')}]\nwrites: [${writes.join(', ')}]\nschedule: "0 ${index % 24} * * *"\n` +
        `job:\n  namespace: airflow\n  name: ${pipelineId(index)}\n`,
    );
  }

  const experiments: string[] = [];
  for (let index = 0; index < experimentCount; index++) {
    const affects = [modelId(int(modelCount)), featureId(int(featureCount))];
    references += affects.length;
    const expires = index % 4 === 0 ? '2026-01-01' : '2026-12-01';
    experiments.push(
      `kind: experiment\nid: exp_${pad(index)}\n${annotations(`A/B test ${index}`)}created: 2025-0${1 + (index % 9)}-01\nexpires: ${expires}\n` +
        `rollout: running\npercent: ${10 + (index % 50)}\naffects: [${affects.join(', ')}]\nflag: exp_flag_${index}\n`,
    );
  }

  const groups: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['sources', sources],
    ['features', features],
    ['models', models],
    ['outputs', outputs],
    ['consumers', consumers],
    ['pipelines', pipelines],
    ['experiments', experiments],
  ];
  const chunks: Array<{ file: string; text: string }> = [];
  for (const [name, docs] of groups) {
    for (let start = 0, part = 0; start < docs.length; start += perFile, part++) {
      const header = `# ${name} ${start}-${Math.min(docs.length, start + perFile) - 1} (generated by bench/generate-system.ts)\n`;
      chunks.push({ file: path.join(name, `${name}-${pad(part, 4)}.yaml`), text: header + docs.slice(start, start + perFile).join('---\n') });
    }
  }
  await rm(directory, { recursive: true, force: true });
  for (const [name] of groups) await mkdir(path.join(directory, name), { recursive: true });
  await writeFile(path.join(directory, 'paydown.config.yaml'), 'preset: recommended\ntoday: 2026-03-01\n');
  let written = 0;
  for (const chunk of chunks) {
    await writeFile(path.join(directory, chunk.file), chunk.text);
    written++;
    options.onProgress?.(written, chunks.length);
  }
  return {
    directory,
    files: chunks.length,
    sources: sourceCount,
    features: featureCount,
    models: modelCount,
    outputs: modelCount,
    consumers: consumerCount,
    pipelines: pipelineCount,
    experiments: experimentCount,
    references,
  };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href;
if (invokedDirectly) {
  const [directory, count] = process.argv.slice(2);
  if (directory === undefined) {
    process.stderr.write('usage: node dist/bench/generate-system.js <directory> [features=100000]\n');
    process.exitCode = 2;
  } else {
    const shape = await generateSystem(directory, Number(count ?? 100_000), {
      onProgress: (done, total) => process.stderr.write(`\rwriting ${done}/${total} files`),
    });
    process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify(shape, null, 2)}\n`);
  }
}
