/**
 * Issue 3, bad input: an invalid phone, empty content and content over the limit each show a
 * Chinese error next to the field, focus goes to the first bad field, and nothing is saved.
 */
import { expect, screenshot, test } from './fixtures';
import { TicketListPage } from './pages/TicketListPage';
import { openSignedIn } from './session';

test('invalid phone, empty content and over-long content are refused with field errors', async ({ page, web }) => {
  const intake = await openSignedIn(page, web.url);
  await intake.type('12345');
  await intake.press('Alt+3');
  await intake.press('Tab');
  await intake.pickInFocusedSelect('噪音', '噪音污染');
  await intake.press('Alt+4');
  await intake.type('楼上装修噪音');

  await intake.press('Control+Enter');
  await expect(intake.fieldError('callerPhone')).toContainText('电话号码格式不对');
  await expect(intake.fieldError('content')).toHaveText('请填写诉求内容');
  await expect(intake.field('callerPhone')).toBeFocused(); // the first bad field
  await expect(intake.fieldError('title')).toHaveCount(0);
  await screenshot(page, 'intake-errors');

  // Fixing the phone clears its error; content over the documented limit (4000) is refused.
  await page.keyboard.press('Control+a');
  await intake.type('13812345678');
  await expect(intake.fieldError('callerPhone')).toHaveCount(0);
  await intake.field('content').fill('吵'.repeat(4001));
  await expect(intake.fieldError('content')).toHaveText('诉求内容不能超过4000个字');
  await intake.press('Control+Enter');
  await expect(intake.field('content')).toBeFocused();
  await expect(intake.fieldError('content')).toHaveText('诉求内容不能超过4000个字');
  await expect(intake.lastTicket).toHaveCount(0);

  const list = new TicketListPage(page);
  await list.openWithKeyboard();
  await expect(page.getByText('还没有工单')).toBeVisible();
  await list.expectCount(0);

  // Back on the form nothing was lost, and at the limit exactly the appeal is saved.
  await page.keyboard.press('Control+1');
  await intake.field('content').fill('吵'.repeat(4000));
  await intake.press('Control+Enter');
  await expect(intake.lastTicket).toBeVisible();
  await list.openWithKeyboard();
  await list.expectCount(1);
});

test('a field error from the core (unknown street code) shows next to its field and saves nothing', async ({ page, web }) => {
  const intake = await openSignedIn(page, web.url);
  // The picker only offers real streets, so tamper with the request on its way to the core.
  await page.route('**/api/tickets.create', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { appeal: Record<string, unknown> };
    body.appeal.streetCode = '110105999';
    await route.continue({ postData: JSON.stringify(body) });
  });
  await intake.type('13812345678');
  await intake.press('Alt+2');
  await intake.press('Tab'); // from 区 to 街道/乡镇: picking the street fills in the district
  await intake.pickInFocusedSelect('wj', '望京街道');
  await intake.press('Alt+3');
  await intake.press('Tab');
  await intake.pickInFocusedSelect('噪音', '噪音污染');
  await intake.press('Alt+4');
  await intake.type('工地噪音');
  await intake.press('Tab');
  await intake.type('夜里施工。');
  await intake.press('Control+Enter');

  await expect(intake.fieldError('streetCode')).toHaveText('没有代码为 110105999 的街道乡镇');
  await expect(intake.field('streetCode')).toBeFocused();
  await expect(intake.lastTicket).toHaveCount(0);
  await expect(intake.field('content')).toHaveValue('夜里施工。'); // nothing the agent typed is lost
  const list = new TicketListPage(page);
  await list.openWithKeyboard();
  await list.expectCount(0);
});
