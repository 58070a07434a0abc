import { expect, type Page } from '@playwright/test';
import { IntakePage } from './pages/IntakePage';
import { SignInPage } from './pages/SignInPage';
import { TicketListPage } from './pages/TicketListPage';
import { TicketPage } from './pages/TicketPage';

/** Opens the web-mode URL and signs in if the seat is not signed in already; waits for the intake form. */
export async function openSignedIn(page: Page, url: string, agent = '王芳', seat = 'A-07'): Promise<IntakePage> {
  const signIn = new SignInPage(page);
  await page.goto(url);
  const intake = new IntakePage(page);
  await Promise.race([signIn.agent.waitFor(), intake.field('callerPhone').waitFor()]);
  if (await signIn.agent.isVisible()) await signIn.signInWithKeyboard(agent, seat);
  await intake.expectReady();
  return intake;
}

// Runs inside the page (page.evaluate); this folder is type-checked without the DOM library.
declare const sessionStorage: { getItem(key: string): string | null };

/** What a test sets on an appeal recorded through the API; the rest is a valid 望京 appeal. */
export interface AppealOverrides {
  title: string;
  content?: string;
  categoryPath?: string;
  appealType?: string;
  timeTier?: string;
}

/**
 * Saves an appeal through the page's own API session (the keyboard intake has its own tests), so a
 * test about dispatch, edits or sync starts from a recorded ticket in one step.
 */
export async function recordAppealViaApi(page: Page, overrides: AppealOverrides): Promise<void> {
  const result = await page.evaluate(async (overrides) => {
    const token = sessionStorage.getItem('hotline.sessionToken') ?? '';
    const appeal = {
      channel: 'phone', anonymous: false, callerPhone: '13912345678', callerName: '李四', isEnterprise: false, enterpriseName: '',
      districtCode: '110105', streetCode: '110105026', address: '望京西园三区南门', appealType: '投诉',
      categoryPath: '城乡建设/安全生产/安全隐患', timeTier: '7d', content: `${overrides.title}，请尽快处理。`, ...overrides,
    };
    const res = await fetch('/api/tickets.create', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotline-token': token }, body: JSON.stringify({ appeal }) });
    return (await res.json()) as { ok: boolean };
  }, overrides);
  if (!result.ok) throw new Error(`recording the appeal failed: ${JSON.stringify(result)}`);
}

/** Opens the ticket from "My tickets" with the keyboard: Ctrl+2, search, Enter. */
export async function openTicketFromList(page: Page, title: string): Promise<TicketPage> {
  const list = new TicketListPage(page);
  await list.openWithKeyboard();
  await list.searchFor(title);
  await list.expectCount(1);
  await page.keyboard.press('Enter');
  const ticket = new TicketPage(page);
  await expect(ticket.root).toContainText(title);
  return ticket;
}
