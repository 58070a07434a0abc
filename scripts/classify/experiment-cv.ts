/**
 * Model selection by 4-fold cross-validation on the hand-written TRAIN split only (the test split
 * stays unseen), plus the real held-out messages for the category model.
 *   npx tsx scripts/classify/experiment-cv.ts type       appeal type: weak-label weight × cue weight
 *   npx tsx scripts/classify/experiment-cv.ts category   level-1: hand-example weight × keyword weight
 */
import { APPEAL_TYPES } from '../../src/shared/domain';
import { suggestAppealType } from '../../src/main/core/classify/appeal-type';
import { CategorySuggester, CLASSES_WITHOUT_REAL_DATA } from '../../src/main/core/classify/category';
import { loadTaxonomy } from '../../src/main/core/taxonomy/taxonomy';
import { fnv1a, loadHand, loadLabelledSplit, loadUnlabelled, type HandAppeal } from './lib/data';
import { trainSoftmax, type Example } from './lib/softmax-train';
import { weakTypeExamples } from './lib/weak-labels';
import { CATEGORY_CONFIG, level1Classes, taxonomyExamples, TYPE_CONFIG } from './train';

const K = 4;
const hand = loadHand<HandAppeal>('appeals-train.jsonl');
const fold = (a: HandAppeal): number => fnv1a(`cv:${a.text}`) % K;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function typeCv(): void {
  const unlabelled = loadUnlabelled();
  for (const weakWeight of [0, 0.3, 1]) {
    const weak = weakWeight > 0 ? weakTypeExamples(unlabelled, weakWeight, TYPE_CONFIG.weakMaxPerClass) : [];
    const cueWeights = [0, 0.5, 1, 1.5, 2, 3];
    const correct = new Map<number, number>(cueWeights.map((w) => [w, 0]));
    for (let k = 0; k < K; k++) {
      const train: Example[] = [...hand.filter((a) => fold(a) !== k).map((a) => ({ text: a.text, label: a.type })), ...weak];
      const { model } = trainSoftmax(train, [...APPEAL_TYPES], TYPE_CONFIG);
      for (const a of hand.filter((x) => fold(x) === k)) {
        for (const w of cueWeights) if (suggestAppealType('', a.text, model, w)[0]!.value === a.type) correct.set(w, correct.get(w)! + 1);
      }
    }
    console.log(`type  weak ${weakWeight}\t${cueWeights.map((w) => `cue ${w}: ${pct(correct.get(w)! / hand.length)}`).join('\t')}`);
  }
  // cue rules alone (no model) for reference
  const cuesOnly = hand.filter((a) => suggestAppealType('', a.text, null, 1)[0]!.value === a.type).length;
  console.log(`type  cue rules only: ${pct(cuesOnly / hand.length)}`);
}

function categoryCv(): void {
  const split = loadLabelledSplit();
  const classes = level1Classes();
  const real: Example[] = split.train.map((m) => ({ text: m.text, label: m.category }));
  const tax = taxonomyExamples(CATEGORY_CONFIG.taxonomyWeight);
  const leaves = loadTaxonomy();
  const kws = [0.5, 1, 1.5];
  const boosts = [0, 0.5, 1, 2];
  const grid = kws.flatMap((kw) => boosts.map((b) => ({ kw, b, key: `kw ${kw} boost ${b}` })));
  for (const handWeight of [3]) {
    const ok = new Map<string, number>(grid.map((g) => [g.key, 0]));
    const realRight = new Map<string, number>(grid.map((g) => [g.key, 0]));
    for (let k = 0; k < K; k++) {
      const train = [...real, ...tax, ...hand.filter((a) => fold(a) !== k).map((a) => ({ text: a.text, label: a.level1, weight: handWeight }))];
      const { model } = trainSoftmax(train, classes, CATEGORY_CONFIG);
      for (const g of grid) {
        const cs = new CategorySuggester(model, leaves, g.kw, Object.fromEntries(CLASSES_WITHOUT_REAL_DATA.map((c) => [c, g.b])));
        for (const a of hand.filter((x) => fold(x) === k)) if (cs.level1(a.text)[0]!.label === a.level1) ok.set(g.key, ok.get(g.key)! + 1);
        if (k === 0) realRight.set(g.key, split.heldOut.filter((m) => cs.level1(m.text)[0]!.label === m.category).length);
      }
    }
    for (const g of grid) console.log(`category  hand ${handWeight}  ${g.key}\thand-CV ${pct(ok.get(g.key)! / hand.length)}\treal held-out ${pct(realRight.get(g.key)! / split.heldOut.length)}`);
  }
  for (const handWeight of [] as number[]) {
    const correct = new Map<number, number>(kws.map((w) => [w, 0]));
    const realOk = new Map<number, number>(kws.map((w) => [w, 0]));
    for (let k = 0; k < K; k++) {
      const train = [...real, ...tax, ...hand.filter((a) => fold(a) !== k).map((a) => ({ text: a.text, label: a.level1, weight: handWeight }))];
      const { model } = trainSoftmax(train, classes, CATEGORY_CONFIG);
      for (const w of kws) {
        const cs = new CategorySuggester(model, leaves, w);
        for (const a of hand.filter((x) => fold(x) === k)) if (cs.level1(a.text)[0]!.label === a.level1) correct.set(w, correct.get(w)! + 1);
        if (k === 0) realOk.set(w, split.heldOut.filter((m) => cs.level1(m.text)[0]!.label === m.category).length);
      }
    }
    console.log(
      `category  hand weight ${handWeight}\t${kws.map((w) => `kw ${w}: hand-CV ${pct(correct.get(w)! / hand.length)} real ${pct(realOk.get(w)! / split.heldOut.length)}`).join('\t')}`,
    );
  }
}

const what = process.argv[2];
if (what === 'type' || !what) typeCv();
if (what === 'category' || !what) categoryCv();
