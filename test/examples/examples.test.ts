import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, it } from 'node:test';
import { check } from '../../src/check/check.js';
import { loadEvidence } from '../../src/evidence/load-evidence.js';
import { loadSystem } from '../../src/manifest/load-system.js';
import { allRules } from '../../src/rules/index.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const TODAY = '2026-11-23';

async function checkExample(name: string) {
  const root = path.join(examples, name);
  const system = await loadSystem(root);
  const evidence = await loadEvidence((system.config.evidence ?? []).map((file) => path.join(root, file)));
  return check(system, { evidence, today: TODAY });
}

describe('examples/ad-click', () => {
  it('reports every rule at least once', async () => {
    const result = await checkExample('ad-click');
    const fired = new Set(result.findings.map((finding) => finding.ruleId));
    assert.deepEqual(allRules.map((rule) => rule.meta.id).filter((id) => !fired.has(id)), []);
    assert.equal(result.exitCode, 1);
  });

  it('reports exactly the pinned findings: rule, node, severity, line', async () => {
    const result = await checkExample('ad-click');
    const actual = result.findings.map((finding) => [finding.ruleId, finding.nodeId, finding.severity, finding.location.line]);
    assert.deepEqual(actual, [
      ['config-window-gap', 'ctr-page-language', 'error', 29],
      ['config-window-gap', 'ctr-device', 'error', 38],
      ['config-window-gap', 'ctr-query-tokens', 'error', 47],
      ['config-serving-unavailable', 'ctr-serving', 'error', 55],
      ['config-missing-requirement', 'ctr-advertiser', 'error', 62],
      ['config-excluded-feature', 'ctr-realtime', 'error', 69],
      ['config-assertion', 'ctr-v8', 'error', 71],
      ['config-deprecated-feature', 'ctr-v8', 'error', 77],
      ['config-undeclared-feature', 'ctr-v8', 'error', 77],
      ['config-setting-type', 'ctr-v8', 'error', 79],
      ['config-unknown-setting', 'ctr-v8', 'error', 79],
      ['dangling-reference', 'user_clicks_30d', 'error', 16],
      ['deprecated-dependency', 'ctr_prior', 'error', 128],
      ['deprecated-dependency', 'ctr_jp_prior', 'error', 137],
      ['deprecated-dependency', 'ctr', 'error', 14],
      ['serving-unavailable', 'ctr', 'error', 16],
      ['availability-gap', 'ctr', 'error', 17],
      ['availability-gap', 'ctr', 'error', 18],
      ['undeclared-consumer', 'ctr_score', 'error', 49],
      ['undeclared-consumer', 'ctr_score', 'error', 49],
      ['undeclared-consumer', 'ctr_score', 'error', 49],
      ['deprecated-dependency', 'ctr_jp', 'error', 59],
      ['deprecated-dependency', 'ctr_jp_mobile', 'error', 82],
      ['direct-feedback-loop', 'ranker', 'error', 95],
      ['direct-feedback-loop', 'ranker', 'error', 95],
      ['config-redundant-setting', 'ctr-v8', 'warn', 79],
      ['config-redundant-setting', 'ctr-v8', 'warn', 79],
      ['config-unused-setting', 'ctr-v8', 'warn', 79],
      ['consumer-without-sla', 'billing_dashboard', 'warn', 33],
      ['consumer-without-sla', 'billing_dashboard', 'warn', 33],
      ['unversioned-signal', 'ad_topic', 'warn', 24],
      ['missing-data-tests', 'hour_of_day', 'warn', 80],
      ['unused-signal', 'old_campaign_score', 'warn', 115],
      ['deep-dependency-chain', 'ctr', 'warn', 3],
      ['missing-monitoring', 'ctr', 'warn', 3],
      ['underutilized-feature', 'ctr', 'warn', 14],
      ['underutilized-feature', 'ctr', 'warn', 14],
      ['availability-observed', 'ctr', 'warn', 16],
      ['underutilized-feature', 'ctr', 'warn', 18],
      ['underutilized-feature', 'ctr', 'warn', 19],
      ['underutilized-feature', 'ctr', 'warn', 20],
      ['underutilized-feature', 'ctr', 'warn', 21],
      ['underutilized-feature', 'ctr', 'warn', 22],
      ['unpinned-training-data', 'ctr', 'warn', 24],
      ['unpinned-training-data', 'ctr', 'warn', 24],
      ['deep-dependency-chain', 'ctr_jp', 'warn', 51],
      ['missing-monitoring', 'ctr_jp', 'warn', 51],
      ['correction-cascade', 'ctr_jp', 'warn', 56],
      ['bundled-features', 'ctr_jp', 'warn', 59],
      ['unversioned-signal', 'ctr_jp', 'warn', 59],
      ['deep-dependency-chain', 'ctr_jp_mobile', 'warn', 75],
      ['missing-monitoring', 'ctr_jp_mobile', 'warn', 75],
      ['correction-cascade', 'ctr_jp_mobile', 'warn', 80],
      ['unversioned-signal', 'ctr_jp_mobile', 'warn', 82],
      ['hidden-feedback-loop', 'ranker', 'warn', 95],
      ['correlated-features', 'ranker', 'warn', 101],
      ['unpinned-training-data', 'ranker', 'warn', 103],
      ['unpinned-training-data', 'ranker', 'warn', 103],
      ['missing-monitoring', 'ranker', 'warn', 105],
      ['fixed-threshold', 'spam_filter', 'warn', 147],
      ['unrestricted-output', 'spam_score', 'warn', 165],
      ['orphan-pipeline-output', 'daily_join', 'warn', 7],
      ['stale-experiment', 'exp_ranker_layout_v2', 'warn', 16],
      ['stale-experiment', 'exp_bid_floor', 'warn', 28],
      ['missing-annotation', 'legacy_spam_reports', 'warn', 70],
      ['plain-old-data-type', 'user_clicks_30d', 'info', 17],
      ['plain-old-data-type', 'ctr_jp_mobile_score', 'info', 88],
    ]);
  });
});

describe('examples/clean', () => {
  it('has no findings under the strict preset, so check exits 0', async () => {
    const result = await checkExample('clean');
    assert.equal(result.summary.rulesRun, allRules.length);
    assert.deepEqual(result.findings.map((finding) => `${finding.ruleId} ${finding.nodeId}`), []);
    assert.equal(result.exitCode, 0);
  });
});
