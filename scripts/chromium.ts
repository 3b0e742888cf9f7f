/**
 * Debian's Chromium for the dashboard's end-to-end tests, driven by playwright-core (no downloaded browser).
 * CI installs the `chromium` package (.ci/run); elsewhere the tests are skipped with a message when it is absent.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SEGMINT_CHROMIUM ?? '/usr/bin/chromium';

export function isChromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
