import { parseManifests, type LoadedSystem, type ManifestText } from '../../src/manifest/load-system.js';

/** Sources, features and a model, each source with its own owner. */
export const dataManifest = `kind: source
id: click_log
owner: data-eng
---
kind: source
id: user_table
owner: identity-team
---
kind: source
id: geo_db
owner: geo-team
---
kind: feature
id: ctr_7d
owner: features
inputs: [click_log]
---
kind: feature
id: user_age
owner: features
inputs: [user_table]
---
kind: feature
id: geo_region
owner: geo-team
inputs: [geo_db]
---
kind: model
id: ctr_model
owner: ads-ranking
inputs: [ctr_7d]
`;

/** The root config. */
export const baseManifest = `kind: config
id: ctr-base
model: ctr_model
purpose: training
features: [ctr_7d@1, user_age]
training:
  data: [click_log]
learner:
  type: gbdt
  settings:
    maxDepth: 6
    learningRate: 0.1
`;

/** A child: re-versions ctr_7d, adds geo_region, drops user_age, deepens the trees. */
export const v8Manifest = `kind: config
id: ctr-v8
extends: ctr-base
features+: [ctr_7d@2, geo_region]
features-: [user_age]
learner:
  settings:
    maxDepth: 8
`;

/** A grandchild of ctr-base. */
export const v9Manifest = `kind: config
id: ctr-v9
extends: ctr-v8
learner:
  settings:
    learningRate: 0.05
`;

/** A config that extends nothing above. */
export const otherManifest = `kind: config
id: other-base
model: ctr_model
features: [ctr_7d]
`;

/** The manifest files of the fixture system, relative to its root. */
export const fixtureFiles: Readonly<Record<string, string>> = {
  'data.yaml': dataManifest,
  'configs/base.yaml': baseManifest,
  'configs/v8.yaml': v8Manifest,
  'configs/v9.yaml': v9Manifest,
  'configs/other.yaml': otherManifest,
};

/** The fixture system parsed in memory (files named under `root`). */
export function configSystem(root = 'sys', overrides: Readonly<Record<string, string>> = {}): LoadedSystem {
  const entries: ManifestText[] = Object.entries({ ...fixtureFiles, ...overrides }).map(([file, text]) => ({ file: `${root}/${file}`, text }));
  return parseManifests(root, entries);
}
