import { expect, type Locator, type Page } from '@playwright/test';
import { ServerPage } from './ServerPage';

/** The reviewer page served by the central server (/review/): queues, 退单审核 with re-dispatch. */
export class ReviewPage extends ServerPage {
  constructor(page: Page) {
    super(page, '/review/');
  }

  returnedItem(title: string): Locator {
    return this.page.locator('#queue-returned button[data-ticket-id]', { hasText: title });
  }

  async openReturned(title: string): Promise<void> {
    await this.returnedItem(title).click();
    await expect(this.page.locator('#review-form')).toBeVisible();
  }

  /** Approves the return and re-dispatches to the unit found by `search` with id `unitId`. */
  async approveAndReassign(search: string, unitId: string, basis: string): Promise<void> {
    await this.page.locator('#reassign-unit-search').fill(search);
    await this.page.locator('#reassign-unit').selectOption(unitId);
    await this.page.locator('#review-basis').fill(basis);
    await this.page.locator('#approve').click();
    await expect(this.page.locator('#review-form')).toHaveCount(0);
  }
}
