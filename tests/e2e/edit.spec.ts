/**
 * Editing a saved appeal on the ticket page (Alt+E), keyboard only: the new values show at once,
 * the timeline records "修改了…" (待同步 while no server confirmed it), a reload keeps them; an
 * empty content is refused next to the field in Chinese and changes nothing. With a central
 * server: the 待同步 mark goes once the server applied the edit, and an offline edit made stale by
 * another agent's edit comes back as 服务器拒绝 with the server's reason.
 */
import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { test, expect, screenshot } from './fixtures';
import { DEMO_PASSWORD, startCentralServer, type CentralServer } from './central-server';
import { freshDataDir, startWebMode, type WebModeProcess } from './web-mode';
import { SignInPage } from './pages/SignInPage';
import { EditForm } from './pages/EditForm';
import { openSignedIn, openTicketFromList, recordAppealViaApi } from './session';

// Runs inside the page (page.evaluate); this file is type-checked without the DOM library.

const TITLE = '望京西园路灯不亮';
const NEW_TITLE = '酒仙桥路口路灯整夜不亮';
const CONTENT = '望京西园三区南门的路灯已经一周不亮，晚上行人看不清路。';



test('Alt+E edits title, tier and street by keyboard; the timeline says 修改了…; a reload keeps it; empty content is refused', async ({ page, web }) => {
  const intake = await openSignedIn(page, web.url);
  await recordAppealViaApi(page, { title: TITLE, content: CONTENT, categoryPath: '城乡建设/城市建设和市政管理/城管执法' });
  const ticket = await openTicketFromList(page, TITLE);
  const form = new EditForm(page);
  await expect(ticket.editButton).toContainText('Alt+E');
  // The F1 overlay lists the edit keys too.
  await page.keyboard.press('F1');
  const help = page.locator('.ant-modal').filter({ hasText: '快捷键' });
  await expect(help.locator('tr', { hasText: '工单详情' }).filter({ hasText: 'Alt+E' })).toBeVisible();
  await expect(help.locator('tr', { hasText: '编辑诉求' }).filter({ hasText: 'Ctrl+Enter / Esc' })).toBeVisible();
  await page.keyboard.press('F1');
  await expect(help).toBeHidden();

  // Alt+E: the form opens at the first field; the caller's details are explained as not editable.
  await page.keyboard.press('Alt+e');
  await expect(form.root).toBeVisible();
  await expect(form.field('appealType')).toBeFocused();
  await expect(form.callerHint).toContainText('来电人信息');
  await expect(form.callerHint).toContainText('不可修改');
  await expect(form.root.locator('#edit-callerPhone')).toHaveCount(0);

  await form.tabTo('timeTier');
  await form.pick('timeTier', '紧急', '2小时（紧急）');
  await form.tabTo('title');
  await form.replaceText('title', NEW_TITLE);
  await form.tabTo('streetCode');
  // Typing over the current street (望京街道) searches; Enter takes the first hit, not the old value.
  await form.pick('streetCode', 'jxq', '酒仙桥街道');
  await screenshot(page, 'ticket-edit');

  await page.keyboard.press('Control+Enter');
  await expect(form.root).toBeHidden();
  await expect(ticket.fieldValue('标题')).toHaveText(NEW_TITLE);
  await expect(ticket.fieldValue('办理时限')).toHaveText('2小时（紧急）');
  await expect(ticket.fieldValue('属地')).toContainText('酒仙桥街道');
  await expect(ticket.fieldValue('诉求内容')).toHaveText(CONTENT);
  await expect(ticket.editEvents).toHaveCount(1);
  const entry = ticket.editEvents.first();
  await expect(entry).toContainText('修改了');
  for (const label of ['标题', '办理时限', '街道乡镇']) await expect(entry).toContainText(label);
  await expect(entry).not.toContainText('诉求内容');
  // No central server in this test: the edit waits in the outbox, and says so.
  await expect(entry.getByTestId('event-sync')).toHaveText('待同步');
  await expect(ticket.fieldValue('状态')).toContainText('待同步');
  await screenshot(page, 'ticket-edited');

  // A reload reads the ticket back from the local store.
  await page.reload();
  await intake.expectReady();
  const reopened = await openTicketFromList(page, NEW_TITLE);
  await expect(reopened.fieldValue('办理时限')).toHaveText('2小时（紧急）');
  await expect(reopened.fieldValue('属地')).toContainText('酒仙桥街道');
  await expect(reopened.editEvents).toHaveCount(1);

  // An empty content: the Chinese error sits under the field, the form stays, nothing is stored.
  await page.keyboard.press('Alt+e');
  await expect(form.field('appealType')).toBeFocused();
  await form.tabTo('content');
  await form.replaceText('content', '');
  await page.keyboard.press('Control+Enter');
  await expect(form.fieldError('content')).toHaveText('请填写诉求内容');
  await expect(form.root).toBeVisible();
  await screenshot(page, 'ticket-edit-error');
  // Esc cancels: the page keeps the stored content and no new history entry appears.
  await page.keyboard.press('Escape');
  await expect(form.root).toBeHidden();
  await expect(reopened.root).toBeVisible();
  await expect(reopened.editButton).toBeFocused();
  await expect(reopened.fieldValue('诉求内容')).toHaveText(CONTENT);
  await expect(reopened.editEvents).toHaveCount(1);
});

async function signedInWithServer(browser: Browser, url: string, user: string, seat: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.openWithServer(url);
  await signIn.signInWithPassword(user, DEMO_PASSWORD, seat);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'online', { timeout: 10_000 });
  return page;
}

/** Alt+E, retype one text field, Ctrl+Enter; the page shows the fields again. */
async function editText(page: Page, field: 'title' | 'address', text: string): Promise<void> {
  const form = new EditForm(page);
  await page.keyboard.press('Alt+e');
  await expect(form.field('appealType')).toBeFocused();
  await form.tabTo(field);
  await form.replaceText(field, text);
  await page.keyboard.press('Control+Enter');
  await expect(form.root).toBeHidden();
}

test('with a server: 待同步 clears once applied; a stale offline edit shows 服务器拒绝 with the reason', async ({ browser }) => {
  test.setTimeout(120_000);
  const serverDir = freshDataDir();
  const dirA = freshDataDir();
  let server: CentralServer = await startCentralServer(serverDir);
  const port = Number(new URL(server.url).port);
  const clients: WebModeProcess[] = [];
  try {
    clients.push(await startWebMode(dirA, 30_000, ['--server', server.url]));
    clients.push(await startWebMode(freshDataDir(), 30_000, ['--server', server.url]));
    let pageA = await signedInWithServer(browser, clients[0]!.url, 'agent1', 'A-01');
    const pageB = await signedInWithServer(browser, clients[1]!.url, 'agent2', 'A-02');
    await recordAppealViaApi(pageA, { title: TITLE, content: CONTENT, categoryPath: '城乡建设/城市建设和市政管理/城管执法' });
    let ticketA = await openTicketFromList(pageA, TITLE);
    await expect(ticketA.fieldValue('工单号')).toContainText(/\d{8}-\d{6}/, { timeout: 10_000 });

    // Online: the edit is applied by the server and its entry loses the 待同步 mark.
    await editText(pageA, 'title', NEW_TITLE);
    await expect(ticketA.editEvents).toHaveCount(1);
    await expect(ticketA.fieldValue('状态')).toContainText('已同步', { timeout: 10_000 });
    await expect(ticketA.editEvents.first().getByTestId('event-sync')).toHaveCount(0);

    // A edits offline, then closes the app with the edit still unsent.
    await server.stop('SIGKILL');
    await expect(pageA.getByTestId('connection')).toHaveAttribute('data-state', /offline|error/, { timeout: 10_000 });
    await editText(pageA, 'address', '望京西园三区南门东侧');
    await expect(ticketA.editEvents).toHaveCount(2);
    await expect(ticketA.editEvents.last().getByTestId('event-sync')).toHaveText('待同步');
    await clients[0]!.kill('SIGTERM');
    await pageA.context().close();

    // Meanwhile B changes the same ticket on the server.
    server = await startCentralServer(serverDir, port);
    await expect(pageB.getByTestId('connection')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
    const ticketB = await openTicketFromList(pageB, NEW_TITLE);
    await editText(pageB, 'address', '望京西园三区北门');
    await expect(ticketB.fieldValue('状态')).toContainText('已同步', { timeout: 10_000 });

    // A comes back: its edit was made against an older version, and the server refuses it.
    clients[0] = await startWebMode(dirA, 30_000, ['--server', server.url]);
    // The restarted client keeps its signed-in seat: no sign-in form this time.
    pageA = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await pageA.goto(clients[0].url);
    await expect(pageA.getByTestId('connection')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
    ticketA = await openTicketFromList(pageA, NEW_TITLE);
    await expect(ticketA.fieldValue('状态')).toContainText('服务器拒绝', { timeout: 15_000 });
    await expect(ticketA.fieldValue('状态')).toContainText('他人修改');
    await expect(ticketA.timeline).toContainText('服务器拒绝');
    await screenshot(pageA, 'ticket-edit-stale');
  } finally {
    for (const client of clients) await client.kill('SIGTERM');
    await server.stop('SIGTERM');
    fs.rmSync(serverDir, { recursive: true, force: true });
  }
});
