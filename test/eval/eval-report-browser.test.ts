import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, openOffline } from '../support/browser.js';
import { runPaydown, repo } from '../support/run-paydown.js';

interface ReportState {
  ready: boolean;
  charts: number;
  expected: number;
  error?: string;
}

describe('HTML reports of slices, threshold and compare in Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(path.join(tmpdir(), 'paydown-eval-html-'));
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  async function open(file: string): Promise<{ state: ReportState; problems: string[]; page: Awaited<ReturnType<typeof openOffline>>['page'] }> {
    const { page, problems } = await openOffline(browser, file, { width: 1280, height: 900 });
    await page.waitForFunction('window.__paydownReport && window.__paydownReport.ready === true');
    const state = await page.evaluate<ReportState>('window.__paydownReport');
    return { state, problems, page };
  }

  it('slices: the table lists the worst slice first and the reliability diagram is drawn with a point per non-empty bin', async () => {
    const file = path.join(dir, 'slices.html');
    const run = runPaydown(['slices', 'examples/ad-click/predictions/ctr-v8.csv', '--label', 'clicked', '--score', 'score', '--by', 'country', '--sort', 'ece', '--bootstrap', '50', '--format', 'html', '-o', file], repo);
    assert.equal(run.code, 0, run.stderr);
    const { state, problems, page } = await open(file);
    assert.deepEqual(problems, []);
    assert.equal(state.error, undefined);
    assert.equal(state.charts, 1);
    const firstSlice = await page.locator('[data-kind="slices"] tbody tr').nth(1).locator('td').first().textContent();
    assert.equal(firstSlice, 'country=jp');
    assert.equal(await page.locator('[data-kind="slices"] tbody tr.flagged').first().locator('td').first().textContent(), 'country=jp');
    const points = await page.evaluate<[string, number][]>(`(() => {
      const canvas = document.querySelector('[data-kind="reliability"] canvas');
      return Chart.getChart(canvas).data.datasets.map((d) => [d.label, d.data.length]);
    })()`);
    const painted = await page.evaluate<number>(`(() => {
      const canvas = document.querySelector('[data-kind="reliability"] canvas');
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let index = 3; index < pixels.length; index += 4) if (pixels[index] > 0) count++;
      return count;
    })()`);
    assert.ok(painted > 1000, `painted pixels: ${painted}`);
    assert.equal(points[0][0], 'perfectly calibrated');
    assert.equal(points[1][0], 'all rows');
    assert.ok(points[1][1] >= 5, `bins drawn: ${JSON.stringify(points)}`);
    const box = await page.locator('[data-kind="reliability"] canvas').boundingBox();
    assert.ok(box !== null && box.width > 300 && box.height > 200);
  });

  it('threshold and compare reports render their charts offline', async () => {
    const threshold = path.join(dir, 'threshold.html');
    const compare = path.join(dir, 'compare.html');
    assert.equal(runPaydown(['threshold', 'examples/ad-click/predictions/ctr_jp-v2.csv', '--label', 'clicked', '--score', 'score', '--objective', 'f-beta', '--slice', 'device', '--bootstrap', '50', '--format', 'html', '-o', threshold], repo).code, 0);
    assert.equal(runPaydown(['compare', 'examples/ad-click/predictions/ctr-v7.csv', 'examples/ad-click/predictions/ctr-v8.csv', '--label', 'clicked', '--slice', 'country', '--bootstrap', '50', '--format', 'html', '-o', compare], repo).code, 1);
    for (const file of [threshold, compare]) {
      const { state, problems, page } = await open(file);
      assert.deepEqual(problems, [], file);
      assert.equal(state.error, undefined, file);
      assert.equal(state.charts, state.expected, file);
      assert.ok(state.charts >= 1, file);
      if (file === compare) assert.equal(await page.locator('[data-kind="compare"] tbody tr.flagged td').first().textContent(), 'country=jp');
    }
  });
});
