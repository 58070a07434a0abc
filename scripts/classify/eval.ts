/**
 * npm run eval:classify — accuracy and macro-F1 per field on data the models never trained on:
 *   level-1 category: held-out split of the real labelled messages (FNV-1a(id) % 5 === 0) and the
 *                     hand-written appeals test split (all 15 classes)
 *   appeal type, tier: hand-written appeals test split (resources/classify/appeals-test.jsonl)
 *   emergency:        hand-written test split (emergency-test.jsonl) + false-alarm rate on real
 *                     board messages (labelled and unlabelled sets: almost all non-emergencies)
 *   district/street:  hand-written location cases (locations-test.jsonl)
 * Also prints the level-1 confusion matrix.
 */
import { APPEAL_TYPES, TIME_TIERS } from '../../src/shared/domain';
import { checkEmergency } from '../../src/main/core/classify/emergency';
import { loadClassifier } from '../../src/main/core/classify/index';
import { cueScores } from '../../src/main/core/classify/appeal-type';
import { DATA_DIR, loadHand, loadLabelledSplit, readJsonl, type HandAppeal, type HandEmergency } from './lib/data';
import { confusion, pct, score } from './lib/metrics';
import { level1Classes } from './train';

const classifier = loadClassifier();
const classes = level1Classes();
const line = (s = ''): void => console.log(s);
const fmt = (name: string, s: { n: number; accuracy: number; macroF1: number }): string =>
  `${name.padEnd(44)} n=${String(s.n).padStart(5)}  accuracy ${pct(s.accuracy).padStart(6)}  macro-F1 ${pct(s.macroF1).padStart(6)}`;

// ---- level-1 category on real held-out messages
const split = loadLabelledSplit();
const l1 = (text: string): string => classifier.batch({ text }).category.split('/')[0]!;
const heldPairs = split.heldOut.map((m) => ({ gold: m.category, pred: l1(m.text), source: m.source }));
line('== level-1 category (real messages, held-out split; 7 of 15 classes have labels)');
line(fmt('held-out, all', score(heldPairs)));
line(fmt('held-out, raw text (messages-labelled)', score(heldPairs.filter((p) => p.source === 'small'))));
line(fmt('held-out, segmented (messages-labelled-large)', score(heldPairs.filter((p) => p.source === 'large'))));
line(`(train ${split.train.length} messages; ${split.droppedForLeakage} dropped from training as duplicates of held-out ones)`);
line();
line('confusion matrix, held-out real messages (rows gold, columns predicted):');
line(confusion(heldPairs, classes));
line();

// ---- hand-written appeals (test split)
const appeals = loadHand<HandAppeal>('appeals-test.jsonl');
const batch = appeals.map((a) => ({ a, out: classifier.batch({ text: a.text }) }));
const handL1 = batch.map(({ a, out }) => ({ gold: a.level1, pred: out.category.split('/')[0]! }));
line('== hand-written appeals, test split (15 classes, 6 types, 4 tiers)');
line(fmt('level-1 category', score(handL1)));
const classesWithoutRealData = new Set(classes.filter((c) => !split.train.some((m) => m.category === c)));
line(fmt('level-1, classes without real labels only', score(handL1.filter((p) => classesWithoutRealData.has(p.gold)))));
line(fmt('appeal type (model + cue rules)', score(batch.map(({ a, out }) => ({ gold: a.type, pred: out.type })), [...APPEAL_TYPES])));
const cueOnly = appeals.map((a) => {
  const { scores } = cueScores(a.text);
  const best = [...APPEAL_TYPES].sort((x, y) => scores[y] - scores[x])[0]!;
  return { gold: a.type, pred: scores[best] > 0 ? best : '咨询' };
});
line(fmt('appeal type (cue rules only, baseline)', score(cueOnly, [...APPEAL_TYPES])));
line(fmt('time tier', score(batch.map(({ a, out }) => ({ gold: a.tier, pred: out.tier })), [...TIME_TIERS])));
line();
line('appeal type confusion (hand-written test):');
line(confusion(batch.map(({ a, out }) => ({ gold: a.type, pred: out.type })), [...APPEAL_TYPES]));
line();

// ---- emergency
const em = loadHand<HandEmergency>('emergency-test.jsonl');
let tp = 0;
let pos = 0;
let fa = 0;
let neg = 0;
let serviceOk = 0;
for (const r of em) {
  const alert = checkEmergency(r.text).alert;
  if (r.emergency) {
    pos++;
    if (alert) {
      tp++;
      if (alert.service === r.emergency) serviceOk++;
    }
  } else {
    neg++;
    if (alert) fa++;
  }
}
line('== emergency (hand-written test split: positives and hard negatives)');
line(`recall ${pct(tp / pos)} (${tp}/${pos})   false alarms ${pct(fa / neg)} (${fa}/${neg} non-emergencies)   right service ${pct(serviceOk / Math.max(1, tp))}`);
const emPairs = em.map((r) => ({ gold: r.emergency ?? 'none', pred: checkEmergency(r.text).alert?.service ?? 'none' }));
line(fmt('emergency as 4 classes (110/119/120/none)', score(emPairs, ['110', '119', '120', 'none'])));
const realSets: Array<[string, string[]]> = [
  ['messages-labelled (raw text)', readJsonl<{ title: string; text: string }>(`${DATA_DIR}/messages-labelled/messages.jsonl`).map((r) => `${r.title}。${r.text}`)],
  ['messages-labelled-large (segmented)', readJsonl<{ text: string }>(`${DATA_DIR}/messages-labelled-large/messages.jsonl`).map((r) => r.text)],
  ['messages-unlabelled (raw text)', readJsonl<{ title: string; text: string }>(`${DATA_DIR}/messages-unlabelled/messages.jsonl`).map((r) => `${r.title}。${r.text}`)],
];
line('alarm rate on real board messages (complaints and requests, nearly all non-emergencies):');
let allAlarms = 0;
let allTexts = 0;
for (const [name, texts] of realSets) {
  const alarms = texts.filter((t) => checkEmergency(t).alert).length;
  allAlarms += alarms;
  allTexts += texts.length;
  line(`  ${name.padEnd(38)} ${pct(alarms / texts.length).padStart(6)} (${alarms}/${texts.length})`);
}
line(`  ${'all'.padEnd(38)} ${pct(allAlarms / allTexts).padStart(6)} (${allAlarms}/${allTexts})`);
line();

// ---- location
const locs = loadHand<{ text: string; district: string | null; street: string | null }>('locations-test.jsonl');
const locOut = locs.map((l) => ({ l, out: classifier.batch({ text: l.text }) }));
line('== district / street (hand-written location cases, incl. ambiguous aliases and names)');
line(fmt('district (null = no place)', score(locOut.map(({ l, out }) => ({ gold: l.district ?? 'null', pred: out.district ?? 'null' })))));
line(fmt('street (null = no street)', score(locOut.map(({ l, out }) => ({ gold: l.street ?? 'null', pred: out.street ?? 'null' })))));
for (const { l, out } of locOut) {
  if ((l.district ?? null) !== out.district || (l.street ?? null) !== out.street) line(`  miss: ${l.text} → ${out.district}/${out.street} (want ${l.district}/${l.street})`);
}
