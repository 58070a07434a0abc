/** Pushed events: a ticket saved in one window shows up in another window's list without a reload. */
import { expect, test } from './fixtures';
import { TicketListPage } from './pages/TicketListPage';
import { openSignedIn } from './session';

test('My tickets refreshes on the tickets.changed event', async ({ page, context, web }) => {
  const intake = await openSignedIn(page, web.url);
  const other = await context.newPage();
  await openSignedIn(other, web.url);
  const otherList = new TicketListPage(other);
  await otherList.openWithKeyboard();
  await otherList.expectCount(0);

  await intake.type('010-62345678');
  await intake.press('Alt+3');
  await intake.press('Tab');
  await intake.pickInFocusedSelect('zywr', '噪音污染');
  await intake.press('Alt+4');
  await intake.type('广场舞音响太吵');
  await intake.press('Tab');
  await intake.type('小区广场每晚九点后音响声音很大。');
  await intake.press('Control+Enter');
  await expect(intake.lastTicket).toBeVisible();

  // No reload, no navigation in the other window: the socket event refreshed its list.
  await expect(otherList.row('广场舞音响太吵')).toContainText('010-****5678');
});
