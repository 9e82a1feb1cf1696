import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openOffline } from '../support/browser.js';
import { check } from '../../src/check/check.js';
import { renderHtml } from '../../src/graph/render/html.js';
import { adClickSystem } from './system-fixture.js';


interface PageState {
  ready: boolean;
  nodeCount: number;
  error?: string;
}

describe('the html graph in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let directory: string;
  const result = check(adClickSystem(), { today: '2025-01-01' });
  const withFindings = result.findings.find((finding) => finding.nodeId === 'ctr_model');

  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'paydown-graph-'));
    const file = path.join(directory, 'graph.html');
    await writeFile(file, renderHtml(result.graph, { findings: result.findings, title: 'ad-click' }));
    browser = await launchChromium();
    let problems: string[];
    ({ page, problems } = await openOffline(browser, file, { width: 1400, height: 820 }));
    await page.waitForFunction('window.__paydownGraph && window.__paydownGraph.ready === true', undefined, { timeout: 20_000 });
    assert.deepEqual(problems, []);
  });

  after(async () => {
    await browser?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('lays out every node', async () => {
    const state = await page.evaluate<PageState>('window.__paydownGraph');
    assert.equal(state.error, undefined);
    assert.equal(state.nodeCount, result.graph.nodes.length);
  });

  it('draws on the canvas', async () => {
    const coloured = await page.evaluate<number>(`(() => {
      let count = 0;
      for (const canvas of document.querySelectorAll('#cy canvas')) {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0 || canvas.height === 0) continue;
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let index = 0; index < pixels.length; index += 4) {
          const red = pixels[index], green = pixels[index + 1], blue = pixels[index + 2], alpha = pixels[index + 3];
          if (alpha > 0 && !(red > 250 && green > 250 && blue > 250)) count++;
        }
      }
      return count;
    })()`);
    assert.ok(coloured > 1000, `expected drawn pixels, found ${coloured}`);
  });

  it('finds a node with the search box', async () => {
    await page.fill('#search', 'bidder');
    await page.press('#search', 'Enter');
    await page.locator('#panel h2').filter({ hasText: 'bidder' }).waitFor({ timeout: 5_000 });
    const selected = await page.evaluate<string[]>(`window.__paydownCy.$('node:selected').map((node) => node.data('label'))`);
    assert.deepEqual(selected, ['bidder']);
    await page.waitForFunction('!window.__paydownCy.animated()', undefined, { timeout: 5_000 });
  });

  it('shows a clicked node with its findings in the side panel', async () => {
    assert.ok(withFindings, 'the fixture has a finding on ctr_model');
    const key = `n${result.graph.node('ctr_model')!.index}`;
    await page.click('#fit');
    await page.waitForFunction('!window.__paydownCy.animated()', undefined, { timeout: 5_000 });
    const point = await page.evaluate<{ x: number; y: number }>(`(() => {
      const position = window.__paydownCy.getElementById(${JSON.stringify(key)}).renderedPosition();
      const box = document.getElementById('cy').getBoundingClientRect();
      return { x: box.left + position.x, y: box.top + position.y };
    })()`);
    await page.mouse.click(point.x, point.y);
    const panel = page.locator('#panel');
    await panel.locator('h2').filter({ hasText: 'ctr_model' }).waitFor({ timeout: 5_000 });
    const text = await panel.innerText();
    const expected = [...new Set(result.findings.filter((finding) => finding.nodeId === 'ctr_model').map((finding) => finding.ruleId))];
    for (const ruleId of expected) assert.ok(text.includes(ruleId), `panel lists ${ruleId}:\n${text}`);
    assert.ok(text.includes('ads-ranking'), 'panel shows the owner');
    assert.ok(text.includes('system.yaml:'), 'panel shows file:line');
    assert.equal(await panel.locator('.finding').count(), result.findings.filter((finding) => finding.nodeId === 'ctr_model').length);
  });

  it('saves a screenshot', async () => {
    const shot = path.join(os.tmpdir(), 'paydown-graph-screenshot.png');
    await page.screenshot({ path: shot });
    const png = await readFile(shot);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    assert.equal(png.readUInt32BE(16), 1400, 'width');
    assert.equal(png.readUInt32BE(20), 820, 'height');
    assert.ok(png.length > 20_000, `a non-trivial picture (${png.length} bytes)`);
  });
});
