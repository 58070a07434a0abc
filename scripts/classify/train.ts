/**
 * npm run train:classify — trains the two shipped models and writes them to resources/models/:
 *   category-l1.{json,bin}  level-1 category (15 classes)
 *   appeal-type.{json,bin}  appeal type (6 classes)
 *   emergency.{json,bin}    emergency none/110/119/120 (it decides, reading the rules' cues); its
 *                           alarm threshold is the lowest θ whose alarm rate on the held-out raw-text
 *                           real messages stays within REAL_BUDGET, stored in the .json
 * Only the training split is used (see lib/data.ts for the fixed held-out rule). Deterministic:
 * the same data gives byte-identical .bin files (only `trainedAt` in the .json changes).
 * Choices (features, epochs, weights) were made by measurement: scripts/classify/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPEAL_TYPES, TIME_TIERS } from '../../src/shared/domain';
import { saveLinearModel } from '../../src/main/core/classify/linear';
import { buildTaxonomy } from '../../src/main/core/taxonomy/taxonomy';
import { loadAppealWriterSets, loadLabelledSplit, loadUnlabelled, MODELS_DIR, REPO_ROOT, type HandAppeal } from './lib/data';
import { trainSoftmax, type Example } from './lib/softmax-train';
import { weakTypeExamples } from './lib/weak-labels';
import { isHeldOut } from './lib/data';
import { EMERGENCY_CLASSES, EmergencyModel } from '../../src/main/core/classify/emergency-model';
import { emergencyExamples, isRawText, loadRealMessages, realNegatives } from './lib/emergency-data';
import { CONFIGS as EMERGENCY_CONFIGS, decide, HAND_BUDGET, loadWriterSets, outcome, outOfFoldOutcomes, REAL_BUDGET, THRESHOLD_FOLDS, THRESHOLDS, thresholdFor, type EmergencyConfig } from './experiment-writers';

export const CATEGORY_CONFIG = {
  features: { buckets: 1 << 17, orders: [1, 2, 3] },
  epochs: 6,
  learningRate: 0.5,
  l2: 1e-6,
  handWeight: 3, // hand-written appeals (all 15 classes)
  taxonomyWeight: 2, // one short document per level-2 group: "level2 + its level-3 names"
};

export const TYPE_CONFIG = {
  features: { buckets: 1 << 16, orders: [1, 2, 3] },
  epochs: 10,
  learningRate: 0.5,
  l2: 1e-6,
  weakWeight: 0, // title-labelled board messages hurt by 4–6 points in cross-validation (README)
  weakMaxPerClass: 400,
};

/**
 * Chosen by leave-one-writer-out evaluation (experiment-writers.ts, README): character 1–3-grams plus
 * the rules' cue tokens in 2^18 buckets, every hand-written row at weight 1 (and every window of the long
 * non-emergencies), four windows per real message plus all its short ones.
 */
export const EMERGENCY_CONFIG: EmergencyConfig = EMERGENCY_CONFIGS.shipped!;

/** Same method as the type model; chosen by leave-one-writer-out (experiment-appeals.ts). */
export const TIER_CONFIG = { ...TYPE_CONFIG };

export function level1Classes(): string[] {
  const leaves = buildTaxonomy(fs.readFileSync(path.join(REPO_ROOT, 'resources/data/taxonomy/three-level-taxonomy.csv'), 'utf8'));
  return [...new Set(leaves.map((l) => l.level1))].sort();
}

export function taxonomyExamples(weight: number): Example[] {
  const leaves = buildTaxonomy(fs.readFileSync(path.join(REPO_ROOT, 'resources/data/taxonomy/three-level-taxonomy.csv'), 'utf8'));
  const groups = new Map<string, { level1: string; words: string[] }>();
  for (const l of leaves) {
    const key = `${l.level1}/${l.level2}`;
    const g = groups.get(key) ?? { level1: l.level1, words: l.level2 === '其他' ? [] : [l.level2] };
    if (l.level3 !== '其他') g.words.push(l.level3);
    groups.set(key, g);
  }
  return [...groups.values()].filter((g) => g.words.length).map((g) => ({ text: g.words.join('，'), label: g.level1, weight }));
}

/** The lead's appeals (appeals-train.jsonl) and the appeal writer sets (resources/classify/appeal-writers). */
export function handAppeals(): HandAppeal[] {
  return [...loadAppealWriterSets().values()].flat();
}

export function categoryTrainingSet(config = CATEGORY_CONFIG): { examples: Example[]; counts: Record<string, number> } {
  const split = loadLabelledSplit();
  const real: Example[] = split.train.map((m) => ({ text: m.text, label: m.category }));
  const hand: Example[] = handAppeals().map((a) => ({ text: a.text, label: a.level1, weight: config.handWeight }));
  const tax = taxonomyExamples(config.taxonomyWeight);
  return {
    examples: [...real, ...hand, ...tax],
    counts: { realMessages: real.length, handWritten: hand.length, taxonomyDocs: tax.length, droppedForLeakage: split.droppedForLeakage },
  };
}

export function typeTrainingSet(config = TYPE_CONFIG): { examples: Example[]; counts: Record<string, number> } {
  const hand: Example[] = handAppeals().map((a) => ({ text: a.text, label: a.type }));
  const weak = config.weakWeight > 0 ? weakTypeExamples(loadUnlabelled(), config.weakWeight, config.weakMaxPerClass) : [];
  return { examples: [...hand, ...weak], counts: { handWritten: hand.length, weakTitleLabelled: weak.length } };
}

function trainTopicModels(): void {
  let t = Date.now();
  const cat = categoryTrainingSet();
  const classes = level1Classes();
  const catModel = trainSoftmax(cat.examples, classes, CATEGORY_CONFIG);
  saveLinearModel(path.join(MODELS_DIR, 'category-l1'), catModel, {
    what: 'level-1 category of the three-level taxonomy',
    data: cat.counts,
    config: CATEGORY_CONFIG,
    heldOut: 'FNV-1a(id) % 5 === 0 of messages-labelled and messages-labelled-large (never trained on)',
  });
  console.log(`category-l1: ${cat.examples.length} examples, ${Date.now() - t} ms`);

  t = Date.now();
  const typ = typeTrainingSet();
  const typeModel = trainSoftmax(typ.examples, [...APPEAL_TYPES], TYPE_CONFIG);
  saveLinearModel(path.join(MODELS_DIR, 'appeal-type'), typeModel, {
    what: 'appeal type (咨询/求助/投诉/举报/建议/表扬), blended with cue rules at run time',
    data: typ.counts,
    config: TYPE_CONFIG,
  });
  console.log(`appeal-type: ${typ.examples.length} examples, ${Date.now() - t} ms`);

  t = Date.now();
  const tierExamples = handAppeals().map((a) => ({ text: a.text, label: a.tier }));
  const tierModel = trainSoftmax(tierExamples, [...TIME_TIERS], TIER_CONFIG);
  saveLinearModel(path.join(MODELS_DIR, 'tier'), tierModel, {
    what: 'time tier (2h/24h/7d/15d), blended with the tier rules at run time (tier.ts)',
    data: { handWritten: tierExamples.length },
    config: TIER_CONFIG,
  });
  console.log(`tier: ${tierExamples.length} examples, ${Date.now() - t} ms`);
}

function main(): void {
  fs.mkdirSync(MODELS_DIR, { recursive: true });
  // --emergency: retrain only the emergency model (the topic models do not depend on its data)
  if (!process.argv.includes('--emergency')) trainTopicModels();
  const t = Date.now();
  const real = loadRealMessages();
  const writers = loadWriterSets();
  const hand = [...writers.values()].flat();
  const negatives = realNegatives(real.filter((m) => !isHeldOut(m.id)));
  const emExamples = emergencyExamples(hand, negatives, EMERGENCY_CONFIG);
  const emModel = trainSoftmax(emExamples, [...EMERGENCY_CLASSES], EMERGENCY_CONFIG);
  // θ: the lowest threshold that keeps both budgets: false alarms on hard negatives of writers the model
  // did not train on (out of fold, by writer group) and the alarm rate on the held-out raw-text real
  // messages (never trained on; raw text is what agents type)
  const heldReal = real.filter((m) => isHeldOut(m.id) && isRawText(m));
  const scorer = new EmergencyModel(emModel.model, 0);
  const realOutcomes = heldReal.map((m) => outcome(m.text, 'none', scorer));
  const oof = outOfFoldOutcomes(writers, negatives, EMERGENCY_CONFIG);
  const oofNeg = oof.filter((o) => o.gold === 'none');
  const oofPos = oof.filter((o) => o.gold !== 'none');
  const handFalseAlarms = (th: number): number => oofNeg.filter((o) => decide(o, th) !== null).length / oofNeg.length;
  const threshold = Math.max(thresholdFor(realOutcomes, REAL_BUDGET), THRESHOLDS.find((th) => handFalseAlarms(th) <= HAND_BUDGET) ?? 0.99);
  const crossValidation = {
    folds: THRESHOLD_FOLDS,
    recall: oofPos.filter((o) => decide(o, threshold) !== null).length / oofPos.length,
    rightService: oofPos.filter((o) => decide(o, threshold) === o.gold).length / oofPos.length,
    handFalseAlarms: handFalseAlarms(threshold),
    realRawAlarms: realOutcomes.filter((o) => decide(o, threshold) !== null).length / realOutcomes.length,
  };
  saveLinearModel(path.join(MODELS_DIR, 'emergency'), emModel, {
    what: 'emergency none/110/119/120 over text windows, reading the rules\' cue tokens; it decides whenever it can read the text (emergency.ts)',
    threshold,
    thresholdRule: `lowest θ with out-of-fold false alarms ≤ ${HAND_BUDGET * 100}% on the hand-written hard negatives (${THRESHOLD_FOLDS} writer groups) and an alarm rate ≤ ${REAL_BUDGET * 100}% on the ${heldReal.length} held-out raw-text real board messages (FNV-1a(id) % 5 === 0, never trained on)`,
    crossValidation,
    data: {
      handWritten: Object.fromEntries([...writers].map(([w, rows]) => [w, rows.length])),
      realMessages: negatives.length,
      realWindows: emExamples.length - hand.length,
      realHeldOut: 'FNV-1a(id) % 5 === 0 (never trained on)',
    },
    config: EMERGENCY_CONFIG,
  });
  console.log(`emergency: ${emExamples.length} examples, threshold ${threshold}, out of fold ${JSON.stringify(crossValidation)}, ${Date.now() - t} ms`);
  for (const f of fs.readdirSync(MODELS_DIR)) console.log(`  ${f}  ${(fs.statSync(path.join(MODELS_DIR, f)).size / 1024).toFixed(0)} KB`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
