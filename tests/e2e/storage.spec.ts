/** Issue 3, bad input: a corrupt database file gives a clear error screen, and the file is kept. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, screenshot, test } from './fixtures';
import { freshDataDir, startWebMode } from './web-mode';

test('a corrupt database shows the storage error screen instead of the form', async ({ page }) => {
  const dataDir = freshDataDir();
  const garbage = Buffer.from('this is not an SQLite database, just bytes left by a power cut '.repeat(64));
  fs.writeFileSync(path.join(dataDir, 'hotline-desk.db'), garbage);
  const web = await startWebMode(dataDir);
  try {
    await page.goto(web.url);
    const screen = page.getByRole('alert').filter({ hasText: '本地数据库不可用' });
    await expect(screen).toBeVisible();
    await expect(screen).toContainText('已损坏');
    await expect(page.locator('#signin-agent')).toHaveCount(0);
    await expect(page.locator('#intake-callerPhone')).toHaveCount(0);
    await screenshot(page, 'storage-error');
    // The damaged bytes are still on disk, somewhere in the data directory, untouched.
    const kept = fs.readdirSync(dataDir).filter((f) => fs.readFileSync(path.join(dataDir, f)).equals(garbage));
    expect(kept.length).toBeGreaterThan(0);
  } finally {
    await web.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
