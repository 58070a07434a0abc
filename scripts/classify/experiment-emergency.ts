/**
 * Model selection and threshold for the emergency model, by 5-fold cross-validation on the TRAIN
 * material only (emergency-train.jsonl + real board messages outside the held-out split). The test
 * file (rounds of blind batches) is never read here.
 *
 * For each configuration and fold: train on the other folds, then run the full detector (rules, then
 * model with vetoes) on the held-out fold. A row alarms at threshold θ when a rule fires, or when the
 * model's best window has p(emergency) ≥ θ and no veto holds. The chosen θ is the lowest one that keeps
 * the out-of-fold false alarms within budget: ≤ 3% on the hand-written hard negatives and ≤ 1% on real
 * board messages (rule alarms included). Because the rules were written on the train split, their
 * recall there is ~100% and says nothing; configurations are compared on the MODEL's out-of-fold
 * recall (model alarm with the right service, no rule), which is what it adds on new phrasings.
 *
 *   npx tsx scripts/classify/experiment-emergency.ts [config-name ...]
 */
import { checkEmergencyRules, modelVerdict } from '../../src/main/core/classify/emergency';
import { EMERGENCY_CLASSES, EmergencyModel } from '../../src/main/core/classify/emergency-model';
import { fnv1a, isHeldOut } from './lib/data';
import { emergencyExamples, handLabel, loadEmergencyTrain, loadRealMessages, realNegatives, type EmergencyTrainingConfig, type RealMessage } from './lib/emergency-data';
import { trainSoftmax, type TrainOptions } from './lib/softmax-train';

export const K = 5;
export const BUDGET = { handFalseAlarms: 0.03, realAlarms: 0.01 };
export const THRESHOLDS = Array.from({ length: 95 }, (_, i) => Math.round((0.05 + i * 0.01) * 10000) / 10000);

export type EmergencyConfig = TrainOptions & EmergencyTrainingConfig;

export const BASE: EmergencyConfig = {
  features: { buckets: 1 << 16, orders: [1, 2, 3], normalize: 'cjk' },
  epochs: 10,
  learningRate: 0.5,
  l2: 1e-6,
  handWeight: 3,
  windowsPerMessage: 2,
  realWeight: 1,
};

const CONFIGS: Record<string, EmergencyConfig> = {
  base: BASE,
  hand1: { ...BASE, handWeight: 1 },
  hand10: { ...BASE, handWeight: 10 },
  orders1234: { ...BASE, features: { ...BASE.features, orders: [1, 2, 3, 4] } },
  orders23: { ...BASE, features: { ...BASE.features, orders: [2, 3] } },
  win4: { ...BASE, windowsPerMessage: 4 },
  hand1win4: { ...BASE, handWeight: 1, windowsPerMessage: 4 },
  hand2win4: { ...BASE, handWeight: 2, windowsPerMessage: 4 },
  hand1win8: { ...BASE, handWeight: 1, windowsPerMessage: 8 },
  hand1orders1234: { ...BASE, handWeight: 1, features: { ...BASE.features, orders: [1, 2, 3, 4] } },
  hand1topic: { ...BASE, handWeight: 1, features: { buckets: 1 << 16, orders: [1, 2, 3] } },
  hand1win16: { ...BASE, handWeight: 1, windowsPerMessage: 16 },
  hand1winAll: { ...BASE, handWeight: 1, windowsPerMessage: 1000 },
  hand2winAll: { ...BASE, handWeight: 2, windowsPerMessage: 1000 },
  hand1winAllB17: { ...BASE, handWeight: 1, windowsPerMessage: 1000, features: { ...BASE.features, buckets: 1 << 17 } },
  hand1winAllEp5: { ...BASE, handWeight: 1, windowsPerMessage: 1000, epochs: 5 },
  hand1ep20: { ...BASE, handWeight: 1, epochs: 20 },
  topicNorm: { ...BASE, features: { buckets: 1 << 16, orders: [1, 2, 3] } },
};

interface Outcome {
  gold: string;
  rule: string | null;
  p: number;
  service: string;
  veto: boolean;
}

export interface CvResult {
  threshold: number;
  handFalseAlarms: number;
  realAlarms: number;
  recall: number;
  modelRecall: number;
  modelOnlyFalseAlarms: number;
}

const foldOfText = (t: string): number => fnv1a(`em-cv:${t}`) % K;
const foldOfId = (id: string): number => fnv1a(`em-cv:${id}`) % K;

export function crossValidate(config: EmergencyConfig, real: RealMessage[], log = false): { results: CvResult[]; chosen: CvResult | null } {
  const hand = loadEmergencyTrain();
  const trainReal = real.filter((m) => !isHeldOut(m.id));
  const negatives = new Set(realNegatives(trainReal));
  const handOut: Outcome[] = [];
  const realOut: Outcome[] = [];
  for (let k = 0; k < K; k++) {
    const t0 = Date.now();
    const examples = emergencyExamples(
      hand.filter((r) => foldOfText(r.text) !== k),
      trainReal.filter((m) => negatives.has(m) && foldOfId(m.id) !== k),
      config,
    );
    const { model } = trainSoftmax(examples, [...EMERGENCY_CLASSES], config);
    const em = new EmergencyModel(model, 0);
    const run = (text: string, gold: string): Outcome => {
      const rules = checkEmergencyRules(text);
      const v = modelVerdict(text, em, rules.blocked, 0);
      return { gold, rule: rules.alert?.service ?? null, p: v?.p ?? 0, service: v?.service ?? '', veto: !!v?.veto };
    };
    for (const r of hand.filter((x) => foldOfText(x.text) === k)) handOut.push(run(r.text, handLabel(r)));
    for (const m of trainReal.filter((x) => foldOfId(x.id) === k)) realOut.push(run(m.text, 'none'));
    if (log) console.error(`  fold ${k}: ${examples.length} examples, ${Date.now() - t0} ms`);
  }
  const alarms = (o: Outcome, th: number): boolean => o.rule !== null || (!o.veto && o.p >= th);
  const results = THRESHOLDS.map((th): CvResult => {
    const pos = handOut.filter((o) => o.gold !== 'none');
    const neg = handOut.filter((o) => o.gold === 'none');
    return {
      threshold: th,
      handFalseAlarms: neg.filter((o) => alarms(o, th)).length / neg.length,
      realAlarms: realOut.filter((o) => alarms(o, th)).length / realOut.length,
      recall: pos.filter((o) => alarms(o, th)).length / pos.length,
      modelRecall: pos.filter((o) => !o.veto && o.p >= th && o.service === o.gold).length / pos.length,
      modelOnlyFalseAlarms: neg.filter((o) => !o.veto && o.p >= th).length / neg.length,
    };
  });
  const chosen = results.find((r) => r.handFalseAlarms <= BUDGET.handFalseAlarms && r.realAlarms <= BUDGET.realAlarms) ?? null;
  return { results, chosen };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function main(): void {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : ['base'];
  const real = loadRealMessages();
  const rulesReal = real.filter((m) => !isHeldOut(m.id)).filter((m) => checkEmergencyRules(m.text).alert).length;
  console.log(`real messages outside the held-out split: ${real.filter((m) => !isHeldOut(m.id)).length}, rules alarm on ${rulesReal}`);
  for (const name of names) {
    const config = CONFIGS[name];
    if (!config) throw new Error(`unknown config ${name}: ${Object.keys(CONFIGS).join(', ')}`);
    const t0 = Date.now();
    const { results, chosen } = crossValidate(config, real, true);
    console.log(`\n== ${name} (${Date.now() - t0} ms)`);
    console.log('θ        hand FA  real   recall  model recall  model-only FA');
    for (const r of results.filter((x, i) => i % 8 === 0 || x === chosen))
      console.log(`${r.threshold.toFixed(4)}  ${pct(r.handFalseAlarms).padStart(6)}  ${pct(r.realAlarms).padStart(5)}  ${pct(r.recall).padStart(6)}  ${pct(r.modelRecall).padStart(6)}        ${pct(r.modelOnlyFalseAlarms).padStart(6)}${r === chosen ? '   ← chosen' : ''}`);
    if (chosen) console.log(`chosen θ=${chosen.threshold}: model recall ${pct(chosen.modelRecall)}, hand FA ${pct(chosen.handFalseAlarms)}, real ${pct(chosen.realAlarms)}`);
    else console.log('no threshold within budget');
  }
}

if (process.argv[1]?.endsWith('experiment-emergency.ts')) main();
