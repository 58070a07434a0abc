import { expect, type Locator, type Page } from '@playwright/test';

/** What the central server's own pages (/units/, /review/) share: sign-in, detail, message line. */
export abstract class ServerPage {
  constructor(
    readonly page: Page,
    private readonly path: string,
  ) {}

  async open(serverUrl: string): Promise<void> {
    await this.page.goto(`${serverUrl}${this.path}`);
    await expect(this.page.locator('#username')).toBeVisible();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.locator('#username').fill(username);
    await this.page.locator('#password').fill(password);
    await this.page.locator('#password').press('Enter');
    await expect(this.page.locator('#work-view')).toBeVisible();
  }

  get detail(): Locator {
    return this.page.getByTestId('detail');
  }
  get message(): Locator {
    return this.page.locator('#global-message');
  }
}
