/**
 * The desktop app itself through Playwright's Electron driver. Runs where the Electron binary is
 * installed; where it is not (ELECTRON_SKIP_BINARY_DOWNLOAD, no access to the binary host) it skips
 * and says why.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { _electron as electron, expect, test } from '@playwright/test';

const require = createRequire(import.meta.url);
const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** The Electron binary's path, or why there is none. */
function electronBinary(): { path: string } | { missing: string } {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathTxt = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathTxt) || !fs.existsSync(path.join(pkgDir, 'dist'))) {
    return { missing: `the Electron binary was not downloaded (${path.relative(REPO_ROOT, pkgDir)}/dist or path.txt missing; installed with ELECTRON_SKIP_BINARY_DOWNLOAD or without access to the binary host)` };
  }
  const binary = path.join(pkgDir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
  return fs.existsSync(binary) ? { path: binary } : { missing: `the Electron binary ${binary} does not exist` };
}

const binary = electronBinary();

test('the desktop window opens on the sign-in screen and signs in to a seat', async () => {
  test.skip('missing' in binary, `Electron E2E skipped: ${'missing' in binary ? binary.missing : ''}`);
  if (!('path' in binary)) return;
  const mainJs = path.join(REPO_ROOT, 'out/main/index.js');
  expect(fs.existsSync(mainJs), 'run `npx electron-vite build` first').toBe(true);
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-electron-'));
  const app = await electron.launch({
    executablePath: binary.path,
    args: [mainJs, `--user-data-dir=${userData}`, '--no-sandbox'],
    env: { ...process.env, HOTLINE_DATA_DIR: userData },
  });
  try {
    const win = await app.firstWindow();
    await win.setViewportSize({ width: 1366, height: 768 });
    await expect(win.locator('#signin-agent')).toBeVisible();
    // The renderer has no Node: the only bridge is window.hotline.
    expect(await win.evaluate('typeof window.require')).toBe('undefined');
    expect(await win.evaluate('typeof window.hotline')).toBe('object');
    await win.keyboard.type('王芳');
    await win.keyboard.press('Tab');
    await win.keyboard.type('A-07');
    await win.keyboard.press('Enter');
    await expect(win.getByTestId('seat')).toContainText('A-07');
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
});
