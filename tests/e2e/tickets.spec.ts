/** My tickets: filters by status, type, date and text; new appeal (Alt+N) keeps the agent from losing work by accident. */
import { expect, test } from './fixtures';
import type { IntakePage } from './pages/IntakePage';
import { TicketListPage } from './pages/TicketListPage';
import { openSignedIn } from './session';

async function record(intake: IntakePage, phone: string, type: string, title: string, content: string): Promise<void> {
  await intake.type(phone);
  await intake.press('Alt+3');
  await intake.pickInFocusedSelect(type, type);
  await intake.press('Tab');
  await intake.pickInFocusedSelect('zywr', '噪音污染');
  await intake.press('Alt+4');
  await intake.type(title);
  await intake.press('Tab');
  await intake.type(content);
  await intake.press('Control+Enter');
  await expect(intake.field('title')).toHaveValue('');
}

test('filters narrow the list by type, status, date and Chinese text', async ({ page, web }) => {
  const intake = await openSignedIn(page, web.url);
  await record(intake, '13800000001', '投诉', '夜间施工噪音', '工地凌晨还在打桩。');
  await record(intake, '13800000002', '建议', '增设隔音屏', '建议在快速路旁增设隔音屏。');

  const list = new TicketListPage(page);
  await list.openWithKeyboard();
  await list.expectCount(2);

  await page.locator('#ticket-filter-type').focus();
  await page.keyboard.type('建议');
  await page.keyboard.press('Enter');
  await expect(list.rows).toHaveCount(1);
  await expect(list.rows.first()).toContainText('增设隔音屏');

  await page.locator('#ticket-filter-status').focus();
  await page.keyboard.type('办结');
  await page.keyboard.press('Enter');
  await expect(page.getByText('没有符合条件的工单')).toBeVisible();

  await page.reload(); // filters are per view: a reload starts unfiltered
  await intake.expectReady();
  await list.openWithKeyboard();
  await list.expectCount(2);
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const range = page.locator('.filters .ant-picker-range input');
  await range.first().fill('2020-01-01');
  await range.last().fill('2020-01-31');
  await page.keyboard.press('Enter');
  await expect(page.getByText('没有符合条件的工单')).toBeVisible();
  await range.first().fill(today);
  await range.last().fill(today);
  await page.keyboard.press('Enter');
  await list.expectCount(2);

  await list.searchFor('凌晨');
  await expect(list.rows).toHaveCount(1);
  await expect(list.rows.first()).toContainText('夜间施工噪音');
  await expect(list.rows.first()).toContainText('138****0001');
});

test('Alt+N on a filled form asks first; cancelling keeps every field', async ({ page, web }) => {
  const intake = await openSignedIn(page, web.url);
  await intake.type('13812345678');
  await intake.press('Alt+4');
  await intake.type('路灯不亮');
  await intake.press('Alt+N');
  const dialog = page.getByRole('dialog', { name: '开始新诉求？' });
  await expect(dialog).toBeVisible();
  await intake.press('Enter'); // focus sits on 继续填写
  await expect(dialog).toBeHidden();
  await expect(intake.field('title')).toHaveValue('路灯不亮');

  await intake.press('Alt+N');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: /放弃草稿/ }).focus();
  await intake.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(intake.field('title')).toHaveValue('');
  await expect(intake.field('callerPhone')).toBeFocused();
});
