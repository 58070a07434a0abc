/**
 * How well does emergency detection carry over to phrasing written by someone else? Leave-one-writer-out
 * evaluation: the hand-written emergency rows come from several writers with different briefs (the lead's
 * own rows in emergency-train.jsonl, and the writer sets in resources/classify/emergency-writers/). For each
 * writer W, the model is trained on every other writer plus the real board messages, and the full detector
 * is run on W's rows. The rules were written before the writer sets existed, so their figures on a writer
 * set are blind too. The lead's rows count in no total: the rules were written on them.
 *
 * The threshold of each fold is the lowest θ whose alarm rate on the held-out real messages (never trained
 * on: all of them, and the raw-text ones only) stays within the real-message budget; W's rows play no part
 * in choosing it. (train.ts also keeps an out-of-fold budget on hand-written hard negatives; the θ-free
 * figures below show what that costs.) The blind examiner sets (emergency-blind.jsonl) are never read here.
 *
 * Two ways of combining rules and model are compared:
 *   rulesFirst    a rule alarm stands; otherwise the model alarms at p ≥ θ (the design before the writer sets)
 *   modelDecides  the model decides whenever it can read the text; the rules decide only texts too short for it
 *   hybrid        as modelDecides, but a rule alarm stands unless the model gives the text less than RULE_FLOOR
 * and, θ-free, the model's recall where its pooled false alarms on the writers' hard negatives reach 3% and 5%.
 *
 *   npx tsx scripts/classify/experiment-writers.ts [config-name ...]    (BUDGETS=0.01,0.02 to vary the budget)
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkEmergencyRules, modelVerdict } from '../../src/main/core/classify/emergency';
import { EMERGENCY_CLASSES, EmergencyModel } from '../../src/main/core/classify/emergency-model';
import { HANDWRITTEN_DIR, isHeldOut, loadHand, type HandEmergency } from './lib/data';
import { emergencyExamples, handLabel, isRawText, loadEmergencyTrain, loadRealMessages, realNegatives, type EmergencyTrainingConfig } from './lib/emergency-data';
import { trainSoftmax, type TrainOptions } from './lib/softmax-train';

export const WRITERS_DIR = path.join(HANDWRITTEN_DIR, 'emergency-writers');

export type EmergencyConfig = TrainOptions & EmergencyTrainingConfig;

/** Alarm rate allowed on real board messages (nearly all non-emergencies); it sets θ. */
export const REAL_BUDGET = 0.01;

/** Candidate thresholds, finer at the low end where the real-message budget puts θ. */
export const THRESHOLDS = [0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.045, ...Array.from({ length: 95 }, (_, i) => Math.round((0.05 + i * 0.01) * 10000) / 10000)];

const BASE: EmergencyConfig = {
  features: { buckets: 1 << 18, orders: [1, 2, 3], normalize: 'cjk', cues: true },
  epochs: 10,
  learningRate: 0.5,
  l2: 1e-6,
  handWeight: 1,
  windowsPerMessage: 4,
  realWeight: 1,
  handNegativeWindows: true,
};

export const CONFIGS: Record<string, EmergencyConfig> = {
  cues: BASE,
  noCues: { ...BASE, features: { ...BASE.features, cues: false } },
  wholeNegatives: { ...BASE, handNegativeWindows: false },
  hand2: { ...BASE, handWeight: 2 },
  orders1234: { ...BASE, features: { ...BASE.features, orders: [1, 2, 3, 4] } },
  buckets16: { ...BASE, features: { ...BASE.features, buckets: 1 << 16 } },
  buckets19: { ...BASE, features: { ...BASE.features, buckets: 1 << 19 } },
  epochs5: { ...BASE, epochs: 5 },
  epochs20: { ...BASE, epochs: 20 },
  allWindows: { ...BASE, windowsPerMessage: 1000 },
  /** what train.ts ships */
  shipped: { ...BASE, shortWindowsBelow: 12 },
  short20: { ...BASE, shortWindowsBelow: 20 },
};

/** The writer sets: file name (without .jsonl) → rows. The lead's own train rows are writer "lead". */
export function loadWriterSets(): Map<string, HandEmergency[]> {
  const sets = new Map<string, HandEmergency[]>([['lead', loadEmergencyTrain()]]);
  if (!fs.existsSync(WRITERS_DIR)) return sets;
  for (const f of fs.readdirSync(WRITERS_DIR).filter((x) => x.endsWith('.jsonl')).sort()) {
    sets.set(f.replace(/\.jsonl$/, ''), loadHand<HandEmergency>(path.join('emergency-writers', f)));
  }
  return sets;
}

/** What the rules and the model say about one text, before any threshold. */
export interface Outcome {
  gold: string;
  rule: string | null;
  p: number;
  service: string;
  /** the text had a window the model could read (else the rules decide) */
  scored: boolean;
}

export function outcome(text: string, gold: string, model: EmergencyModel): Outcome {
  const rules = checkEmergencyRules(text);
  const v = modelVerdict(text, model, 0);
  return { gold, rule: rules.alert?.service ?? null, p: v?.p ?? 0, service: v?.service ?? '', scored: v !== null };
}

type Policy = 'rulesFirst' | 'modelDecides' | 'hybrid';
const POLICIES = (process.env.POLICIES ?? 'rulesFirst,modelDecides,hybrid').split(',') as Policy[];
/** hybrid: a rule alarm stands unless the model gives the text less than this (it is sure there is nothing) */
const RULE_FLOOR = Number(process.env.RULE_FLOOR ?? 0.02);

/** Does the detector alarm, and with which service, at θ? modelDecides is what emergency.ts does. */
export function decide(o: Outcome, th: number, policy: Policy = 'modelDecides'): string | null {
  if (policy === 'rulesFirst') return o.rule ?? (o.p >= th ? o.service : null);
  if (!o.scored) return o.rule;
  if (policy === 'hybrid' && o.rule && o.p >= RULE_FLOOR) return o.rule;
  return o.p >= th ? o.service : null;
}

/** False alarms allowed on hand-written hard negatives of writers the model did not train on (the target). */
export const HAND_BUDGET = 0.03;
/** Writer groups for choosing θ in training (a cheaper leave-one-writer-out). */
export const THRESHOLD_FOLDS = 4;

/**
 * Out-of-fold outcomes of every hand-written row: writers are split into THRESHOLD_FOLDS groups, and each
 * group is scored by a model trained on the other groups (plus the real negatives). What train.ts uses to
 * choose θ so that the false alarms on phrasing by unseen writers stay within HAND_BUDGET.
 */
export function outOfFoldOutcomes(sets: Map<string, HandEmergency[]>, trainReal: ReturnType<typeof realNegatives>, config: EmergencyConfig): Outcome[] {
  const names = [...sets.keys()].sort();
  const out: Outcome[] = [];
  for (let k = 0; k < THRESHOLD_FOLDS; k++) {
    const held = names.filter((_, i) => i % THRESHOLD_FOLDS === k);
    const train = names.filter((n) => !held.includes(n)).flatMap((n) => sets.get(n)!);
    const { model } = trainSoftmax(emergencyExamples(train, trainReal, config), [...EMERGENCY_CLASSES], config);
    const em = new EmergencyModel(model, 0);
    for (const n of held) for (const r of sets.get(n)!) out.push(outcome(r.text, handLabel(r), em));
  }
  return out;
}

/** The lowest θ whose alarm rate on real messages stays within the budget. */
export function thresholdFor(real: Outcome[], budget: number, policy: Policy = 'modelDecides'): number {
  return THRESHOLDS.find((t) => real.filter((o) => decide(o, t, policy) !== null).length / real.length <= budget) ?? 0.99;
}

const pct = (a: number, b: number): string => `${b ? ((100 * a) / b).toFixed(1) : '–'}% (${a}/${b})`;

interface Tally {
  pos: number;
  neg: number;
  tp: number;
  fa: number;
  svc: number;
}

export function leaveOneWriterOut(config: EmergencyConfig, only?: string[]): void {
  const sets = loadWriterSets();
  const real = loadRealMessages();
  const trainReal = realNegatives(real.filter((m) => !isHeldOut(m.id)));
  const heldReal = real.filter((m) => isHeldOut(m.id));
  const budgets = process.env.BUDGETS ? process.env.BUDGETS.split(',').map(Number) : [REAL_BUDGET];
  // the budget holds on every held-out message, or on the raw-text ones only (what agents type)
  const heldRawIds = new Set(heldReal.filter(isRawText).map((m) => m.id));
  const budgetSets = ['all', 'raw'] as const;
  const key = (policy: string, budget: number, on: string = 'all'): string => `${policy} @${on}≤${(budget * 100).toFixed(1)}%`;
  const totals = new Map<string, Tally>();
  const rulesAlone: Tally = { pos: 0, neg: 0, tp: 0, fa: 0, svc: 0 };
  const pooled: Outcome[] = [];
  const pooledReal: Outcome[][] = [];
  for (const [writer, rows] of sets) {
    if (only && !only.includes(writer)) continue;
    const t0 = Date.now();
    const others = [...sets].filter(([w]) => w !== writer).flatMap(([, r]) => r);
    const { model } = trainSoftmax(emergencyExamples(others, trainReal, config), [...EMERGENCY_CLASSES], config);
    const em = new EmergencyModel(model, 0);
    const realOut = heldReal.map((m) => outcome(m.text, 'none', em));
    const out = rows.map((r) => outcome(r.text, handLabel(r), em));
    const counted = writer !== 'lead';
    if (counted) {
      pooled.push(...out);
      pooledReal.push(realOut);
    }
    const tally = (alarm: (o: Outcome) => string | null): Tally => ({
      pos: out.filter((o) => o.gold !== 'none').length,
      neg: out.filter((o) => o.gold === 'none').length,
      tp: out.filter((o) => o.gold !== 'none' && alarm(o) !== null).length,
      fa: out.filter((o) => o.gold === 'none' && alarm(o) !== null).length,
      svc: out.filter((o) => o.gold !== 'none' && alarm(o) === o.gold).length,
    });
    const add = (into: Tally, s: Tally): void => {
      for (const k of Object.keys(into) as Array<keyof Tally>) into[k] += s[k];
    };
    const rulesOnly = tally((o) => o.rule);
    if (counted) add(rulesAlone, rulesOnly);
    const line = [`${writer.padEnd(6)} rules alone: recall ${pct(rulesOnly.tp, rulesOnly.pos)} FA ${pct(rulesOnly.fa, rulesOnly.neg)}`];
    const rawOut = realOut.filter((_, i) => heldRawIds.has(heldReal[i]!.id));
    for (const policy of POLICIES)
      for (const budget of budgets)
        for (const on of budgetSets) {
          const th = thresholdFor(on === 'raw' ? rawOut : realOut, budget, policy);
          const s = tally((o) => decide(o, th, policy));
          const k = key(policy, budget, on);
          if (counted) add(totals.get(k) ?? totals.set(k, { pos: 0, neg: 0, tp: 0, fa: 0, svc: 0 }).get(k)!, s);
          const rawRate = rawOut.filter((o) => decide(o, th, policy) !== null).length / rawOut.length;
          line.push(`${k} θ=${th.toFixed(3)}: recall ${pct(s.tp, s.pos)} FA ${pct(s.fa, s.neg)} raw real ${(rawRate * 100).toFixed(2)}%`);
        }
    if (process.env.VERBOSE) console.log(`${line.join(' | ')} (${Date.now() - t0} ms)`);
  }
  console.log(`WRITERS rules alone                   recall ${pct(rulesAlone.tp, rulesAlone.pos)} right service ${rulesAlone.svc} FA ${pct(rulesAlone.fa, rulesAlone.neg)}`);
  for (const [name, t] of totals) console.log(`WRITERS ${name.padEnd(30)} recall ${pct(t.tp, t.pos)} right service ${t.svc} FA ${pct(t.fa, t.neg)}`);
  // θ-free: the model's recall where its pooled false alarms on the writers' hard negatives reach a target
  const negP = pooled.filter((o) => o.gold === 'none' && o.scored).map((o) => o.p).sort((a, b) => b - a);
  for (const target of [0.03, 0.05]) {
    const th = (negP[Math.floor(target * negP.length)] ?? 0) + 1e-9;
    const pos = pooled.filter((o) => o.gold !== 'none');
    const hit = pos.filter((o) => decide(o, th) !== null);
    const realRate = pooledReal.reduce((sum, r) => sum + r.filter((o) => decide(o, th) !== null).length / r.length, 0) / Math.max(1, pooledReal.length);
    console.log(`POOLED modelDecides @hand FA ${target * 100}%: θ=${th.toFixed(3)} recall ${pct(hit.length, pos.length)} right service ${hit.filter((o) => decide(o, th) === o.gold).length} real alarms ${(realRate * 100).toFixed(2)}%`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const only = args.filter((a) => a.startsWith('--only=')).flatMap((a) => a.slice(7).split(','));
  const names = args.filter((a) => !a.startsWith('--'));
  for (const name of names.length ? names : ['cues']) {
    const config = CONFIGS[name];
    if (!config) throw new Error(`unknown config ${name}: ${Object.keys(CONFIGS).join(', ')}`);
    console.log(`\n== ${name}`);
    leaveOneWriterOut(config, only.length ? only : undefined);
  }
}

if (process.argv[1]?.endsWith('experiment-writers.ts')) main();
