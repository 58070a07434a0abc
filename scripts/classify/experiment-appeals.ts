/**
 * How well do appeal type, level-1 category and tier carry over to phrasing written by someone else?
 * Leave-one-writer-out over the hand-written appeal sets: the lead's rows (appeals-train.jsonl) and the
 * writer sets in resources/classify/appeal-writers/ (README there). For each writer W, the type and category
 * models are trained on every other writer (the category model also on the real labelled messages and the
 * taxonomy, as in train.ts) and measured on W. The tier is rules only (tier.ts), so it is measured directly.
 * The blind examiner sets (appeals-blind.jsonl) are never read here.
 *
 *   npx tsx scripts/classify/experiment-appeals.ts [--category]
 */
import { APPEAL_TYPES, TIME_TIERS } from '../../src/shared/domain';
import { suggestAppealType } from '../../src/main/core/classify/appeal-type';
import { CategorySuggester } from '../../src/main/core/classify/category';
import { detectEmergency } from '../../src/main/core/classify/emergency';
import { suggestTier } from '../../src/main/core/classify/tier';
import { loadTaxonomy } from '../../src/main/core/taxonomy/taxonomy';
import { loadAppealWriterSets, loadLabelledSplit } from './lib/data';
import { trainSoftmax, type Example } from './lib/softmax-train';
import { CATEGORY_CONFIG, level1Classes, taxonomyExamples, TYPE_CONFIG } from './train';

const CUE_WEIGHTS = [0, 0.5, 1, 1.5, 2.5];
const TIER_RULE_WEIGHTS = [0, 1, 2, 4];
const HAND_WEIGHTS = [3, 6];
const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;

function main(): void {
  const withCategory = process.argv.includes('--category');
  const sets = loadAppealWriterSets();
  const taxonomy = loadTaxonomy();
  const classes = level1Classes();
  const split = withCategory ? loadLabelledSplit() : null;
  const real: Example[] = split ? split.train.map((m) => ({ text: m.text, label: m.category })) : [];
  const tax = taxonomyExamples(CATEGORY_CONFIG.taxonomyWeight);
  const typeTotals = new Map<string, [number, number]>();
  const catTotals = new Map<string, [number, number]>();
  const heldReal = new Map<string, [number, number]>();
  const tierTotals = new Map<string, [number, number]>();
  const add = (m: Map<string, [number, number]>, k: string, ok: boolean): void => {
    const v = m.get(k) ?? [0, 0];
    m.set(k, [v[0] + (ok ? 1 : 0), v[1] + 1]);
  };
  for (const [writer, rows] of sets) {
    const others = [...sets].filter(([w]) => w !== writer).flatMap(([, r]) => r);
    const typeModel = trainSoftmax(
      others.map((a) => ({ text: a.text, label: a.type })),
      [...APPEAL_TYPES],
      TYPE_CONFIG,
    ).model;
    for (const r of rows) {
      add(typeTotals, 'cues only', suggestAppealType('', r.text, null)[0]!.value === r.type);
      for (const cw of CUE_WEIGHTS) add(typeTotals, `model + cues ×${cw}`, suggestAppealType('', r.text, typeModel, cw)[0]!.value === r.type);
    }
    // tier: the rules, and a model trained on the other writers blended with the rules' pick
    const tierModel = trainSoftmax(
      others.map((a) => ({ text: a.text, label: a.tier })),
      [...TIME_TIERS],
      TYPE_CONFIG,
    ).model;
    if (writer !== 'lead')
      for (const r of rows) {
        const emergency = detectEmergency(r.text);
        add(tierTotals, 'rules', suggestTier(r.text, emergency).value === r.tier);
        for (const w of TIER_RULE_WEIGHTS) add(tierTotals, `model + rules ×${w}`, suggestTier(r.text, emergency, tierModel, w).value === r.tier);
      }
    if (withCategory) {
      for (const hw of HAND_WEIGHTS) {
        const hand = others.map((a) => ({ text: a.text, label: a.level1, weight: hw }));
        const catModel = trainSoftmax([...real, ...hand, ...tax], classes, CATEGORY_CONFIG).model;
        const suggester = new CategorySuggester(catModel, taxonomy);
        for (const r of rows) add(catTotals, `hand weight ${hw}`, suggester.suggest(r.text)[0]?.value.split('/')[0] === r.level1);
        // the real held-out messages must not suffer
        if (writer === 'lead') for (const m of split!.heldOut) add(heldReal, `hand weight ${hw}`, suggester.suggest(m.text)[0]?.value.split('/')[0] === m.category);
      }
    }
    console.error(`  ${writer}: ${rows.length} rows`);
  }
  console.log('appeal type, leave-one-writer-out (all writers incl. the lead):');
  for (const [k, [ok, n]] of typeTotals) console.log(`  ${k.padEnd(22)} ${pct(ok, n)} (${ok}/${n})`);
  console.log('tier, leave-one-writer-out (writer sets only):');
  for (const [k, [ok, n]] of tierTotals) console.log(`  ${k.padEnd(22)} ${pct(ok, n)} (${ok}/${n})`);
  if (withCategory) {
    console.log('level-1 category, leave-one-writer-out:');
    for (const [k, [ok, n]] of catTotals) console.log(`  ${k.padEnd(22)} ${pct(ok, n)} (${ok}/${n})  real held-out ${pct(heldReal.get(k)![0], heldReal.get(k)![1])}`);
  }
}

if (process.argv[1]?.endsWith('experiment-appeals.ts')) main();
