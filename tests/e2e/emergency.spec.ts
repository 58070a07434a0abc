/**
 * Issue 6: typing an emergency shows the red banner within a second; F11 + Enter transfers to 119
 * and the transfer is recorded on the ticket. A past-tense non-emergency mentioning 着火 shows none.
 */
import { expect, screenshot, test } from './fixtures';
import { TicketListPage } from './pages/TicketListPage';
import { TicketPage } from './pages/TicketPage';
import { openSignedIn } from './session';

test('an emergency shows the banner; F11 and Enter transfer to 119 and the ticket records it', async ({ page, web }) => {
  const intake = await openSignedIn(page, web.url);
  await intake.type('13700002222');
  await intake.press('Alt+4');
  await intake.press('Tab');
  await intake.type('楼下饭馆着火了，冒着黑烟，有人被困');
  await expect(intake.banner).toBeVisible({ timeout: 1_000 });
  await expect(intake.banner).toContainText('119 消防');
  await expect(intake.banner).toContainText('F11');
  await screenshot(page, 'emergency-banner');

  await intake.press('F11');
  const confirm = page.getByRole('dialog', { name: /确认转接 119/ });
  await expect(confirm).toBeVisible();
  await intake.press('Enter');
  const instructions = page.getByTestId('transfer-instructions');
  await expect(instructions).toContainText('119');
  await screenshot(page, 'emergency-transfer');
  await intake.press('Enter'); // done: the form is cleared for the next call
  await expect(intake.field('content')).toHaveValue('');
  await expect(intake.banner).toHaveCount(0);

  const list = new TicketListPage(page);
  await list.openWithKeyboard();
  const row = list.row('137****2222');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('已转警/消/医');
  await page.keyboard.press('Enter');
  const ticket = new TicketPage(page);
  await expect(ticket.timeline).toContainText('转接119 消防');
  await expect(ticket.fieldValue('诉求内容')).toContainText('楼下饭馆着火了');
  await screenshot(page, 'ticket-transferred');
});

test('past events mentioning 着火 or 救护车 show no banner', async ({ page, web }) => {
  const intake = await openSignedIn(page, web.url);
  await intake.press('Alt+4');
  await intake.press('Tab');
  for (const text of ['上个月小区着火的事，物业到现在还没给说法', '上周我爸晕倒叫了救护车，救护车来得太慢了，我要投诉']) {
    // Wait for the assist's answer to the whole sentence, so no banner is a decision, not a failure or a race.
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/api/assist.suggest') && (r.request().postData() ?? '').includes(text) && r.ok(),
    );
    await page.keyboard.press('Control+a');
    await intake.type(text);
    await answered;
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))'); // React has painted it
    await expect(intake.assistPanel).toContainText('诉求类型');
    await expect(intake.banner).toHaveCount(0);
  }
});

test('Esc on the banner asks for a reason and records the dismissal; manual F12 works without a detection', async ({ page, web }) => {
  const intake = await openSignedIn(page, web.url);
  await intake.press('Alt+4');
  await intake.press('Tab');
  await intake.type('楼下饭馆着火了，冒着黑烟，有人被困');
  await expect(intake.banner).toBeVisible({ timeout: 1_000 });
  await intake.press('Escape');
  const dialog = page.getByRole('dialog', { name: /不转接/ });
  await expect(dialog).toBeVisible();
  await intake.press('Enter'); // no reason yet: refused
  await expect(dialog).toContainText('请说明不转接的原因');
  await intake.type('来电人已自行报警');
  await intake.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(intake.banner).toHaveCount(0);

  await intake.press('F12');
  await expect(page.getByRole('dialog', { name: /确认转接 120/ })).toContainText('人工转接');
  await intake.press('Enter');
  await expect(page.getByTestId('transfer-instructions')).toContainText('120');

  // The ticket made by the transfer carries both decisions: the dismissal and the manual transfer.
  await page.getByRole('button', { name: '查看工单' }).focus();
  await intake.press('Enter');
  const ticket = new TicketPage(page);
  await expect(ticket.timeline).toContainText('未转接119 消防');
  await expect(ticket.timeline).toContainText('来电人已自行报警');
  await expect(ticket.timeline).toContainText('人工转接120 急救');
});
