/**
 * Test fixture: every test gets its own web-mode process on a fresh data directory, and a page
 * opened at its URL. `restartWebMode` restarts on the same data directory (crash recovery tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { freshDataDir, startWebMode, type WebModeProcess } from './web-mode';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Let antd's open/close motions finish so the picture shows what the agent sees.
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
}

interface Fixtures {
  web: WebModeProcess;
  /** Kills the running web mode with `signal` and starts a new one on the same data directory. */
  restartWebMode(signal: NodeJS.Signals): Promise<WebModeProcess>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring even with no dependencies
  web: async ({}, use) => {
    const dataDir = freshDataDir();
    const web = await startWebMode(dataDir);
    await use(web);
    await web.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  restartWebMode: async ({ web }, use) => {
    const started: WebModeProcess[] = [];
    await use(async (signal) => {
      const current = started.at(-1) ?? web;
      await current.kill(signal);
      const next = await startWebMode(web.dataDir);
      started.push(next);
      return next;
    });
    for (const p of started) await p.kill('SIGTERM');
  },
});

export { expect };
