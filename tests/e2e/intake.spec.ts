/**
 * Issue 3: an agent records an appeal with the keyboard only (no mouse), sees it in My tickets
 * with the phone masked, reloads, and still sees it.
 */
import { expect, screenshot, test } from './fixtures';
import { IntakePage } from './pages/IntakePage';
import { SignInPage } from './pages/SignInPage';
import { openSignedIn } from './session';
import { TicketListPage } from './pages/TicketListPage';
import { TicketPage } from './pages/TicketPage';

test('records an appeal with the keyboard only and finds it again after a reload', async ({ page, web }) => {
  // Any mouse use would break the premise of the test.
  // (A string script: this file is type-checked without DOM types.) A real mouse click has detail > 0.
  await page.addInitScript({
    content: `for (const type of ['mousedown', 'click', 'dblclick']) {
      window.addEventListener(type, (e) => { if (e.isTrusted && e.detail > 0) window.__mouseUsed = true; }, true);
    }`,
  });

  // A CSP violation, a failed script or a React crash would show up here.
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()} ${msg.location().url}`);
  });

  const signIn = new SignInPage(page);
  await signIn.open(web.url);
  await expect(page).not.toHaveURL(/token=/); // the token leaves the address bar at once
  await screenshot(page, 'sign-in');
  await signIn.signInWithKeyboard('王芳', 'A-07');
  await expect(page.getByTestId('connection')).toContainText('仅本地'); // no server configured

  const intake = new IntakePage(page);
  await intake.expectReady();
  await expect(intake.field('callerPhone')).toBeFocused();

  // F1 lists every shortcut; Esc closes it and focus is back where it was.
  await intake.press('F1');
  const help = page.getByRole('dialog', { name: '快捷键' });
  await expect(help).toContainText('Ctrl+Enter');
  await expect(help).toContainText('F10 / F11 / F12');
  await screenshot(page, 'shortcut-help');
  await intake.press('Escape');
  await expect(help).toBeHidden();
  await expect(intake.field('callerPhone')).toBeFocused();
  await intake.type('13812345678');
  await intake.press('Tab'); // 匿名
  await intake.press('Tab');
  await expect(intake.field('callerName')).toBeFocused();
  await intake.type('张先生');
  await intake.press('Tab'); // 企业诉求
  await intake.press('Tab'); // enterprise name is disabled: focus moves on to the channel
  await expect(intake.field('channel')).toBeFocused();

  await intake.press('Alt+2'); // jump to the location group
  await expect(intake.field('districtCode')).toBeFocused();
  await intake.pickInFocusedSelect('cy', '朝阳区');
  await intake.press('Tab');
  await intake.pickInFocusedSelect('wj', '望京街道'); // pinyin initials
  await intake.press('Tab');
  await intake.type('望京西园三区5号楼');
  await intake.press('Tab');
  await expect(intake.field('appealType')).toBeFocused();
  await intake.pickInFocusedSelect('投诉', '投诉');
  await intake.press('Tab');
  await intake.pickInFocusedSelect('噪音', '噪音污染');
  await intake.press('Alt+4');
  await expect(intake.field('title')).toBeFocused();
  await intake.type('夜间施工噪音扰民');
  await intake.press('Tab');
  await intake.type('望京西园三区旁工地每天夜里十一点后还在施工，噪音很大，影响休息，希望有关部门管一管。');

  await expect(intake.selected('districtCode')).toContainText('朝阳区');
  await expect(intake.selected('streetCode')).toContainText('望京街道');
  await expect(intake.selected('categoryPath')).toContainText('噪音污染');
  await screenshot(page, 'intake-filled');

  await intake.press('Control+Enter');
  await expect(intake.lastTicket).toBeVisible();
  const number = (await intake.lastTicket.locator('button').innerText()).trim();
  expect(number).not.toBe('');
  // The form is clean for the next call, focus back on the phone field.
  await expect(intake.field('title')).toHaveValue('');
  await expect(intake.field('callerPhone')).toBeFocused();

  const list = new TicketListPage(page);
  await list.openWithKeyboard();
  const row = list.row('夜间施工噪音扰民');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('138****5678');
  await expect(row).not.toContainText('13812345678');
  await expect(row).toContainText(number);
  await screenshot(page, 'ticket-list');

  await page.reload();
  await intake.expectReady(); // still signed in: the session token survived the reload
  await list.openWithKeyboard();
  await expect(list.row('夜间施工噪音扰民')).toContainText('138****5678');

  // Chinese text search over title and content.
  await list.searchFor('十一点');
  await list.expectCount(1);
  await list.searchFor('没有这回事');
  await list.expectCount(0);
  await list.searchFor('噪音');
  await list.expectCount(1);

  await page.keyboard.press('Enter'); // opens the selected (first) ticket straight from the search box
  const ticket = new TicketPage(page);
  await expect(ticket.root).toBeVisible();
  await expect(ticket.fullPhone).toHaveText('13812345678');
  await expect(ticket.fieldValue('属地')).toContainText('朝阳区 望京街道');
  await expect(ticket.timeline).toContainText('王芳');
  await screenshot(page, 'ticket-page');
  await page.keyboard.press('Escape');
  await expect(list.search).toBeVisible();

  expect(await page.evaluate('window.__mouseUsed === true')).toBe(false);
  expect(problems).toEqual([]);
});

test('an anonymous caller is recorded without a phone number', async ({ page, web }) => {
  const intake = await openSignedIn(page, web.url);
  await intake.press('Tab'); // to 匿名
  await intake.press('Space');
  await expect(intake.field('callerPhone')).toBeDisabled();
  await intake.press('Alt+3');
  await intake.pickInFocusedSelect('举报', '举报');
  await intake.press('Tab');
  await intake.pickInFocusedSelect('zywr', '噪音污染');
  await intake.press('Alt+4');
  await intake.type('歌厅深夜扰民');
  await intake.press('Tab');
  await intake.type('某歌厅每晚营业到凌晨三点，音响很吵。');
  await intake.press('Control+Enter');
  await expect(intake.lastTicket).toBeVisible();
  await expect(intake.field('callerPhone')).toBeEnabled(); // the next call starts with a phone again

  const list = new TicketListPage(page);
  await list.openWithKeyboard();
  await expect(list.row('歌厅深夜扰民')).toContainText('匿名');
  await page.keyboard.press('Enter');
  await expect(new TicketPage(page).fieldValue('来电号码')).toHaveText('匿名');
});
