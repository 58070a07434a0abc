import type { Locator, Page } from '@playwright/test';

export class TicketPage {
  constructor(readonly page: Page) {}

  get root() {
    return this.page.getByTestId('ticket-page');
  }
  get timeline() {
    return this.page.getByTestId('ticket-timeline');
  }
  get editButton() {
    return this.page.getByTestId('ticket-edit');
  }
  /** Timeline entries of appeal edits ("修改了…"). */
  get editEvents() {
    return this.timeline.locator('.event[data-kind="edited"]');
  }
  get fullPhone() {
    return this.page.getByTestId('full-phone');
  }
  /** Timeline entries the core recorded that the server has not confirmed yet. */
  get pendingEvents() {
    return this.timeline.locator('.event[data-pending="true"]');
  }
  /** Timeline entries whose kind starts with `prefix` (e.g. "dispatch."). */
  events(prefix: string): Locator {
    return this.timeline.locator(`.event[data-kind^="${prefix}"]`);
  }

  fieldValue(label: string): Locator {
    return this.page.locator('.ticket-fields th', { hasText: label }).locator('xpath=following-sibling::td[1]');
  }
}
