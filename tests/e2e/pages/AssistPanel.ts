import type { Locator, Page } from '@playwright/test';

/** The classification assist side panel; each top suggestion row carries its accept key. */
export class AssistPanel {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('assist-panel');
  }

  /** The suggestion accepted by `key` (e.g. 'Alt+T'). */
  suggestion(key: 'Alt+T' | 'Alt+C' | 'Alt+D' | 'Alt+U'): Locator {
    return this.root.locator(`[data-key="${key}"]`);
  }

  /** The suggested value itself (appeal type, category path, division code or tier). */
  async suggestedValue(key: 'Alt+T' | 'Alt+C' | 'Alt+D' | 'Alt+U'): Promise<string> {
    return (await this.suggestion(key).getAttribute('data-value')) ?? '';
  }

  async suggestedLabel(key: 'Alt+T' | 'Alt+C' | 'Alt+D' | 'Alt+U'): Promise<string> {
    return (await this.suggestion(key).locator('.assist-value').innerText()).trim();
  }
}
