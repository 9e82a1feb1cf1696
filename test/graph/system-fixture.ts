import { emptyEvidence } from '../../src/evidence/load-evidence.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { DependencyGraph } from '../../src/graph/graph.js';
import { parseManifests, type LoadedSystem } from '../../src/manifest/load-system.js';

/** A small ad-click system: two sources, three features, a model, its output, consumers, a pipeline. */
export const adClickManifest = `kind: source
id: click_log
owner: data-eng
description: raw click events
---
kind: source
id: user_table
owner: data-eng
description: user profiles
---
kind: feature
id: ctr_7d
owner: features
description: click-through rate over 7 days
inputs: [click_log]
---
kind: feature
id: user_age
owner: features
description: age bucket
inputs: [user_table]
---
kind: feature
id: ctr_smoothed
description: smoothed ctr
inputs: [ctr_7d]
---
kind: model
id: ctr_model
owner: ads-ranking
description: predicts clicks
inputs: [ctr_smoothed, user_age@2]
training:
  data: [click_log]
threshold:
  value: 0.7
  setBy: hand
---
kind: output
id: ctr_score
owner: ads-ranking
description: the predicted ctr
model: ctr_model
---
kind: consumer
id: bidder
owner: bidding
description: bids on ads
reads: [ctr_score]
---
kind: consumer
id: ctr_dashboard
owner: analytics
description: shows ctr
reads: [ctr_7d, ctr_30d]
---
kind: pipeline
id: report_job
owner: analytics
description: weekly report
reads: [ctr_score]
`;

/** The ad-click system, parsed from memory. */
export function adClickSystem(): LoadedSystem {
  return parseManifests('ad-click', [{ file: 'ad-click/system.yaml', text: adClickManifest }]);
}

/** The graph of the ad-click system, without evidence. */
export function adClickGraph(): DependencyGraph {
  return buildGraph(adClickSystem(), emptyEvidence);
}
