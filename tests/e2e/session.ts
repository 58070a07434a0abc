import type { Page } from '@playwright/test';
import { IntakePage } from './pages/IntakePage';
import { SignInPage } from './pages/SignInPage';

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
