/**
 * Issue 6: suggestions appear while the agent types and each is taken with its one key; the
 * agent's own choice stays until they take a suggestion.
 */
import { expect, test } from './fixtures';
import { AssistPanel } from './pages/AssistPanel';
import { openSignedIn } from './session';

test('suggestions appear as the agent types and Alt+T / Alt+C / Alt+U / Alt+D accept them', async ({ page, web }) => {
  const intake = await openSignedIn(page, web.url);
  const assist = new AssistPanel(page);
  await intake.press('Alt+4');
  await intake.type('望京西园三区旁边工地夜间施工');
  await intake.press('Tab');
  await intake.type('每天夜里十一点以后还在打桩，噪音特别大，孩子睡不着，希望管一管。');
  await expect(assist.suggestion('Alt+T')).toBeVisible({ timeout: 2_000 });
  // Typing went on undisturbed while suggestions loaded.
  await expect(intake.field('content')).toHaveValue('每天夜里十一点以后还在打桩，噪音特别大，孩子睡不着，希望管一管。');
  await expect(intake.field('content')).toBeFocused();

  const type = await assist.suggestedLabel('Alt+T');
  await intake.press('Alt+T');
  await expect(intake.selected('appealType')).toHaveText(type);

  const category = await assist.suggestedValue('Alt+C');
  await intake.press('Alt+C');
  await expect(intake.selected('categoryPath')).toHaveText(category.split('/').join(' / '));

  const tier = await assist.suggestedLabel('Alt+U');
  await intake.press('Alt+U');
  await expect(intake.selected('timeTier')).toContainText(tier.replace(/（.*$/, ''));

  if (await assist.suggestion('Alt+D').isVisible()) {
    const place = await assist.suggestedLabel('Alt+D');
    await intake.press('Alt+D');
    await expect(intake.selected('districtCode')).toHaveText(place.split(' ')[0]!);
  }
  await expect(intake.field('content')).toBeFocused(); // accepting never steals the caret
});
