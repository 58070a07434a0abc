import { expect, type Locator, type Page } from '@playwright/test';

export type IntakeField =
  | 'callerPhone'
  | 'anonymous'
  | 'callerName'
  | 'isEnterprise'
  | 'enterpriseName'
  | 'channel'
  | 'districtCode'
  | 'streetCode'
  | 'address'
  | 'appealType'
  | 'categoryPath'
  | 'timeTier'
  | 'title'
  | 'content';

/** The intake form. Selects are antd searchable selects: type to search, Enter picks the first hit. */
export class IntakePage {
  constructor(readonly page: Page) {}

  field(name: IntakeField): Locator {
    return this.page.locator(`#intake-${name}`);
  }

  /** The Chinese error shown under a field (inside the same form item). */
  fieldError(name: IntakeField): Locator {
    return this.page.locator(`.field-${name} [data-field-error="${name}"]`);
  }

  /** The text a select shows for its chosen value. */
  selected(name: IntakeField): Locator {
    return this.page.locator(`.field-${name} .ant-select-content, .field-${name} .ant-select-selection-item`).first();
  }

  get banner() {
    return this.page.getByTestId('emergency-banner');
  }
  get draftRestored() {
    return this.page.getByTestId('draft-restored');
  }
  get draftStatus() {
    return this.page.getByTestId('draft-status');
  }
  get lastTicket() {
    return this.page.getByTestId('last-ticket');
  }
  get assistPanel() {
    return this.page.getByTestId('assist-panel');
  }

  async expectReady(): Promise<void> {
    await expect(this.field('callerPhone')).toBeVisible();
    await expect(this.page.getByTestId('save-appeal')).toBeEnabled();
  }

  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** In a focused searchable select: type the query, wait for the wanted option, Enter picks it. */
  async pickInFocusedSelect(query: string, expectedOption: string | RegExp): Promise<void> {
    const focused = this.page.locator(':focus');
    const id = (await focused.getAttribute('id')) ?? '';
    expect(id, `a select has focus, not ${await focused.evaluate((el) => el.outerHTML.slice(0, 200))}`).toMatch(/^intake-/);
    await this.page.keyboard.type(query);
    const active = this.page.locator(`.popup-${id} .ant-select-item-option-active`);
    await expect(active).toContainText(expectedOption);
    await this.page.keyboard.press('Enter');
    // The pick has landed (an agent sees it) before the next key goes out.
    await expect(this.selected(id.replace(/^intake-/, '') as IntakeField)).toContainText(expectedOption);
  }

  async waitForDraftSaved(): Promise<void> {
    await expect(this.draftStatus).toContainText('草稿已自动保存');
  }
}
