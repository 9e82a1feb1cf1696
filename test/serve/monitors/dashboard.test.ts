import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { monitorsExtension, type MonitorsExtension } from '../../../src/serve/monitors/extension.js';
import { startServer, type RunningServer } from '../../../src/serve/server.js';
import type { PredictionRecord } from '../../../src/serve/store/store.js';
import { launchChromium } from '../../support/browser.js';

const ADMIN = 'dashboard-admin-token';
const example = path.resolve(import.meta.dirname, '../../../../examples/ad-click');

describe('dashboard in Chromium against a running paydown serve of the example', () => {
  let dir: string;
  let server: RunningServer;
  let monitors: MonitorsExtension;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const shots: string[] = [];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'paydown-dashboard-'));
    cpSync(example, path.join(dir, 'ad-click'), { recursive: true, filter: (source) => !source.includes(`${path.sep}.paydown`) });
    monitors = monitorsExtension({ intervalMs: 3_600_000 });
    server = await startServer({ systemDir: path.join(dir, 'ad-click'), port: 0, adminToken: ADMIN, watch: false, extensions: [monitors], logSink: () => undefined });
    const now = Date.now();
    const biased: PredictionRecord[] = Array.from({ length: 1200 }, (_, i) => ({
      id: `b${i}`,
      model: 'ctr',
      version: '7',
      consumer: 'bidder',
      inputs: { geo_country: i % 2 === 0 ? 'US' : 'DE', device_type: 'mobile', ctr_7d: 0.03 },
      outputs: { score: 0.2 },
      score: 0.2,
      action: null,
      servedBy: 'model',
      shadowOf: null,
      at: now - 60_000 + i,
      latencyMs: 1,
    }));
    await server.store.appendPredictions(biased);
    await server.store.appendOutcomes(biased.map((record) => ({ predictionId: record.id, label: 0, at: now })));
    for (let i = 0; i < 10_001; i += 1) {
      monitors.onPrediction!({ ...biased[0], id: `s${i}`, model: 'spam_filter', version: '3', inputs: {}, score: 0.9, action: 'block_ad', at: now });
    }
    await monitors.monitoring!.flushActions();
    await monitors.evaluateNow();
    assert.equal(monitors.plans!.plan('spam_filter').mode, 'safe-default', 'precondition: the breaker is open');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) problems.push(`request off the server: ${request.url()}`);
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const screenshot = async (name: string): Promise<void> => {
    const file = path.join(dir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(statSync(file).size > 10_000, `${name}.png has content`);
    shots.push(file);
  };

  it('opens on the system graph with the served system, marking models with firing alerts', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => (globalThis as unknown as { __paydownDashboard: { ready: boolean } }).__paydownDashboard.ready, undefined, { timeout: 20_000 });
    const graph = (await (await fetch(`${server.url}/api/graph`)).json()) as { nodes: unknown[] };
    const drawn = await page.evaluate<{ nodes: number; ctr: boolean; ranker: boolean }>(`(() => {
      const cy = window.__paydownDashboard.cy;
      return { nodes: cy.nodes().length, ctr: cy.$id('ctr').hasClass('alerting'), ranker: cy.$id('ranker').hasClass('alerting') };
    })()`);
    assert.deepEqual(drawn, { nodes: graph.nodes.length, ctr: true, ranker: false });
    assert.match(await page.textContent('#summary') ?? '', /\d+ nodes, \d+ edges, \d+ findings/);
    assert.equal(await page.textContent('#alert-count'), '3', 'ctr bias, ctr input drift (the seeded inputs are all mobile) and spam_filter action limit');
    await screenshot('overview');
  });

  it('shows each monitor as a time-series chart, firing ones marked', async () => {
    await page.click('#tabs button[data-tab="monitors"]');
    await page.waitForSelector('[data-monitor="ctr/prediction-bias"] canvas');
    const cards = await page.evaluate<Array<{ id: string; firing: boolean; charts: number }>>(
      `[...document.querySelectorAll('[data-monitor]')].map((element) => ({ id: element.getAttribute('data-monitor'), firing: element.classList.contains('firing'), charts: element.querySelectorAll('canvas').length }))`,
    );
    const monitorsJson = (await (await fetch(`${server.url}/api/monitors`)).json()) as { monitors: Array<{ id: string }> };
    assert.deepEqual(cards.map((card) => card.id), monitorsJson.monitors.map((monitor) => monitor.id));
    assert.ok(cards.every((card) => card.charts === 1));
    assert.deepEqual(cards.filter((card) => card.firing).map((card) => card.id).sort(), ['ctr/input-drift', 'ctr/prediction-bias', 'spam_filter/action-limit']);
    await screenshot('monitors');
  });

  it('lists alerts, consumers and the audit log', async () => {
    await page.click('#tabs button[data-tab="alerts"]');
    assert.match(await page.textContent('#alerts') ?? '', /spam_filter: action limit exceeded: block_ad 10001 > 10000/);
    await page.click('#tabs button[data-tab="consumers"]');
    assert.match(await page.textContent('#consumers') ?? '', /bidder.*ctr_score/s);
    await page.click('#tabs button[data-tab="audit"]');
    assert.match(await page.textContent('#audit') ?? '', /response\.halt-actions/);
    await screenshot('audit');
  });

  it('resets the breaker as an admin: refused until the admin token is entered, then audited', async () => {
    await page.click('#tabs button[data-tab="breakers"]');
    const reset = '[data-testid="reset-spam_filter"]';
    await page.waitForSelector(reset);
    assert.equal(await page.isDisabled(reset), true, 'no admin token yet');
    await page.fill('#admin-token', 'wrong');
    await page.click('#admin-login');
    await page.locator('#admin-state', { hasText: /^token refused$/ }).waitFor();
    assert.equal(await page.isDisabled(reset), true);
    await page.fill('#admin-token', ADMIN);
    await page.click('#admin-login');
    await page.locator('#admin-state', { hasText: /^admin$/ }).waitFor();
    await page.waitForSelector(`${reset}:not([disabled])`);
    await page.click(reset);
    await page.locator('#notice', { hasText: /^Done/ }).waitFor();
    await page.waitForSelector(reset, { state: 'detached' });
    assert.equal(monitors.plans!.plan('spam_filter').mode, 'live');
    const [entry] = await server.store.listAudit(1);
    assert.deepEqual([entry.actor, entry.action, entry.target], ['admin', 'admin.reset.halt-actions', 'spam_filter']);
    await screenshot('breakers-after-reset');
    const refused = problems.filter((problem) => problem.includes('status of 401'));
    assert.ok(refused.length >= 1, 'the wrong token was refused');
    assert.deepEqual(problems.filter((problem) => !refused.includes(problem)), []);
    const status = await page.evaluate<string[]>('window.__paydownDashboard.errors');
    assert.deepEqual(status, []);
  });
});
