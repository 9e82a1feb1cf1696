import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openOffline } from '../support/browser.js';
import { diffConfigs } from '../../src/config/diff-configs.js';
import { renderDiffHtml } from '../../src/config/render-diff-html.js';
import { configSystem } from './config-fixture.js';


interface RowBox {
  state: string;
  name: string;
  left: string;
  right: string;
  leftX: number;
  rightX: number;
  width: number;
  background: string;
}

describe('the html config diff in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let directory: string;
  let problems: string[] = [];

  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'paydown-config-diff-'));
    const file = path.join(directory, 'diff.html');
    await writeFile(file, renderDiffHtml(diffConfigs(configSystem(), 'ctr-base', 'ctr-v9')));
    browser = await launchChromium();
    ({ page, problems } = await openOffline(browser, file, { width: 1200, height: 900 }));
  });

  after(async () => {
    await browser?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('loads offline without errors', () => {
    assert.deepEqual(problems, []);
  });

  it('shows the two configs side by side in every section', async () => {
    const headings = await page.locator('section h2').allInnerTexts();
    assert.deepEqual(headings, ['Settings', 'Features', 'Training data', 'Transitive data dependencies (4 → 4)']);
    const columns = await page.evaluate<string[][]>(`[...document.querySelectorAll('table.side-by-side thead tr')].map((row) => [...row.children].map((cell) => cell.textContent.trim()))`);
    for (const header of columns) assert.deepEqual(header, ['', 'ctr-base', 'ctr-v9']);
    const rows = await page.evaluate<RowBox[]>(`[...document.querySelectorAll('#settings tbody tr, #features tbody tr')].map((row) => {
      const left = row.querySelector('td.left').getBoundingClientRect();
      const right = row.querySelector('td.right').getBoundingClientRect();
      return { state: row.dataset.state, name: row.querySelector('th').textContent, left: row.querySelector('td.left').innerText, right: row.querySelector('td.right').innerText,
        leftX: left.left, rightX: right.left, width: left.width, background: getComputedStyle(row.querySelector('td.left')).backgroundColor };
    })`);
    const depth = rows.find((row) => row.name === 'learner.settings.maxDepth');
    assert.ok(depth);
    assert.ok(depth.rightX >= depth.leftX + depth.width - 1, 'the right column sits beside the left one');
    assert.ok(depth.width > 200, `a readable column (${depth.width}px)`);
    assert.match(depth.left, /^6\nctr-base · .*base\.yaml:11:5$/);
    assert.match(depth.right, /^8\nctr-v8 · .*v8\.yaml:8:5$/);
  });

  it('highlights changed rows and leaves unchanged ones plain', async () => {
    const states = await page.evaluate<Array<{ name: string; state: string; background: string }>>(`[...document.querySelectorAll('tbody tr[data-state]')].map((row) => ({
      name: row.querySelector('th').textContent, state: row.dataset.state,
      background: getComputedStyle(row.querySelector(row.dataset.state === 'removed' ? 'td.left' : 'td.right')).backgroundColor }))`);
    const of = (name: string): { state: string; background: string } => states.find((row) => row.name === name)!;
    assert.equal(of('learner.settings.maxDepth').state, 'changed');
    assert.equal(of('ctr_7d').state, 'changed');
    assert.equal(of('geo_db').state, 'added');
    assert.equal(of('user_table').state, 'removed');
    assert.equal(of('learner.type').state, 'same');
    const plain = of('learner.type').background;
    for (const name of ['learner.settings.maxDepth', 'ctr_7d', 'geo_db', 'user_table']) assert.notEqual(of(name).background, plain, `${name} is highlighted`);
    assert.notEqual(of('geo_db').background, of('user_table').background, 'added and removed look different');
    assert.notEqual(of('geo_db').background, of('ctr_7d').background, 'added and changed look different');
  });

  it('saves a screenshot', async () => {
    const shot = path.join(directory, 'config-diff.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = await readFile(shot);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    assert.equal(png.readUInt32BE(16), 1200, 'width');
    assert.ok(png.length > 10_000, `a non-trivial picture (${png.length} bytes)`);
    if (process.env.PAYDOWN_KEEP_SCREENSHOT) await writeFile(process.env.PAYDOWN_KEEP_SCREENSHOT, png);
  });
});
