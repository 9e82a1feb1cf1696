import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, which `npm test` installs when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, and no background connections (this machine has no network but the registries). */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts the real browser, or fails the test with how to get it: browser tests are never skipped. */
export async function launchChromium(): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `this test needs Chromium at ${CHROMIUM} (Debian: apt-get install chromium); it is not skipped without it`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A page opened from a local file, and every problem seen while it ran. */
export interface OfflinePage {
  readonly page: Page;
  /** Script errors, console errors, failed requests and any request that left the machine. */
  readonly problems: string[];
}

/** Opens a local HTML file in a new page, recording anything that would break it offline. */
export async function openOffline(browser: Browser, file: string, viewport: { width: number; height: number }): Promise<OfflinePage> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) problems.push(`remote request: ${request.url()}`);
  });
  await page.goto(pathToFileURL(file).href);
  return { page, problems };
}
