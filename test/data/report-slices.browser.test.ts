import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { driftReport } from '../../src/data/drift.js';
import { profileAgainst, profileData } from '../../src/data/profile.js';
import { openData } from '../../src/data/read-data.js';
import { driftInput } from '../../src/data/report/from-drift.js';
import { renderDataReport } from '../../src/data/report/render-report.js';
import { launchChromium, openOffline } from '../support/browser.js';
import { repo } from '../support/run-paydown.js';

/**
 * The report of per-slice drift and of grouped profiles, made from the bundled example's data
 * (two days of impressions) and opened in Chromium: the slice × column table lists the worst
 * slice first, the grouped profile has one row per day, and a screenshot is taken.
 */
const data = path.join(repo, 'examples/ad-click/data');

describe('per-slice drift and grouped profiles in the html report', () => {
  let browser: Browser;
  let page: Page;
  let directory: string;

  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'paydown-report-slices-'));
    const reference = await profileData(path.join(data, 'impressions-2025-11-21.csv'), { slice: 'device_type' });
    const opened = await openData(path.join(data, 'impressions-2025-11-22.csv'));
    let current;
    try {
      current = await profileAgainst(opened, reference, { slice: 'device_type' });
    } finally {
      opened.close();
    }
    const drift = driftReport(reference, current, { slice: 'device_type' });
    const days = await profileData(path.join(data, 'impressions-*.csv'), { by: 'day', time: 'event_ts' });
    const file = path.join(directory, 'report.html');
    await writeFile(
      file,
      renderDataReport(
        [
          { kind: 'drift', result: driftInput(drift, reference, current) },
          { kind: 'profile', result: days },
        ],
        { title: 'ad-click slices and days', generatedAt: '2026-01-01T00:00:00Z' },
      ),
    );
    browser = await launchChromium();
    let problems: string[];
    ({ page, problems } = await openOffline(browser, file, { width: 1400, height: 1000 }));
    await page.waitForFunction('window.__paydownReport && window.__paydownReport.ready === true', undefined, { timeout: 20_000 });
    assert.deepEqual(problems, []);
  });

  /** The text of every cell of the rows matching `selector`. */
  function tableCells(selector: string): Promise<string[][]> {
    return page.evaluate<string[][]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent || ''))`);
  }

  after(async () => {
    await browser?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('draws a slice × column table, the worst slice first', async () => {
    const rows = await tableCells('section[data-kind="drift"] .wide tbody tr');
    assert.deepEqual(rows.map((row) => row[0]).sort(), ['device_type=desktop', 'device_type=mobile', 'device_type=tablet']);
    const drifted = rows.map((row) => Number(/\((\d+)\)/.exec(row[2] ?? '')?.[1] ?? '-1'));
    const verdicts = rows.map((row) => (row[2] ?? '').startsWith('DRIFT'));
    for (let i = 1; i < rows.length; i += 1) {
      assert.ok(Number(verdicts[i - 1]) > Number(verdicts[i]) || (verdicts[i - 1] === verdicts[i] && drifted[i - 1] >= drifted[i]), `row ${i} is not worse than row ${i - 1}: ${JSON.stringify(rows)}`);
    }
    const head = await page.locator('section[data-kind="drift"] .wide thead th').allInnerTexts();
    assert.ok(head.includes('ctr_7d') && head.includes('query_length'), head.join(', '));
    assert.ok(rows.every((row) => row.some((cell) => cell.startsWith('✗'))), 'every device drifts in some column (ctr_7d moved for all)');
  });

  it('draws the grouped profile as one row per day', async () => {
    const rows = await tableCells('section[data-kind="profile"] .wide tbody tr');
    assert.deepEqual(rows.map((row) => [row[0], row[1]]), [['event_ts=2025-11-21', '4,000'], ['event_ts=2025-11-22', '4,000']]);
    const head = await page.locator('section[data-kind="profile"] .wide thead th').allInnerTexts();
    const engagement = head.indexOf('review_engagement');
    assert.ok(engagement > 0);
    assert.match(rows[1]?.[engagement] ?? '', /25% null/);
  });

  it('saves a screenshot', async () => {
    const shot = path.join(os.tmpdir(), 'paydown-data-report-slices.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = await readFile(shot);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.length > 20_000, `a non-trivial picture (${png.length} bytes)`);
  });
});
