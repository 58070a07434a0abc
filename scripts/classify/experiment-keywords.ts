/**
 * Model selection for the keyword-evidence weight in level-1 (category.ts): prints real held-out
 * accuracy and hand-written TRAIN-split accuracy for several weights (the test split is not used here).
 */
import { loadLinearModel } from '../../src/main/core/classify/linear';
import { CategorySuggester } from '../../src/main/core/classify/category';
import { loadTaxonomy } from '../../src/main/core/taxonomy/taxonomy';
import { resourcePath } from '../../src/main/core/resources';
import { loadHand, loadLabelledSplit, type HandAppeal } from './lib/data';

const model = loadLinearModel(resourcePath('models/category-l1'));
const split = loadLabelledSplit();
const hand = loadHand<HandAppeal>('appeals-train.jsonl');
for (const w of [0, 0.25, 0.5, 1, 1.5, 2, 3]) {
  const cs = new CategorySuggester(model, loadTaxonomy(), w);
  const real = split.heldOut.filter((m) => cs.level1(m.text)[0]!.label === m.category).length / split.heldOut.length;
  const small = split.heldOut.filter((m) => m.source === 'small');
  const realSmall = small.filter((m) => cs.level1(m.text)[0]!.label === m.category).length / small.length;
  const h = hand.filter((a) => cs.level1(a.text)[0]!.label === a.level1).length / hand.length;
  console.log(`weight ${w}\treal held-out ${(real * 100).toFixed(1)}%\treal raw ${(realSmall * 100).toFixed(1)}%\thand-written train ${(h * 100).toFixed(1)}%`);
}
