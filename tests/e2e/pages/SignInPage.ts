import { expect, type Page } from '@playwright/test';

export class SignInPage {
  constructor(readonly page: Page) {}

  get agent() {
    return this.page.locator('#signin-agent');
  }
  get seat() {
    return this.page.locator('#signin-seat');
  }

  /** With a central server: username, password, seat; Enter signs in. */
  async signInWithPassword(username: string, password: string, seat: string): Promise<void> {
    await expect(this.page.locator('#signin-username')).toBeFocused();
    await this.page.keyboard.type(username);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(password);
    await this.page.locator('#signin-seat').focus();
    await this.page.keyboard.type(seat);
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('seat')).toContainText(seat);
  }

  async openWithServer(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.locator('#signin-username')).toBeVisible();
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.agent).toBeVisible();
  }

  /** Keyboard only: the name field has focus on open, Tab to the seat, Enter signs in. */
  async signInWithKeyboard(agentName: string, seat: string): Promise<void> {
    await expect(this.agent).toBeFocused();
    await this.page.keyboard.type(agentName);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(seat);
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('seat')).toContainText(seat);
  }
}
