import { defineConfig } from '@playwright/test';

/**
 * E2E against web mode in Debian Chromium (the same renderer the Electron window loads).
 * The renderer must be built first (`npx electron-vite build` → out/renderer); `npm test` does.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/artifacts',
  workers: 1,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 }, // UI waits, not speed checks: generous for a loaded 2-core CI machine
  fullyParallel: false,
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
