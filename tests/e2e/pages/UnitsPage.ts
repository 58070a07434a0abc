import { expect, type Locator, type Page } from '@playwright/test';
import { ServerPage } from './ServerPage';

/** The unit web page served by the central server (/units/): inbox, ticket detail, 签收, 反馈, 退单. */
export class UnitsPage extends ServerPage {
  constructor(page: Page) {
    super(page, '/units/');
  }

  inboxItem(title: string): Locator {
    return this.page.locator('#inbox button[data-ticket-id]', { hasText: title });
  }
  get history(): Locator {
    return this.detail.locator('[data-testid=history]');
  }

  async openTicket(title: string): Promise<void> {
    await this.inboxItem(title).click();
    await expect(this.page.locator('#detail-title')).toContainText(title);
  }

  /** 退单 with reason and basis; the page then shows the pending review note. */
  async returnTicket(reason: string, basis: string): Promise<void> {
    await this.page.locator('#return-reason').fill(reason);
    await this.page.locator('#return-basis').fill(basis);
    await this.page.locator('#return-form button[type=submit]').click();
    await expect(this.detail.getByTestId('pending-note')).toContainText('退单申请正在审核');
  }

  async accept(): Promise<void> {
    await this.page.locator('#accept').click();
    await expect(this.page.locator('#reply-form')).toBeVisible();
  }

  async reply(text: string): Promise<void> {
    await this.page.locator('#reply-text').fill(text);
    await this.page.locator('#reply-form button[type=submit]').click();
    await expect(this.detail.getByTestId('reply')).toContainText(text);
  }
}
