import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openOffline } from '../../support/browser.js';
import { renderLofoHtml } from '../../../src/eval/lofo/render-html.js';
import { formatLofoText } from '../../../src/eval/lofo/render-text.js';
import type { FeatureImportance, LofoResult } from '../../../src/eval/lofo/result.js';
import type { Verdict } from '../../../src/eval/lofo/verdict.js';

function entry(name: string, mean: number, half: number, verdict: Verdict, members?: string[]): FeatureImportance {
  return {
    name,
    kind: members === undefined ? 'feature' : 'group',
    members: members ?? [name],
    drop: { mean, std: half / 2, t: 3, pValue: 0.01, ciLow: mean - half, ciHigh: mean + half, confidence: 0.95 },
    verdict,
    folds: [0, 1, 2].map((fold) => ({ fold, full: 0.8, without: 0.8 - mean, drop: mean })),
  };
}

const result: LofoResult = {
  format: 'paydown.lofo/v1',
  source: 'clicks.csv',
  model: 'ctr',
  modelVersion: '7',
  target: 'clicked',
  task: 'binary',
  rows: 16000,
  metric: 'auc',
  higherIsBetter: true,
  learner: 'logistic',
  folds: 3,
  seed: 42,
  epsilon: 0.002,
  epsilonSource: 'model',
  confidence: 0.95,
  complete: true,
  createdAt: '2026-11-23T00:00:00Z',
  full: { mean: 0.8, std: 0.01, folds: [0.79, 0.8, 0.81] },
  results: [
    entry('ctr_7d', 0.06, 0.01, 'keep'),
    entry('geo', 0.004, 0.003, 'inconclusive', ['geo_country', 'geo_city']),
    entry('<script>alert(1)</script>', 0.0005, 0.001, 'remove'),
    entry('geo_city', -0.002, 0.001, 'remove'),
  ],
  notInData: ['shade'],
  elapsedMs: 1234,
};

interface Bar {
  feature: string;
  verdict: string;
  y: number;
  barLeft: number;
  barRight: number;
  whiskerLeft: number;
  whiskerRight: number;
}

describe('the lofo HTML report in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let directory: string;
  let problems: string[];

  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'paydown-lofo-html-'));
    const file = path.join(directory, 'lofo.html');
    await writeFile(file, renderLofoHtml(result));
    browser = await launchChromium();
    ({ page, problems } = await openOffline(browser, file, { width: 1200, height: 900 }));
  });

  after(async () => {
    await browser?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('draws one bar per feature, largest drop on top, with error bars spanning the interval', async () => {
    const bars = await page.evaluate<Bar[]>(`[...document.querySelectorAll('g.bar')].map((g) => {
      const rect = g.querySelector('rect').getBoundingClientRect();
      const whiskers = [...g.querySelectorAll('line.errorbar')].map((line) => line.getBoundingClientRect());
      return {
        feature: g.getAttribute('data-feature'),
        verdict: g.getAttribute('data-verdict'),
        y: rect.top,
        barLeft: rect.left,
        barRight: rect.right,
        whiskerLeft: Math.min(...whiskers.map((w) => w.left)),
        whiskerRight: Math.max(...whiskers.map((w) => w.right)),
      };
    })`);
    assert.deepEqual(bars.map((b) => b.feature), ['ctr_7d', 'geo', '<script>alert(1)</script>', 'geo_city']);
    assert.deepEqual(bars.map((b) => b.verdict), ['keep', 'inconclusive', 'remove', 'remove']);
    for (let i = 1; i < bars.length; i += 1) assert.ok(bars[i].y > bars[i - 1].y, 'sorted top to bottom');
    const zero = bars[3].barRight;
    assert.ok(Math.abs(bars[0].barLeft - zero) < 1.5, 'positive bars start at zero');
    const scale = (bars[0].barRight - bars[0].barLeft) / 0.06;
    assert.ok(Math.abs(bars[1].barRight - bars[1].barLeft - 0.004 * scale) < 1.5, 'bar length proportional to the drop');
    for (const [i, bar] of bars.entries()) {
      const drop = result.results[i].drop;
      assert.ok(Math.abs(bar.whiskerRight - bar.whiskerLeft - (drop.ciHigh - drop.ciLow) * scale) < 2, `${bar.feature}: whiskers span the interval`);
    }
  });

  it('shows the epsilon line, the facts and the fold table, escapes names and loads nothing', async () => {
    assert.equal(await page.locator('line.epsilon').count(), 1);
    assert.match(await page.locator('dl').innerText(), /not in the data\s+shade/);
    assert.equal(await page.locator('table tbody tr').count(), 5);
    assert.equal(await page.locator('script').count(), 0);
    assert.deepEqual(problems, []);
  });
});

describe('the lofo text report', () => {
  it('lists features largest drop first with interval, p-value and verdict, and the rule', () => {
    const text = formatLofoText(result);
    const rows = text.split('\n').slice(4, 8).map((line) => line.split(/\s{2,}/));
    assert.deepEqual(rows.map((r) => r[0]), ['ctr_7d', 'geo [geo_country, geo_city]', '<script>alert(1)</script>', 'geo_city']);
    assert.deepEqual(rows.map((r) => r.at(-1)), ['keep', 'inconclusive', 'remove', 'remove']);
    assert.match(text, /remove when the CI's upper bound < epsilon, keep when its lower bound ≥ epsilon/);
    assert.match(text, /not in the data, not measured: shade/);
  });
});
