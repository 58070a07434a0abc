import { expect, type Locator, type Page } from '@playwright/test';

/** The reviewer page served by the central server (/review/): queues, 退单审核 with re-dispatch. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  async open(serverUrl: string): Promise<void> {
    await this.page.goto(`${serverUrl}/review/`);
    await expect(this.page.locator('#username')).toBeVisible();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.locator('#username').fill(username);
    await this.page.locator('#password').fill(password);
    await this.page.locator('#password').press('Enter');
    await expect(this.page.locator('#work-view')).toBeVisible();
  }

  returnedItem(title: string): Locator {
    return this.page.locator('#queue-returned button[data-ticket-id]', { hasText: title });
  }
  get detail(): Locator {
    return this.page.getByTestId('detail');
  }
  get message(): Locator {
    return this.page.locator('#global-message');
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
