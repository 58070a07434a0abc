/**
 * The unit page and the reviewer page in Chromium against a real server: the reviewer dispatches,
 * the unit returns with reason and basis, the reviewer approves and re-dispatches to another unit,
 * that unit accepts, starts and replies with an attachment, and the agent's seat sees the reply in
 * the ticket timeline. Ticket text is shown as text, never run. Skipped when no Chromium is installed.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from '@playwright/test';
import { PASSWORD, Seat, dispatchState, startTestServer, ticketRecord, type TestServer } from './support';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);

let t: TestServer;
let agent: Seat;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  t = await startTestServer();
  agent = await Seat.connect(t.url, 'agent1');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
  agent?.close();
  await t?.close();
});

async function signIn(path: string, username: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN' });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${t.url}${path}`);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#work-view:not([hidden])');
  return page;
}

describe.skipIf(!hasChromium)('unit and reviewer web pages', () => {
  it('dispatch → unit returns → reviewer re-dispatches → new unit replies; the agent sees the reply', async () => {
    const ticket = ticketRecord({ title: '楼道堆物', content: '楼道里堆满杂物<img src=x onerror=alert(1)>', categoryPath: '城乡建设', timeTier: '7d' });
    await agent.push({ type: 'ticket.create', ticket }, { type: 'ticket.workflow', ticketId: ticket.id, action: { type: 'submit' } });

    const review = await signIn('/review/', 'dispatcher1');
    await review.locator(`#queue-to_dispatch button[data-ticket-id="${ticket.id}"]`).click();
    await review.fill('#dispatch-unit-search', '望京街道');
    await review.locator('#dispatch-unit').selectOption('st-110105026');
    await review.click('#dispatch');
    await expect.poll(() => review.textContent('#global-message')).toMatch(/直派至 朝阳区望京街道办事处/);

    const street = await signIn('/units/', 'unit1');
    await street.locator(`#inbox button[data-ticket-id="${ticket.id}"]`).click();
    expect(await street.textContent('.content')).toContain('<img src=x'); // shown as text
    await street.fill('#return-reason', '楼道堆物属物业管理范围');
    await street.fill('#return-basis', '《北京市物业管理条例》');
    await street.click('#return-form button[type=submit]');
    await expect.poll(() => street.textContent('#global-message')).toMatch(/申请退单/);
    await street.waitForSelector('[data-testid=pending-note]');

    // The reviewer picks up the return on the next refresh and re-dispatches it.
    await review.click('#refresh');
    await review.click('#tab-returned');
    await review.locator(`#queue-returned button[data-ticket-id="${ticket.id}"]`).click();
    await review.fill('#reassign-unit-search', '城管执法');
    await review.locator('#reassign-unit').selectOption('mu-cgzf');
    await review.fill('#review-basis', '堆物占用消防通道，属城管执法范围');
    await review.click('#approve');
    await expect.poll(() => review.textContent('#global-message')).toMatch(/退单通过，改派/);

    const city = await signIn('/units/', 'unit3');
    await city.locator(`#inbox button[data-ticket-id="${ticket.id}"]`).click();
    await city.click('#accept');
    await expect.poll(() => city.textContent('#global-message')).toMatch(/签收/);
    await city.click('#start');
    await expect.poll(() => city.textContent('#global-message')).toMatch(/开始办理/);
    await city.fill('#reply-text', '已清理楼道杂物并告知物业');
    await city.setInputFiles('#reply-files', { name: '现场.txt', mimeType: 'text/plain', buffer: Buffer.from('清理完毕') });
    await city.click('#reply-form button[type=submit]');
    await expect.poll(() => city.textContent('#global-message')).toMatch(/反馈办理结果/);
    await expect.poll(() => city.textContent('[data-testid=history]')).toContain('已清理楼道杂物并告知物业');
    expect(await city.textContent('#detail')).toContain('现场.txt');

    const state = dispatchState(t, ticket.id);
    expect(state).toMatchObject({ status: 'replied', responsibleUnitId: 'mu-cgzf' });
    expect(state.returns[0]!.decision!.outcome).toBe('approved');
    const live = await agent.waitFor(ticket.id, (c) => c.ticket.status === 'replied');
    expect(live.events.at(-1)!.summary).toContain('已清理楼道杂物并告知物业');
    // The returning unit still sees the decision on its return.
    await street.click('#refresh');
    await street.locator(`#related button[data-ticket-id="${ticket.id}"]`).click();
    await expect.poll(() => street.textContent('[data-testid=return]')).toMatch(/同意退单/);
    expect(pageErrors).toEqual([]);
  });
});
