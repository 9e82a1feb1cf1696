import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { check } from '../../../src/check/check.js';
import { loadEvidence } from '../../../src/evidence/load-evidence.js';
import { loadSystem } from '../../../src/manifest/load-system.js';
import type { LofoResult } from '../../../src/eval/lofo/result.js';
import { repo, runPaydown } from '../../support/run-paydown.js';
import { writeSyntheticCsv } from './synthetic.js';

const SYSTEM = `kind: model
id: clicks
owner: ads
description: Predicts clicks.
version: 3
inputs: [signal, noise, colour, shade]
epsilon: 0.002
---
kind: feature
id: signal
owner: ads
description: A strong signal.
valueType: numeric
---
kind: feature
id: noise
owner: ads
description: Pure noise.
valueType: numeric
---
kind: feature
id: colour
owner: ads
description: Colour of the ad.
valueType: categorical
bundle: looks
---
kind: feature
id: shade
owner: ads
description: Not in the data.
valueType: categorical
bundle: looks
`;

let dir: string;
let data: string;

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'paydown-lofo-cli-'));
  writeFileSync(path.join(dir, 'system.yaml'), SYSTEM);
  data = path.join(dir, 'clicks.csv');
  writeSyntheticCsv(data, 2000, 3);
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function underutilized(evidenceFile: string): Promise<string[]> {
  const system = await loadSystem(dir);
  const evidence = await loadEvidence([evidenceFile]);
  const result = check(system, { evidence, today: '2026-11-23' });
  return result.findings.filter((f) => f.ruleId === 'underutilized-feature').map((f) => f.message);
}

describe('paydown lofo (CLI)', () => {
  it('with --model: the declared inputs in the data, the model epsilon, a JSON report', () => {
    const run = runPaydown(['lofo', data, '--target', 'clicked', '--model', 'clicks', '--system', dir, '--folds', '4', '--workers', '2', '--format', 'json'], repo);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as LofoResult;
    assert.deepEqual(result.results.map((r) => r.name).sort(), ['colour', 'noise', 'signal']);
    assert.deepEqual(result.notInData, ['shade']);
    assert.equal(result.epsilon, 0.002);
    assert.equal(result.epsilonSource, 'model');
    assert.equal(result.modelVersion, '3');
    assert.equal(result.complete, true);
  });

  it('writes evidence that turns underutilized-feature on for the noise and off for the signal, as the data says', async () => {
    const evidence = path.join(dir, 'lofo.json');
    const run = runPaydown(['lofo', data, '--target', 'clicked', '--model', 'clicks', '--system', dir, '--folds', '4', '--evidence', evidence], repo);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^noise .* remove$/m);
    const findings = await underutilized(evidence);
    assert.equal(findings.length, 1, findings.join('\n'));
    assert.match(findings[0], /uses 'noise', but leaving it out drops auc by only/);

    // the same columns under swapped names: now the data says 'signal' is the useless one
    const swapped = path.join(dir, 'swapped.csv');
    writeFileSync(swapped, readFileSync(data, 'utf8').replace(/^signal,twin,noise,/, 'noise,twin,signal,'));
    const again = runPaydown(['lofo', swapped, '--target', 'clicked', '--model', 'clicks', '--system', dir, '--folds', '4', '--evidence', evidence], repo);
    assert.equal(again.code, 0, again.stderr);
    const moved = await underutilized(evidence);
    assert.equal(moved.length, 1, moved.join('\n'));
    assert.match(moved[0], /uses 'signal'/);
  });

  it('prints a text table sorted by drop and an HTML report', () => {
    const text = runPaydown(['lofo', data, '--target', 'clicked', '--features', 'signal,noise,twin', '--group', 'pair=signal,twin', '--folds', '3', '--epsilon', '0.001'], repo);
    assert.equal(text.code, 0, text.stderr);
    const names = text.stdout.split('\n').slice(4, 8).map((line) => line.split(/\s+/)[0]);
    assert.deepEqual(names, ['pair', 'signal', 'twin', 'noise']);
    assert.match(text.stdout, /verdict against epsilon 0.001 \(flag\)/);
    const html = path.join(dir, 'lofo.html');
    const run = runPaydown(['lofo', data, '--target', 'clicked', '--folds', '3', '--format', 'html', '--output', html], repo);
    assert.equal(run.code, 0, run.stderr);
    const page = readFileSync(html, 'utf8');
    assert.match(page, /<svg/);
    assert.doesNotMatch(page, /<script/);
  });

  it('refuses bad input with exit 2 and a clear message', () => {
    const cases: [string[], RegExp][] = [
      [['lofo', data, '--target', 'nope'], /no target column 'nope'/],
      [['lofo', data, '--target', 'clicked', '--model', 'ghost', '--system', dir], /declares no model 'ghost' \(models: clicks\)/],
      [['lofo', data, '--target', 'clicked', '--evidence', path.join(dir, 'x.json')], /--evidence needs --model/],
      [['lofo', data, '--target', 'clicked', '--folds', '1'], /--folds wants a whole number of at least 2/],
      [['lofo', data, '--target', 'clicked', '--learner', 'command'], /needs --command/],
      [['lofo', data, '--target', 'clicked', '--learner-option', 'depth=3'], /logistic has no setting 'depth'/],
      [['lofo', data, '--target', 'clicked', '--metric', 'rmse'], /rmse needs a regression target/],
      [['lofo', data, '--target', 'clicked', '--group', 'g=signal,ghost'], /'ghost', which is not among the features/],
      [['lofo', data, '--target', 'signal', '--metric', 'auc'], /--metric auc needs a binary target, but 'signal' is a regression target/],
    ];
    for (const [args, message] of cases) {
      const run = runPaydown(args, repo);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
    assert.equal(existsSync(path.join(dir, 'x.json')), false);
  });
});
