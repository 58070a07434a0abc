/** Issue 3: drafts never die. What is typed survives a SIGKILL of the web-mode process. */
import { expect, test } from './fixtures';
import { openSignedIn } from './session';

test('a draft typed before the process is killed with SIGKILL is back after the restart', async ({ page, web, restartWebMode }) => {
  const intake = await openSignedIn(page, web.url);
  await intake.type('13900001111');
  await intake.press('Alt+4');
  await intake.type('小区门口井盖破损');
  await intake.press('Tab');
  await intake.type('天通苑北一区东门外井盖碎了一半，晚上很危险。');
  const lastKey = Date.now();
  // Autosave runs at most ~1 s after the last key; no save button was pressed.
  await expect(intake.draftStatus).toContainText('草稿已自动保存', { timeout: 1_500 });
  const savedAfterMs = Date.now() - lastKey;
  expect(savedAfterMs).toBeLessThan(1_500);

  const restarted = await restartWebMode('SIGKILL');
  const again = await openSignedIn(page, restarted.url);
  await expect(again.draftRestored).toBeVisible();
  await expect(again.field('callerPhone')).toHaveValue('13900001111');
  await expect(again.field('title')).toHaveValue('小区门口井盖破损');
  await expect(again.field('content')).toHaveValue('天通苑北一区东门外井盖碎了一半，晚上很危险。');

  // Editing the restored draft keeps saving under the same draft: a second crash still loses nothing.
  await again.field('content').focus();
  await page.keyboard.press('End');
  await again.type('已有老人绊倒。');
  await expect(again.draftStatus).toContainText('草稿已自动保存', { timeout: 1_500 });
  const third = await restartWebMode('SIGKILL');
  const last = await openSignedIn(page, third.url);
  await expect(last.field('content')).toHaveValue('天通苑北一区东门外井盖碎了一半，晚上很危险。已有老人绊倒。');
});

test('reloading right after the last keystroke (inside the autosave delay) keeps it', async ({ page, web }) => {
  const intake = await openSignedIn(page, web.url);
  await intake.press('Alt+4');
  await intake.type('楼道灯不亮');
  await intake.waitForDraftSaved();
  await intake.type('，三楼');
  await page.reload(); // well inside the 400 ms debounce: the page-hide save carries it
  await intake.expectReady();
  await expect(intake.draftRestored).toBeVisible();
  await expect(intake.field('title')).toHaveValue('楼道灯不亮，三楼');
});
