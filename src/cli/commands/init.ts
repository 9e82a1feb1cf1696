import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { PROJECT_CONFIG_FILE } from '../../check/project-config.js';
import { PaydownError } from '../../errors.js';
import { publishedUrl } from '../../format/sarif.js';
import { writeFileAtomic } from '../../util/write-file-atomic.js';
import type { ExitCode } from '../main.js';
import { schemaFiles } from './schema.js';

interface InitFlags {
  force?: boolean;
}

/** One file of the starting system: its name inside the directory and its text. */
export interface StarterFile {
  readonly name: string;
  readonly text: string;
}

/**
 * The files `paydown init` writes: a source, a feature, a model with an output and a declared
 * consumer, and a project config, each pointing editors at the published JSON Schema.
 * `paydown check` reports no findings on them.
 *
 * @example
 * for (const file of starterFiles()) console.log(file.name);
 */
export function starterFiles(): StarterFile[] {
  const manifest = `# yaml-language-server: $schema=${publishedUrl(schemaFiles.manifest)}\n`;
  const config = `# yaml-language-server: $schema=${publishedUrl(schemaFiles.config)}\n`;
  return [
    {
      name: PROJECT_CONFIG_FILE,
      text: `${config}# paydown project config: which rules run and how strictly.
# List the rules with \`paydown rules\`; set one with e.g.  rules: { deep-dependency-chain: [warn, { maxDepth: 4 }] }
preset: recommended
`,
    },
    {
      name: 'sources.yaml',
      text: `${manifest}# Raw data the system reads. One YAML document per object; separate documents with ---.
kind: source
id: click_log
owner: ads-data
description: Every ad impression and whether it was clicked, one row per impression.
type: log
versioned: true
freshness:
  maxAge: 1h
dataTests:
  schema: schemas/click_log.avsc
`,
    },
    {
      name: 'features.yaml',
      text: `${manifest}kind: feature
id: ctr_7d
owner: ads-ml
description: Click-through rate of the advertiser over the last seven days.
inputs:
  - click_log
valueType: numeric
semanticType: click-through-rate
unit: ratio
dataTests:
  checks:
    - ctr_7d between 0 and 1
`,
    },
    {
      name: 'models.yaml',
      text: `${manifest}kind: model
id: ctr_model
owner: ads-ml
description: Predicts the probability that an impression is clicked.
task: ctr
stage: production
inputs:
  - ctr_7d
training:
  data:
    - click_log
  window:
    from: 2024-01-01
    to: 2024-06-30
monitors:
  - type: prediction-bias
    window: 1d
    tolerance: 0.05
---
kind: output
id: ctr_score
owner: ads-ml
description: The predicted click probability served to the ad ranker.
model: ctr_model
access: restricted
semanticType: probability
unit: ratio
`,
    },
    {
      name: 'consumers.yaml',
      text: `${manifest}# Who reads model outputs. Declare every reader so changes reach them.
kind: consumer
id: ad_ranker
owner: ads-serving
description: Ranks candidate ads by expected revenue.
contact: ads-serving@example.com
reads:
  - ctr_score
sla:
  latencyMs: 20
`,
    },
  ];
}

export function registerInit(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('init')
    .description('write a small starting system (YAML manifests and a paydown.config.yaml) to edit')
    .argument('[dir]', 'folder to write the system into (created if missing)', '.')
    .option('--force', 'overwrite files that already exist')
    .addHelpText(
      'after',
      `
Examples:
  $ paydown init systems/ads
  $ paydown check systems/ads`,
    )
    .action(async (dir: string, flags: InitFlags) => {
      done(await runInit(dir, flags));
    });
}

async function runInit(dir: string, flags: InitFlags): Promise<ExitCode> {
  const files = starterFiles().map((file) => ({ ...file, target: path.join(dir, file.name) }));
  await assertNotAFile(dir);
  if (!flags.force) {
    const existing: string[] = [];
    for (const file of files) if (await exists(file.target)) existing.push(file.target);
    if (existing.length > 0) {
      throw new PaydownError(
        'PAYDOWN_USAGE',
        `refusing to overwrite ${existing.length === 1 ? 'an existing file' : `${existing.length} existing files`}; nothing was written (use --force to overwrite)`,
        existing.map((file) => ({ message: 'already exists', location: { file } })),
      );
    }
  }
  await mkdir(dir, { recursive: true });
  for (const file of files) await writeFileAtomic(file.target, file.text);
  const lines = [`wrote a starting system to ${dir}:`, ...files.map((file) => `  ${file.target}`), '', 'next:', `  paydown check ${quote(dir)}`];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function assertNotAFile(dir: string): Promise<void> {
  try {
    const info = await stat(dir);
    if (info.isDirectory()) return;
  } catch {
    return;
  }
  throw new PaydownError('PAYDOWN_USAGE', `not a directory: ${dir}`, [{ message: 'expected a folder to write the starting system into', location: { file: dir } }]);
}

function quote(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
