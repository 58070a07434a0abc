import { expect, type Locator, type Page } from '@playwright/test';

export class TicketListPage {
  constructor(readonly page: Page) {}

  get search() {
    return this.page.locator('#ticket-search');
  }
  get rows() {
    return this.page.locator('[data-testid="ticket-table"] tbody tr.ant-table-row');
  }

  /** Ctrl+2 from anywhere. */
  async openWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Control+2');
    await expect(this.search).toBeVisible();
  }

  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }

  async searchFor(text: string): Promise<void> {
    await this.page.keyboard.press('Control+f');
    await expect(this.search).toBeFocused();
    await this.page.keyboard.press('Control+a');
    await this.page.keyboard.type(text);
  }

  async expectCount(n: number): Promise<void> {
    await expect(this.rows).toHaveCount(n);
  }
}
