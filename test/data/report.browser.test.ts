import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openOffline } from '../support/browser.js';
import { renderDataReport } from '../../src/data/report/render-report.js';
import { inputs } from './report-fixture.js';


interface ReportState {
  ready: boolean;
  charts: number;
  expected: number;
  error?: string;
}

describe('the html data report in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let directory: string;

  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'paydown-report-'));
    const file = path.join(directory, 'report.html');
    await writeFile(file, renderDataReport(inputs, { title: 'ad-click data', generatedAt: '2026-01-01T00:00:00Z' }));
    browser = await launchChromium();
    let problems: string[];
    ({ page, problems } = await openOffline(browser, file, { width: 1400, height: 1000 }));
    await page.waitForFunction('window.__paydownReport && window.__paydownReport.ready === true', undefined, { timeout: 20_000 });
    assert.deepEqual(problems, []);
  });

  after(async () => {
    await browser?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('renders every chart', async () => {
    const state = await page.evaluate<ReportState>('window.__paydownReport');
    assert.equal(state.error, undefined);
    assert.ok(state.expected > 5, `charts expected: ${state.expected}`);
    assert.equal(state.charts, state.expected);
    const empty = await page.evaluate<string[]>(`(() => {
      const empty = [];
      for (const canvas of document.querySelectorAll('canvas')) {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0 || canvas.height === 0) { empty.push(canvas.id); continue; }
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let index = 3; index < pixels.length; index += 4) if (pixels[index] > 0) count++;
        if (count < 200) empty.push(canvas.id);
      }
      return empty;
    })()`);
    assert.deepEqual(empty, [], 'every canvas has drawn pixels');
  });

  it('lists the worst drifted column first', async () => {
    const names = await page.locator('section[data-kind="drift"] .card .name').allInnerTexts();
    assert.deepEqual(names, ['country', 'age', 'income']);
    const first = await page.locator('section[data-kind="drift"] .card').first().innerText();
    assert.match(first, /chi-square/);
    assert.match(first, /drift when < 0\.05/);
  });

  it('does not run injected markup', async () => {
    assert.equal(await page.evaluate<unknown>('window.__pwned'), undefined);
    assert.ok((await page.locator('section[data-kind="validate"] td').allInnerTexts()).some((text) => text.includes('<img src=x')));
  });

  it('saves a screenshot', async () => {
    const shot = path.join(os.tmpdir(), 'paydown-data-report-screenshot.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = await readFile(shot);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    assert.ok(png.length > 20_000, `a non-trivial picture (${png.length} bytes)`);
  });
});
