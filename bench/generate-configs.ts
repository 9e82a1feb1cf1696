import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seeded } from './generate-system.js';

/** The shape of the generated configs. */
export interface GeneratedConfigs {
  readonly directory: string;
  readonly files: number;
  readonly configs: number;
  readonly roots: number;
  readonly depth: number;
  /** The deepest config of each chain, in chain order. */
  readonly leaves: readonly string[];
  /** Features chosen by the leaves, on average. */
  readonly meanLeafFeatures: number;
}

export interface GenerateConfigsOptions {
  /** Chains, each starting at one root config. */
  readonly roots?: number;
  /** Configs per chain, the root included. */
  readonly depth?: number;
  readonly seed?: number;
}

const LEARNER_SETTINGS = ['learningRate', 'maxIterations', 'maxDepth', 'maxLeafNodes', 'minSamplesLeaf', 'l2Regularization', 'maxBins'] as const;
const TEAMS = ['ads-ranking', 'search-quality', 'trust-safety', 'growth', 'pricing', 'recs'];

function pad(value: number, width = 6): string {
  return String(value).padStart(width, '0');
}

/** The id of the config at `step` (0 is the root) of chain `chain`. */
export function configId(chain: number, step: number): string {
  return `cfg_${pad(chain, 4)}_${pad(step, 2)}`;
}

/**
 * Writes model configs into `<directory>/configs/` of a system written by `generateSystem` with
 * the same feature count: `roots` chains of `depth` configs each (a root choosing about 60
 * features, then each config extending the one before, adding and removing a few features,
 * re-versioning one now and then and changing a few learner settings). Seeded, so the same
 * arguments write byte-identical files.
 *
 * @example
 * await generateSystem('/tmp/sys', 100_000);
 * const { leaves } = await generateConfigs('/tmp/sys', 100_000); // 1,000 configs, 100 chains of 10
 */
export async function generateConfigs(directory: string, featureCount: number, options: GenerateConfigsOptions = {}): Promise<GeneratedConfigs> {
  const random = seeded(options.seed ?? 20260202);
  const roots = options.roots ?? 100;
  const depth = options.depth ?? 10;
  const int = (below: number): number => Math.floor(random() * below);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  const modelCount = Math.max(5, Math.round(featureCount / 20));
  const sourceCount = Math.max(10, Math.round(featureCount / 100));
  const feedbackSources = Math.max(1, Math.round(featureCount / 50_000));
  const featureId = (index: number): string => `feat_${pad(index)}`;
  const sourceId = (index: number): string => `src_${pad(index)}`;
  const stride = Math.max(1, Math.floor(featureCount / roots));

  const files: string[] = [];
  const leaves: string[] = [];
  let leafFeatures = 0;
  for (let chain = 0; chain < roots; chain++) {
    const chosen = new Set<number>();
    const settings = new Map<string, number>();
    const pool = (): number => (chain * stride + int(200)) % featureCount;
    const docs: string[] = [];
    for (let step = 0; step < depth; step++) {
      let doc = `kind: config\nid: ${configId(chain, step)}\n`;
      if (step === 0) {
        doc += `owner: ${pick(TEAMS)}\ndescription: Training config of chain ${chain}\nmodel: model_${pad((chain * 37) % modelCount)}\npurpose: training\nfeatures:\n`;
        while (chosen.size < 60) chosen.add(pool());
        for (const feature of chosen) doc += `  - ${featureId(feature)}\n`;
        doc += `training:\n  data: [${sourceId(int(sourceCount - feedbackSources))}]\n  window: { from: 2025-01-01, to: 2025-06-30 }\n`;
        settings.set('learningRate', 0.1).set('maxIterations', 200).set('maxDepth', 6).set('minSamplesLeaf', 20);
        doc += `learner:\n  type: gbdt\n  settings:\n${[...settings].map(([name, value]) => `    ${name}: ${value}\n`).join('')}`;
        doc += 'threshold: { value: 0.5, setBy: learned, objective: precision>=0.9 }\nresources: { memoryMb: 4096, cpus: 4 }\n';
        doc += 'assert:\n  features: { min: 20, max: 200 }\n';
      } else {
        doc += `extends: ${configId(chain, step - 1)}\ndescription: Step ${step} of chain ${chain}\n`;
        const inherited = [...chosen];
        const removed = new Set<number>();
        const removeCount = 1 + int(3);
        while (removed.size < removeCount) removed.add(inherited[int(inherited.length)]);
        const added: string[] = [];
        const addCount = 1 + int(4);
        while (added.length < addCount) {
          const feature = pool();
          if (chosen.has(feature) || removed.has(feature)) continue;
          chosen.add(feature);
          added.push(featureId(feature));
        }
        const kept = inherited.filter((feature) => !removed.has(feature));
        if (random() < 0.3) added.push(`${featureId(kept[int(kept.length)])}@${2 + int(3)}`);
        for (const feature of removed) chosen.delete(feature);
        doc += `features+: [${added.join(', ')}]\nfeatures-: [${[...removed].map(featureId).join(', ')}]\n`;
        const changes: string[] = [];
        const changeCount = 2 + int(2);
        while (changes.length < changeCount) {
          const name = pick(LEARNER_SETTINGS);
          if (changes.some((change) => change.startsWith(`${name}:`))) continue;
          const value = name === 'learningRate' || name === 'l2Regularization' ? Number((random() / 5).toFixed(3)) : 2 + int(250);
          settings.set(name, value);
          changes.push(`${name}: ${value}`);
        }
        doc += `learner:\n  settings: { ${changes.join(', ')} }\n`;
        const removable = [...settings.keys()].filter((name) => name !== 'learningRate' && !changes.some((change) => change.startsWith(`${name}:`)));
        if (random() < 0.2 && removable.length > 0) {
          const name = pick(removable);
          settings.delete(name);
          doc += `  settings-: [${name}]\n`;
        }
        if (random() < 0.2) doc += `threshold: { value: 0.${5 + int(4)} }\n`;
        if (step === depth - 1) doc += `training:\n  window: { to: 2025-0${7 + int(3)}-30 }\n`;
      }
      docs.push(doc);
    }
    leaves.push(configId(chain, depth - 1));
    leafFeatures += chosen.size;
    files.push(`# configs of chain ${chain} (generated by bench/generate-configs.ts)\n${docs.join('---\n')}`);
  }

  const folder = path.join(directory, 'configs');
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const perFile = 10;
  let written = 0;
  for (let start = 0; start < files.length; start += perFile, written++) {
    await writeFile(path.join(folder, `configs-${pad(written, 4)}.yaml`), files.slice(start, start + perFile).join('---\n'));
  }
  return { directory, files: written, configs: roots * depth, roots, depth, leaves, meanLeafFeatures: leafFeatures / roots };
}
