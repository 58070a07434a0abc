/**
 * The reviewer page (/review/) in Chromium against a real server: the four queue tabs with their
 * counts, a 待派 ticket dispatched 双派 (lead + co-handling unit found by name, keyboard only), a
 * 会商 opened with two candidates, a unit's and the dispatcher's messages in the thread, a refused
 * conclusion shown next to the form, then the conclusion that dispatches to the chosen lead, and a
 * dispute decided by reassigning. Screenshots at 1366×768 go to test-results/screenshots/review-*.png.
 * Then the races of an open ticket: a late detail reply for a ticket no longer picked is dropped, a
 * queue refresh landing while a ticket opens leaves the form being filled in alone, and a real
 * change of that ticket only shows a notice. Skipped when no Chromium is installed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page, type Route } from '@playwright/test';
import { PASSWORD, Seat, api, dispatchState, startTestServer, ticketRecord, token, type TestServer } from './support';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const SHOTS = path.resolve('test-results/screenshots');

let t: TestServer;
let agent: Seat;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  t = await startTestServer();
  agent = await Seat.connect(t.url, 'agent1');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  agent?.close();
  await t?.close();
});

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `review-${name}.png`) });
  // 1366×768 must fit: the page itself never scrolls sideways or down (the columns scroll inside).
  // (A string: this file is compiled without the DOM library.)
  const overflow = await page.evaluate<{ x: boolean; y: boolean }>(
    '({ x: document.documentElement.scrollWidth > innerWidth, y: document.documentElement.scrollHeight > innerHeight })',
  );
  expect(overflow, name).toEqual({ x: false, y: false });
}

const count = (queue: string) => page.textContent(`[data-testid=count-${queue}]`);

describe.skipIf(!hasChromium)('reviewer page: queues, 双派, 会商, 争议', () => {
  it('dispatches 双派, runs a consultation to a dispatch, decides a dispute and rejects a return', async () => {
    const a = ticketRecord({ title: '小区停水', content: '望京西园三区从早上开始停水，没有通知' });
    const b = ticketRecord({ title: '河道垃圾', content: '坝河沿岸堆放大量垃圾，岸上和水面都有', categoryPath: '城乡建设', timeTier: '7d' });
    const c = ticketRecord({ title: '占道经营', content: '望京街上流动摊贩占道经营', categoryPath: '城乡建设', timeTier: '7d' });
    const d = ticketRecord({ title: '井盖缺失', content: '望京西园三区门口井盖缺失', categoryPath: '城乡建设' });
    for (const x of [a, b, c, d]) await agent.push({ type: 'ticket.create', ticket: x }, { type: 'ticket.workflow', ticketId: x.id, action: { type: 'submit' } });
    // Ticket C: dispatched to the street, which disputes it (a unit system over REST).
    const dispatcher = await token(t.url, 'dispatcher1');
    const street = await token(t.url, 'unit1');
    const dispatched = await api(t.url, dispatcher, 'POST', `/api/dispatch/tickets/${c.id}/dispatch`, {
      assignment: { leadUnitId: 'st-110105026', mode: 'direct', catalogueVersion: 1 },
    });
    expect(dispatched.status).toBe(200);
    const disputed = await api(t.url, street, 'POST', `/api/unit/tickets/${c.id}/dispute`, { reason: '流动摊贩属城管执法职责', basis: '《北京市市容环境卫生条例》' });
    expect(disputed.status).toBe(200);
    // Ticket D: dispatched to the street, which returns it.
    await api(t.url, dispatcher, 'POST', `/api/dispatch/tickets/${d.id}/dispatch`, { assignment: { leadUnitId: 'st-110105026', mode: 'direct', catalogueVersion: 1 } });
    const returned = await api(t.url, street, 'POST', `/api/unit/tickets/${d.id}/return`, { reason: '井盖属排水集团', basis: '职责目录 排水设施' });
    expect(returned.status).toBe(200);

    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(5000);
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${t.url}/review/`);
    await page.fill('#username', 'dispatcher1');
    await page.fill('#password', PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#work-view:not([hidden])');
    await expect.poll(() => count('to_dispatch')).toBe('2');
    expect(await count('disputed')).toBe('1');
    expect(await count('returned')).toBe('1');
    expect(await count('consultation')).toBe('0');

    // --- 待派 → 双派, keyboard only: search the lead, Enter; search the co unit, Enter adds it.
    await page.click(`#queue-to_dispatch button[data-ticket-id="${a.id}"]`);
    await page.waitForSelector('#dispatch-form');
    await page.click('#dispatch'); // nothing chosen yet
    await expect.poll(() => page.textContent('#dispatch-message')).toBe('请选择主办单位');
    await page.focus('#dispatch-unit-search');
    await page.keyboard.type('自来水集团');
    await page.keyboard.press('Enter');
    expect(await page.inputValue('#dispatch-unit')).toBe('en-water');
    await page.focus('#dispatch-unit-co-search');
    await page.keyboard.type('望京街道');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#dispatch-unit-co-list')).toContain('朝阳区望京街道办事处');
    expect(await page.textContent('#dispatch-unit-mode')).toContain('双派');
    await shot('to-dispatch');
    await page.focus('#dispatch-note');
    await page.keyboard.type('供水由自来水集团主办，街道协助通知居民');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.textContent('#global-message')).toMatch(/自来水/);
    await expect.poll(() => count('to_dispatch')).toBe('1');
    expect(dispatchState(t, a.id)).toMatchObject({ status: 'dispatched', assignment: { leadUnitId: 'en-water', coUnitIds: ['st-110105026'], mode: 'dual' } });
    expect(await page.textContent('#no-action')).toContain('已派');

    // --- 会商: open with two candidates and a topic.
    await page.click(`#queue-to_dispatch button[data-ticket-id="${b.id}"]`);
    await page.waitForSelector('#consult-details');
    await page.locator('body').press('h');
    await page.keyboard.type('望京街道');
    await page.keyboard.press('Enter');
    await page.fill('#consult-unit-search', '城管执法');
    await page.locator('#consult-unit').selectOption('mu-cgzf');
    await page.click('#consult-unit-add');
    await page.fill('#consult-topic', '坝河沿岸垃圾由哪家清理');
    await page.click('#consult-open');
    await expect.poll(() => count('consultation')).toBe('1');
    await page.waitForSelector('#consult-outcome-form');
    expect(dispatchState(t, b.id).consultations[0]).toMatchObject({ candidateUnitIds: ['st-110105026', 'mu-cgzf'], topic: '坝河沿岸垃圾由哪家清理' });

    // A candidate unit answers over REST; the open ticket picks it up on the next refresh (R).
    t.clock.advance(60_000); // the page notices a change by the ticket's updatedAt
    const opinion = await api(t.url, street, 'POST', `/api/unit/tickets/${b.id}/consultation`, { text: '岸上垃圾属本街道，水面垃圾请水务部门处理' });
    expect(opinion.status).toBe(200);
    await page.locator('body').press('r');
    await expect.poll(() => page.textContent('[data-testid=consultation-messages]')).toContain('岸上垃圾属本街道');
    await page.fill('#consult-message', '请城管执法局说明是否涉及违法倾倒');
    await page.click('#consult-send');
    await expect.poll(() => page.textContent('[data-testid=consultation-messages]')).toContain('请城管执法局说明是否涉及违法倾倒');
    expect(await page.textContent('[data-testid=consultation-messages]')).toContain('岸上垃圾属本街道');

    // A conclusion without text is refused: the message shows at the form, nothing changes.
    await page.locator('#conclude-unit').selectOption('mu-cgzf');
    await page.click('#conclude');
    await expect.poll(() => page.textContent('#consult-outcome-message')).toContain('会商结论不能为空');
    expect(await page.inputValue('#conclude-unit')).toBe('mu-cgzf');
    expect(dispatchState(t, b.id).status).toBe('to_dispatch');
    await shot('consultation');
    await page.fill('#consult-outcome', '涉及违法倾倒，由市城管执法局牵头');
    await page.click('#conclude');
    await expect.poll(() => count('consultation')).toBe('0');
    const concluded = dispatchState(t, b.id);
    expect(concluded).toMatchObject({ status: 'dispatched', assignment: { leadUnitId: 'mu-cgzf', mode: 'direct' } });
    expect(concluded.consultations[0]!.outcome).toMatchObject({ text: '涉及违法倾倒，由市城管执法局牵头', leadUnitId: 'mu-cgzf' });
    expect(await page.textContent('[data-testid=history]')).toContain('会商结论');

    // --- 争议: key 3 opens the tab; reassign with a basis.
    await page.locator('body').press('3');
    expect(await page.getAttribute('#tab-disputed', 'aria-selected')).toBe('true');
    await page.click(`#queue-disputed button[data-ticket-id="${c.id}"]`);
    await page.waitForSelector('#dispute-decision-form');
    expect(await page.textContent('[data-testid=dispute]')).toContain('流动摊贩属城管执法职责');
    await page.fill('#decision-basis', '流动摊贩占道经营属城管执法职责');
    await page.fill('#dispute-unit-search', '城管执法');
    await page.locator('#dispute-unit').selectOption('mu-cgzf');
    await shot('dispute');
    await page.click('#reassign');
    await expect.poll(() => count('disputed')).toBe('0');
    const decided = dispatchState(t, c.id);
    expect(decided.assignment!.leadUnitId).toBe('mu-cgzf');
    expect(decided.disputes[0]!.decision).toMatchObject({ outcome: 'reassigned', basis: '流动摊贩占道经营属城管执法职责' });
    await expect.poll(() => page.textContent('[data-testid=dispute]')).toContain('改派');

    // --- 退单: key 2; rejecting without a basis is refused at the form, then rejected with one.
    await page.locator('body').press('2');
    await page.click(`#queue-returned button[data-ticket-id="${d.id}"]`);
    await page.waitForSelector('#review-form');
    await page.click('#reject');
    await expect.poll(() => page.textContent('#review-message')).toContain('审核依据不能为空');
    expect(dispatchState(t, d.id).returns[0]!.decision).toBeNull();
    await page.fill('#review-basis', '井盖位于小区内，属物业及街道管理');
    await page.click('#reject');
    await expect.poll(() => count('returned')).toBe('0');
    expect(dispatchState(t, d.id).returns[0]!.decision).toMatchObject({ outcome: 'rejected', basis: '井盖位于小区内，属物业及街道管理' });
    await shot('after');
    expect(pageErrors).toEqual([]);
  });
});

async function signIn(): Promise<Page> {
  const p = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  p.setDefaultTimeout(5000);
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  await p.goto(`${t.url}/review/`);
  await p.fill('#username', 'dispatcher1');
  await p.fill('#password', PASSWORD);
  await p.keyboard.press('Enter');
  await p.waitForSelector('#work-view:not([hidden])');
  return p;
}

/**
 * Slows the page's detail request for one ticket: the first one waits until `release()`, later ones
 * `laterMs`. `hits` counts requests; `settled()` resolves once every one has been answered and the
 * page had time to render the reply.
 */
async function slowDetail(p: Page, ticketId: string, laterMs = 1000) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let firstHit!: () => void;
  const hit = new Promise<void>((resolve) => (firstHit = resolve));
  const state = { hits: 0, pending: 0 };
  await p.route(`${t.url}/api/dispatch/tickets/${ticketId}`, async (route: Route) => {
    const first = ++state.hits === 1;
    state.pending++;
    if (first) firstHit();
    await (first ? gate : new Promise((r) => setTimeout(r, laterMs)));
    await route.continue();
    state.pending--;
  });
  return {
    state,
    hit,
    release: () => open(),
    async settled() {
      await expect.poll(() => state.pending, { timeout: 5000 }).toBe(0);
      await p.waitForTimeout(400); // the reply, then its suggestions, then the render
    },
  };
}

describe.skipIf(!hasChromium)('reviewer page: an open ticket and the requests racing it', () => {
  it('drops a late detail reply for a ticket the reviewer has left', async () => {
    const x = ticketRecord({ title: '路灯不亮', content: '望京西路路灯连续三晚不亮' });
    const p1 = ticketRecord({ title: '噪音扰民', content: '望京西园夜间施工噪音' });
    for (const r of [x, p1]) await agent.push({ type: 'ticket.create', ticket: r }, { type: 'ticket.workflow', ticketId: r.id, action: { type: 'submit' } });
    const p = await signIn();
    const slow = await slowDetail(p, x.id);
    await p.click(`#queue-to_dispatch button[data-ticket-id="${x.id}"]`);
    await slow.hit;
    await p.click(`#queue-to_dispatch button[data-ticket-id="${p1.id}"]`);
    await expect.poll(() => p.textContent('#detail-title')).toContain('噪音扰民');
    slow.release(); // the reply for the ticket left behind arrives last
    await slow.settled();
    expect(await p.textContent('#detail-title')).toContain('噪音扰民');
    expect(await p.getAttribute(`#queue-to_dispatch button[data-ticket-id="${p1.id}"]`, 'aria-current')).toBe('true');
    await p.close();
    expect(pageErrors).toEqual([]);
  });

  it('keeps what the reviewer types when a refresh lands while the ticket opens; a real change only shows a notice', async () => {
    const other = ticketRecord({ title: '共享单车乱停', content: '望京地铁站口共享单车堆放' });
    const x = ticketRecord({ title: '楼道堆物', content: '楼道里堆满杂物', categoryPath: '城乡建设', timeTier: '7d' });
    for (const r of [other, x]) await agent.push({ type: 'ticket.create', ticket: r }, { type: 'ticket.workflow', ticketId: r.id, action: { type: 'submit' } });
    const dispatcher = await token(t.url, 'dispatcher1');
    const street = await token(t.url, 'unit1');
    await api(t.url, dispatcher, 'POST', `/api/dispatch/tickets/${x.id}/dispatch`, { assignment: { leadUnitId: 'st-110105026', mode: 'direct', catalogueVersion: 1 } });
    expect((await api(t.url, street, 'POST', `/api/unit/tickets/${x.id}/return`, { reason: '楼道堆物属物业管理', basis: '物业管理条例' })).status).toBe(200);

    const p = await signIn();
    await p.click(`#queue-to_dispatch button[data-ticket-id="${other.id}"]`);
    await p.waitForSelector('#dispatch-form');
    // Open the returned ticket with its detail held back, and let a queue refresh land meanwhile.
    const slow = await slowDetail(p, x.id);
    await p.click('#tab-returned');
    await p.click(`#queue-returned button[data-ticket-id="${x.id}"]`);
    await slow.hit;
    await p.evaluate("document.getElementById('refreshed-at').textContent = ''");
    await p.click('#refresh');
    await expect.poll(() => p.textContent('#refreshed-at')).not.toBe('');
    slow.release();
    // The reviewer starts on the form as soon as it shows.
    await p.fill('#reassign-unit-search', '城管执法');
    await p.locator('#reassign-unit').selectOption('mu-cgzf');
    await p.fill('#review-basis', '堆物占用消防通道，属城管执法范围');
    await slow.settled();
    expect(await p.inputValue('#reassign-unit-search')).toBe('城管执法');
    expect(await p.inputValue('#reassign-unit')).toBe('mu-cgzf');
    expect(await p.inputValue('#review-basis')).toBe('堆物占用消防通道，属城管执法范围');
    expect(await p.locator('#detail-updated').count()).toBe(0);
    expect(slow.state.hits).toBe(1); // nothing changed: the refresh did not even re-read it

    // Another reviewer decides the return meanwhile: the next refresh says so and keeps the form.
    expect((await api(t.url, dispatcher, 'POST', `/api/dispatch/tickets/${x.id}/return-review`, { decision: 'reject', basis: '属街道职责' })).status).toBe(200);
    await p.click('#refresh');
    await expect.poll(() => p.textContent('#detail-updated')).toContain('此工单已更新');
    await p.screenshot({ path: path.join(SHOTS, 'review-updated-notice.png') });
    expect(await p.inputValue('#review-basis')).toBe('堆物占用消防通道，属城管执法范围');
    expect(await p.inputValue('#reassign-unit')).toBe('mu-cgzf');
    await p.click('#detail-reload');
    await p.waitForSelector('#no-action');
    expect(await p.locator('#review-form').count()).toBe(0);
    expect(await p.locator('#detail-updated').count()).toBe(0);
    await p.close();
    expect(pageErrors).toEqual([]);
  });
});
