/**
 * The dispatch cycle of issue 5 across the three kinds of user, against a real central server:
 * an agent dispatches a recorded appeal with the keyboard (offline first: "待服务器确认" until the
 * server is back); the unit (server page /units/) returns it; the reviewer (/review/) approves the
 * return and re-dispatches to another unit; that unit accepts and replies; the agent's ticket
 * timeline shows the return, the re-dispatch and the reply text.
 */
import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { test, expect, screenshot } from './fixtures';
import { DEMO_PASSWORD, startCentralServer, type CentralServer } from './central-server';
import { freshDataDir, startWebMode, type WebModeProcess } from './web-mode';
import { DispatchPanel } from './pages/DispatchPanel';
import { IntakePage } from './pages/IntakePage';
import { ReviewPage } from './pages/ReviewPage';
import { SignInPage } from './pages/SignInPage';
import { UnitsPage } from './pages/UnitsPage';
import { openSignedIn, openTicketFromList, recordAppealViaApi } from './session';

// Runs inside the page (page.evaluate); this folder is type-checked without the DOM library.
declare const sessionStorage: { getItem(key: string): string | null };

// Runs inside the page (page.evaluate); this file is type-checked without the DOM library.



async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

const TITLE = '望京西园小区门口占道经营';

test('agent dispatches by keyboard; the unit returns; the reviewer re-dispatches; the new unit replies; the agent sees it all', async ({ browser }) => {
  test.setTimeout(150_000);
  const serverDir = freshDataDir();
  let server: CentralServer = await startCentralServer(serverDir);
  const port = Number(new URL(server.url).port);
  let client: WebModeProcess | undefined;
  try {
    client = await startWebMode(freshDataDir(), 30_000, ['--server', server.url]);
    const agent = await newPage(browser);
    const signIn = new SignInPage(agent);
    await signIn.openWithServer(client.url);
    await signIn.signInWithPassword('agent1', DEMO_PASSWORD, 'A-01');
    await expect(agent.getByTestId('connection')).toHaveAttribute('data-state', 'online', { timeout: 10_000 });

    await recordAppealViaApi(agent, {
      title: TITLE,
      content: '望京西园三区小区南门外每天傍晚有商贩占道经营，还在人行道上堆放杂物，老人和孩子只能走机动车道。',
      categoryPath: '城乡建设/城市建设和市政管理/城管执法',
    });
    const ticket = await openTicketFromList(agent, TITLE);
    await expect(ticket.fieldValue('工单号')).toContainText(/\d{8}-\d{6}/, { timeout: 10_000 });

    // The panel lists the catalogue's suggestions: matter, unit, 直派/双派, tier, why, score.
    const panel = new DispatchPanel(agent);
    await panel.expectSuggestions();
    await expect(panel.choice(1)).toContainText('占道经营');
    await expect(panel.choice(1)).toContainText('朝阳区望京街道办事处');
    await expect(panel.choice(1)).toContainText('直派');
    await expect(panel.choice(1)).toContainText('7天');
    await expect(panel.choice(1)).toContainText('命中关键词');
    // Enter before any choice dispatches nothing and says why, next to the list.
    await agent.keyboard.press('Enter');
    await expect(panel.fieldError('choice')).toContainText('请先按');
    const key = await panel.keyOf('朝阳区望京街道办事处');
    await panel.select(key);
    await expect(panel.hint).toContainText('将直派至 朝阳区望京街道办事处');
    await screenshot(agent, 'dispatch-panel');

    // The server goes away: the agent still dispatches with one key; the entry waits for the server.
    await server.stop('SIGKILL');
    await expect(agent.getByTestId('connection')).toHaveAttribute('data-state', /offline|error/, { timeout: 10_000 });
    await panel.confirm();
    await expect(panel.root).toHaveCount(0);
    await expect(ticket.pendingEvents).toHaveCount(1);
    await expect(ticket.pendingEvents.first()).toContainText('直派至 朝阳区望京街道办事处');
    await expect(ticket.pendingEvents.first()).toContainText('待服务器确认');
    await expect(ticket.fieldValue('状态')).toContainText('已派');
    await screenshot(agent, 'dispatch-pending');

    // Back: the server applies it and its own entry replaces the local one.
    server = await startCentralServer(serverDir, port);
    await expect(ticket.pendingEvents).toHaveCount(0, { timeout: 30_000 });
    await expect(ticket.events('dispatch.')).toHaveCount(1);
    await expect(ticket.events('dispatch.').first()).toContainText('望京街道');

    // The unit (望京街道, account unit1) sees it in its inbox and returns it with a reason.
    const unit1 = new UnitsPage(await newPage(browser));
    await unit1.open(server.url);
    await unit1.signIn('unit1', DEMO_PASSWORD);
    await expect(unit1.inboxItem(TITLE)).toBeVisible();
    await unit1.openTicket(TITLE);
    await screenshot(unit1.page, 'unit-inbox');
    await unit1.returnTicket('占道经营属城管执法职责，本街道无执法权', '职责目录 H016；《北京市市容环境卫生条例》');

    // The reviewer approves the return and re-dispatches to 市城管执法局 (account unit3).
    const review = new ReviewPage(await newPage(browser));
    await review.open(server.url);
    await review.signIn('dispatcher1', DEMO_PASSWORD);
    await expect(review.returnedItem(TITLE)).toBeVisible();
    await review.openReturned(TITLE);
    await expect(review.detail.getByTestId('return')).toContainText('本街道无执法权');
    await screenshot(review.page, 'review-queue');
    await review.approveAndReassign('市城管执法局', 'mu-cgzf', '商贩占道经营由城管执法部门处理');

    // 市城管执法局 accepts and replies.
    const unit3 = new UnitsPage(await newPage(browser));
    await unit3.open(server.url);
    await unit3.signIn('unit3', DEMO_PASSWORD);
    await unit3.openTicket(TITLE);
    await unit3.accept();
    const replyText = '已派执法队员到望京西园三区南门，清理占道摊点和堆物，并约谈摊主，将持续巡查。';
    await unit3.reply(replyText);

    // The agent's open ticket follows along: the return, the re-dispatch and the reply text.
    await expect(ticket.timeline).toContainText('本街道无执法权', { timeout: 30_000 });
    await expect(ticket.timeline).toContainText(/城市管理综合行政执法局|市城管执法局/, { timeout: 30_000 });
    await expect(ticket.timeline).toContainText(replyText, { timeout: 30_000 });
    await expect(ticket.fieldValue('状态')).toContainText('已反馈');
    await expect(ticket.pendingEvents).toHaveCount(0);
    await screenshot(agent, 'ticket-after-reply');
  } finally {
    await client?.kill('SIGTERM');
    await server.stop('SIGTERM');
    fs.rmSync(serverDir, { recursive: true, force: true });
  }
});

test('closing without dispatch: 当场答复 needs the answer, 引导 needs the channel and explanation; Chinese errors next to the fields', async ({ page, web }) => {
  await openSignedIn(page, web.url);
  await recordAppealViaApi(page, { title: '社保卡丢失如何补办', content: '来电人咨询社保卡丢了怎么补办，需要带什么材料。', categoryPath: '劳动和社会保障/城镇职工社会保险/其他', appealType: '咨询' });
  await recordAppealViaApi(page, { title: '不服区里的行政处罚决定', content: '来电人对区里作出的罚款决定不服，想知道怎么申诉。', categoryPath: '城乡建设/城市建设和市政管理/城管执法' });

  // 当场答复办结: Alt+A opens the form at the answer; an empty answer is refused next to the field.
  let ticket = await openTicketFromList(page, '社保卡丢失如何补办');
  const panel = new DispatchPanel(page);
  await expect(panel.root).toBeVisible();
  // Every panel action is listed in the F1 overlay with its key.
  await page.keyboard.press('F1');
  const help = page.locator('.ant-modal').filter({ hasText: '快捷键' });
  for (const key of ['1 … 5', 'Enter / Ctrl+D', 'Alt+A', 'Alt+L']) await expect(help.locator('tr', { hasText: '派单' }).filter({ hasText: key }).first()).toBeVisible();
  await screenshot(page, 'dispatch-shortcuts');
  await page.keyboard.press('F1');
  await expect(help).toBeHidden();
  await page.keyboard.press('Alt+a');
  await expect(panel.answerForm).toBeVisible();
  await expect(page.locator('#dispatch-answer')).toBeFocused();
  await page.keyboard.press('Control+Enter');
  await expect(panel.fieldError('answer')).toHaveText('请填写答复内容');
  // Esc steps back to the suggestions (nothing is lost), Alt+A returns to the form.
  await page.keyboard.press('Escape');
  await expect(panel.root).toHaveAttribute('data-mode', 'dispatch');
  await page.keyboard.press('Alt+a');
  await page.keyboard.type('携带身份证到任一社保经办网点或合作银行网点办理挂失补办，当场可取临时卡。');
  await expect(panel.fieldError('answer')).toHaveCount(0);
  await page.keyboard.press('Control+Enter');
  await expect(panel.root).toHaveCount(0);
  await expect(ticket.timeline).toContainText('当场答复办结：携带身份证到任一社保经办网点');
  await expect(ticket.fieldValue('状态')).toContainText('直接答复');
  await page.keyboard.press('Escape');

  // 引导至法定途径: Alt+L opens the form at the channel; both fields are required.
  ticket = await openTicketFromList(page, '不服区里的行政处罚决定');
  await page.keyboard.press('Alt+l');
  await expect(panel.referForm).toBeVisible();
  await expect(page.locator('#dispatch-channel')).toBeFocused();
  await page.keyboard.press('Control+Enter');
  await expect(panel.fieldError('channel')).toHaveText('请选择法定途径');
  await expect(panel.fieldError('explanation')).toHaveText('请填写引导说明');
  await screenshot(page, 'dispatch-refer-errors');
  await page.keyboard.type('行政复议');
  await expect(page.locator('.popup-dispatch-channel .ant-select-item-option-active')).toContainText('行政复议');
  await page.keyboard.press('Enter');
  await expect(panel.fieldError('channel')).toHaveCount(0);
  // Tab once the option list has closed, as the agent sees it: in one full run a Tab sent right after the
  // Enter left the focus on the select.
  await expect(page.locator('.popup-dispatch-channel .ant-select-item-option-active')).toBeHidden();
  await page.keyboard.press('Tab');
  await expect(page.locator('#dispatch-explanation')).toBeFocused();
  await page.keyboard.type('可自知道处罚决定之日起60日内向区政府申请行政复议，或6个月内向法院起诉。');
  await page.keyboard.press('Control+Enter');
  await expect(panel.root).toHaveCount(0);
  await expect(ticket.timeline).toContainText('引导至行政复议：可自知道处罚决定之日起60日内');
  await expect(ticket.fieldValue('状态')).toContainText('已引导');
});

/** The dispatcher dispatches over the REST API (docs/UNITS-API.md), as the reviewer page would. */
async function dispatchAsDispatcher(serverUrl: string, ticketId: string, leadUnitId: string): Promise<void> {
  const login = await fetch(`${serverUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dispatcher1', password: DEMO_PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${serverUrl}/api/dispatch/tickets/${ticketId}/dispatch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ assignment: { leadUnitId, mode: 'direct', catalogueVersion: 1 }, note: '派单员已先行派单' }),
  });
  expect(res.status, await res.text()).toBe(200);
}

test('a dispatch the server refuses shows 服务器拒绝 with the reason on the ticket', async ({ browser }) => {
  test.setTimeout(120_000);
  const serverDir = freshDataDir();
  const clientDir = freshDataDir();
  let server: CentralServer = await startCentralServer(serverDir);
  const port = Number(new URL(server.url).port);
  let client: WebModeProcess | undefined;
  try {
    client = await startWebMode(clientDir, 30_000, ['--server', server.url]);
    const agent = await newPage(browser);
    const signIn = new SignInPage(agent);
    await signIn.openWithServer(client.url);
    await signIn.signInWithPassword('agent1', DEMO_PASSWORD, 'A-01');
    const title = '望京西园南门又有占道经营';
    await recordAppealViaApi(agent, { title, content: '望京西园三区南门外傍晚有商贩占道经营，影响通行。', categoryPath: '城乡建设/城市建设和市政管理/城管执法' });
    let ticket = await openTicketFromList(agent, title);
    await expect(ticket.fieldValue('工单号')).toContainText(/\d{8}-\d{6}/, { timeout: 10_000 });
    const ticketId = await agent.evaluate(async (title) => {
      const token = sessionStorage.getItem('hotline.sessionToken') ?? '';
      const res = await fetch('/api/tickets.list', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotline-token': token }, body: JSON.stringify({ text: title }) });
      const body = (await res.json()) as { value: { id: string }[] };
      return body.value[0]!.id;
    }, title);

    // Offline, the agent dispatches; the command waits in the outbox while the seat is closed.
    await server.stop('SIGKILL');
    await expect(agent.getByTestId('connection')).toHaveAttribute('data-state', /offline|error/, { timeout: 10_000 });
    const panel = new DispatchPanel(agent);
    await panel.select(await panel.keyOf('朝阳区望京街道办事处'));
    await panel.confirm();
    await expect(ticket.pendingEvents).toHaveCount(1);
    await client.kill('SIGTERM');

    // Meanwhile the dispatcher sends the ticket elsewhere; the agent's dispatch now comes too late.
    server = await startCentralServer(serverDir, port);
    await dispatchAsDispatcher(server.url, ticketId, 'mu-cgzf');
    client = await startWebMode(clientDir, 30_000, ['--server', server.url]);
    await agent.goto(client.url);
    await new IntakePage(agent).expectReady(); // still signed in: the seat's session is kept on this machine
    ticket = await openTicketFromList(agent, title);
    await expect(ticket.fieldValue('状态')).toContainText('服务器拒绝', { timeout: 30_000 });
    await expect(ticket.fieldValue('状态')).toContainText('不能派单');
    await expect(ticket.timeline).toContainText('北京市城市管理综合行政执法局');
    await expect(ticket.pendingEvents).toHaveCount(0);
    await screenshot(agent, 'dispatch-rejected');
  } finally {
    await client?.kill('SIGTERM');
    await server.stop('SIGTERM');
    fs.rmSync(serverDir, { recursive: true, force: true });
    fs.rmSync(clientDir, { recursive: true, force: true });
  }
});
