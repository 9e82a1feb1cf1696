import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repo } from '../../support/run-paydown.js';

/** The linear model of the small test system: score = logistic(-1 + 2·x + colour weight). */
export const tinyModel = {
  format: 'paydown.model/v1',
  kind: 'linear',
  task: 'binary',
  link: 'logistic',
  features: ['x', 'colour'],
  intercept: -1,
  weights: { x: 2 },
  categorical: { colour: { red: 0.5, blue: -0.5 } },
} as const;

/** The score the tiny model gives, from its formula. */
export function tinyScore(x: number, colour: 'red' | 'blue' | undefined, intercept = -1): number {
  const z = intercept + 2 * x + (colour === 'red' ? 0.5 : colour === 'blue' ? -0.5 : 0);
  return 1 / (1 + Math.exp(-z));
}

export interface TinyOptions {
  /** The `serving:` section of model `m` as YAML lines (indented under serving:). */
  readonly serving?: string;
  readonly rate?: number;
  /** A v2 backend URL serving version 3. */
  readonly backend?: string;
}

/**
 * A small system in a temporary folder: source s, feature x and colour, model m (versions 1, 2
 * in-process, 2 with intercept +1), output m_score read by consumer reader (rate-limited) and by
 * nobody else; consumer stranger reads nothing of m.
 */
export function tinySystem(options: TinyOptions = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'paydown-serve-sys-'));
  mkdirSync(path.join(dir, 'models'));
  writeFileSync(path.join(dir, 'models', 'm1.json'), JSON.stringify(tinyModel));
  writeFileSync(path.join(dir, 'models', 'm2.json'), JSON.stringify({ ...tinyModel, intercept: 0 }));
  const serving =
    options.serving ??
    `  version: 1
  versions:
    "1": { file: models/m1.json }
    "2": { file: models/m2.json }${options.backend === undefined ? '' : `\n    "3": { backend: "${options.backend}", name: remote_m }`}
  fallback: 2
  shadow: 2
  safeDefault: { score: 0.25 }
  action: flag`;
  writeFileSync(
    path.join(dir, 'system.yaml'),
    `kind: source
id: s
owner: data
description: Raw events.
dataset: { namespace: warehouse, name: s }
---
kind: feature
id: x
owner: data
description: A number.
inputs: [s]
valueType: numeric
---
kind: feature
id: colour
owner: data
description: A colour.
inputs: [s]
valueType: categorical
---
kind: model
id: m
owner: ml
description: The model under test.
version: 1
inputs: [x, colour]
threshold: { value: 0.5, setBy: hand }
actions:
  - { name: flag, limit: { max: 1000, per: 1h } }
serving:
${serving}
---
kind: output
id: m_score
model: m
owner: ml
description: The score.
access: restricted
dataset: { namespace: scores, name: m_score }
---
kind: consumer
id: reader
owner: app
description: Reads the score.
reads: [m_score]
sla: { latencyMs: 1000, ratePerSecond: ${options.rate ?? 1000} }
---
kind: consumer
id: stranger
owner: other
description: Reads nothing of m.
reads: [s]
`,
  );
  return dir;
}

/** A copy of the bundled example in a temporary folder (so a server may write under it). */
export function exampleCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'paydown-serve-example-'));
  cpSync(path.join(repo, 'examples', 'ad-click'), dir, { recursive: true, filter: (source) => !source.includes(`${path.sep}.paydown`) });
  return dir;
}

/** A v2 inference body with one tensor per named input. */
export function v2Body(columns: Record<string, readonly (number | string | null)[]>): string {
  return JSON.stringify({
    inputs: Object.entries(columns).map(([name, data]) => ({ name, shape: [data.length], datatype: typeof data.find((v) => v !== null) === 'string' ? 'BYTES' : 'FP64', data })),
  });
}
