import type { Locator, Page } from '@playwright/test';

export class TicketPage {
  constructor(readonly page: Page) {}

  get root() {
    return this.page.getByTestId('ticket-page');
  }
  get timeline() {
    return this.page.getByTestId('ticket-timeline');
  }
  get fullPhone() {
    return this.page.getByTestId('full-phone');
  }

  fieldValue(label: string): Locator {
    return this.page.locator('.ticket-fields th', { hasText: label }).locator('xpath=following-sibling::td[1]');
  }
}
