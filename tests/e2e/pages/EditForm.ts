import { expect, type Locator, type Page } from '@playwright/test';

export type EditField = 'appealType' | 'categoryPath' | 'timeTier' | 'title' | 'content' | 'districtCode' | 'streetCode' | 'address';

/** The inline edit form on the ticket page (Alt+E). Selects search as you type; Enter picks the active option. */
export class EditForm {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('edit-form');
  }
  get callerHint(): Locator {
    return this.page.getByTestId('edit-caller-hint');
  }

  field(name: EditField): Locator {
    return this.page.locator(`#edit-${name}`);
  }

  /** The Chinese error shown right under the field. */
  fieldError(name: EditField): Locator {
    return this.root.locator(`[data-field-error="${name}"]`);
  }

  /** Tab from the focused field until `name` has focus (keyboard only, as an agent would). */
  async tabTo(name: EditField, maxTabs = 12): Promise<void> {
    for (let i = 0; i < maxTabs; i++) {
      if (await this.field(name).evaluate((el) => el === el.ownerDocument.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    await expect(this.field(name)).toBeFocused();
  }

  /** In the focused searchable select: type the query, wait for the wanted option to be active, Enter. */
  async pick(name: EditField, query: string, expectedOption: string | RegExp): Promise<void> {
    await expect(this.field(name)).toBeFocused();
    await this.page.keyboard.type(query);
    await expect(this.page.locator(`.popup-edit-${name} .ant-select-item-option-active`)).toContainText(expectedOption);
    await this.page.keyboard.press('Enter');
    await expect(this.selectBox(name)).toContainText(expectedOption);
  }

  /** The focused select's box (what it shows: the chosen value, or its placeholder). */
  selectBox(name: EditField): Locator {
    return this.field(name).locator('xpath=ancestor::div[contains(@class,"ant-select")][1]');
  }

  /** Delete empties the focused select; its placeholder shows again. */
  async clearSelect(name: EditField): Promise<void> {
    await expect(this.field(name)).toBeFocused();
    await this.page.keyboard.press('Delete');
    await expect(this.selectBox(name).locator('.ant-select-placeholder')).toBeVisible();
  }

  /** Select all text in the focused input / textarea and type over it. */
  async replaceText(name: EditField, text: string): Promise<void> {
    await expect(this.field(name)).toBeFocused();
    await this.page.keyboard.press('Control+a');
    if (text) await this.page.keyboard.type(text);
    else await this.page.keyboard.press('Delete');
  }
}
