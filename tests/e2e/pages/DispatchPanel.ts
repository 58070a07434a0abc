import { expect, type Locator, type Page } from '@playwright/test';

/** The dispatch panel on a recorded / 待派 ticket: catalogue suggestions (1–5, Enter) and the closing forms. */
export class DispatchPanel {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('dispatch-panel');
  }
  get choices(): Locator {
    return this.root.getByTestId('dispatch-choice');
  }
  /** The n-th suggestion, 1-based as its key shows. */
  choice(n: number): Locator {
    return this.choices.nth(n - 1);
  }
  get selectedChoice(): Locator {
    return this.root.locator('[data-testid="dispatch-choice"][data-selected="true"]');
  }
  get hint(): Locator {
    return this.root.getByTestId('dispatch-hint');
  }
  get sendButton(): Locator {
    return this.root.getByTestId('dispatch-send');
  }
  get answerForm(): Locator {
    return this.root.getByTestId('answer-form');
  }
  get referForm(): Locator {
    return this.root.getByTestId('refer-form');
  }
  /** The Chinese error shown next to a field of the panel (choice, note, answer, channel, explanation). */
  fieldError(name: string): Locator {
    return this.root.locator(`[data-field-error="${name}"]`);
  }

  async expectSuggestions(): Promise<void> {
    await expect(this.choice(1)).toBeVisible({ timeout: 10_000 });
  }

  /** The suggestion whose unit text matches, as its 1-based key number. */
  async keyOf(unit: string | RegExp): Promise<number> {
    const count = await this.choices.count();
    for (let i = 0; i < count; i++) {
      const text = await this.choices.nth(i).getByTestId('dispatch-unit').innerText();
      if (typeof unit === 'string' ? text.includes(unit) : unit.test(text)) return i + 1;
    }
    throw new Error(`no suggestion for ${String(unit)}`);
  }

  /** Keyboard only: the digit selects. */
  async select(n: number): Promise<void> {
    await this.page.keyboard.press(String(n));
    await expect(this.choice(n)).toHaveAttribute('data-selected', 'true');
  }

  /** Keyboard only: one key confirms the selected suggestion. */
  async confirm(): Promise<void> {
    await this.page.keyboard.press('Enter');
  }
}
