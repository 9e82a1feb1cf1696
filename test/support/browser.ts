import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which `npm test` installs when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, and no background connections (this machine has no network but the registries). */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts the real browser, or fails the test with how to get it: browser tests are never skipped. */
export async function launchChromium(): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `this test needs Chromium at ${CHROMIUM} (Debian: apt-get install chromium); it is not skipped without it`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
