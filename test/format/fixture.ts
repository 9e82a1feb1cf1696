import { check, type CheckResult } from '../../src/check/check.js';
import { parseManifests } from '../../src/manifest/load-system.js';
import { rule as danglingReference } from '../../src/rules/dangling-reference.js';
import { rule as fixedThreshold } from '../../src/rules/fixed-threshold.js';
import { rule as missingAnnotation } from '../../src/rules/missing-annotation.js';

/** Manifests with an error (a dangling input), warnings (a hand-set threshold, a missing description) and suppressed findings. */
export const sampleManifests = [
  {
    file: 'sys/data.yaml',
    text: [
      'kind: source',
      'id: clicks',
      'owner: data',
      'description: raw clicks',
      '---',
      'kind: feature',
      'id: ctr_7d',
      'owner: ml',
      'inputs:',
      '  - clicks',
      '  - clikcs_v2',
      '',
    ].join('\n'),
  },
  {
    file: 'sys/models.yaml',
    text: [
      'kind: model',
      'id: ctr',
      'owner: ml',
      'description: the ctr model',
      'inputs: [ctr_7d]',
      'threshold:',
      '  value: 0.5',
      '  setBy: hand',
      '---',
      'kind: output',
      'id: score',
      'model: ctr',
      'suppress:',
      '  - rule: missing-annotation',
      '    reason: owned by the ctr model team',
      '',
    ].join('\n'),
  },
];

/** Checks the sample with a fixed set of rules and date, so results do not depend on rules added later. */
export function sampleResult(manifests = sampleManifests): CheckResult {
  const system = parseManifests('sys', manifests);
  return check(system, { rules: [danglingReference, fixedThreshold, missingAnnotation], today: '2025-01-15' });
}
