/**
 * npm run eval:classify — accuracy and macro-F1 per field on data the models never trained on:
 *   level-1 category: held-out split of the real labelled messages (FNV-1a(id) % 5 === 0) and the
 *                     hand-written appeals test split (all 15 classes)
 *   appeal type, tier: hand-written appeals test split (resources/classify/appeals-test.jsonl) and the
 *                     blind examiner appeal sets (appeals-blind.jsonl)
 *   emergency:        the blind examiner sets (emergency-blind.jsonl: written by three writers who never
 *                     saw the detector; never trained on), the lead's test file (emergency-test.jsonl) by
 *                     round, rules only and the full detector; alarm rate on real board messages (labelled
 *                     and unlabelled sets: almost all non-emergencies), overall and on the held-out
 *                     messages the model never saw
 *   district/street:  hand-written location cases (locations-test.jsonl) and the blind examiner set
 *                     (locations-blind.jsonl)
 * Also prints the level-1 confusion matrix.
 */
import { APPEAL_TYPES, TIME_TIERS } from '../../src/shared/domain';
import type { EmergencyAlert } from '../../src/shared/contract';
import { checkEmergency } from '../../src/main/core/classify/emergency';
import { defaultEmergencyModel, emergencyModelError } from '../../src/main/core/classify/emergency-model';
import { loadClassifier } from '../../src/main/core/classify/index';
import { loadGazetteer } from '../../src/main/core/gazetteer/gazetteer';
import { cueScores } from '../../src/main/core/classify/appeal-type';
import { DATA_DIR, isHeldOut, loadHand, loadLabelledSplit, readJsonl, type HandAppeal, type HandEmergency } from './lib/data';
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
// ---- blind examiner appeal sets (never trained on)
const blindAppeals = loadHand<HandAppeal & { set: string }>('appeals-blind.jsonl');
const blindBatch = blindAppeals.map((a) => ({ a, out: classifier.batch({ text: a.text }) }));
line('== appeals, blind examiner sets (ab1, ab2: written from the label definitions by writers who never saw the classifier; never trained on)');
line(fmt('level-1 category', score(blindBatch.map(({ a, out }) => ({ gold: a.level1, pred: out.category.split('/')[0]! })))));
line(fmt('appeal type', score(blindBatch.map(({ a, out }) => ({ gold: a.type, pred: out.type })), [...APPEAL_TYPES])));
line(fmt('time tier', score(blindBatch.map(({ a, out }) => ({ gold: a.tier, pred: out.tier })), [...TIME_TIERS])));
line('appeal type confusion (blind sets):');
line(confusion(blindBatch.map(({ a, out }) => ({ gold: a.type, pred: out.type })), [...APPEAL_TYPES]));
line();
line('appeal type confusion (hand-written test):');
line(confusion(batch.map(({ a, out }) => ({ gold: a.type, pred: out.type })), [...APPEAL_TYPES]));
line();

// ---- emergency: rules only vs rules + model, on the test file (by round) and on real messages
type EmRow = HandEmergency & { round?: number; set?: string; near_train?: boolean };
const em = loadHand<EmRow>('emergency-test.jsonl');
const emModel = defaultEmergencyModel();
const detectors: Array<[string, (t: string) => EmergencyAlert | null]> = [
  ['rules only', (t) => checkEmergency(t, { model: null }).alert],
  [`detector: the model decides (θ=${emModel?.threshold ?? '-'})`, (t) => checkEmergency(t).alert],
];
if (!emModel) line(`!! emergency model not loaded (${emergencyModelError()}): rules only`);
const emStats = (rows: EmRow[], detect: (t: string) => EmergencyAlert | null): string => {
  let tp = 0;
  let fa = 0;
  let ok = 0;
  const pos = rows.filter((r) => r.emergency).length;
  const neg = rows.length - pos;
  for (const r of rows) {
    const a = detect(r.text);
    if (r.emergency && a) {
      tp++;
      if (a.service === r.emergency) ok++;
    } else if (!r.emergency && a) fa++;
  }
  return `recall ${pct(tp / Math.max(1, pos)).padStart(6)} (${tp}/${pos})  false alarms ${pct(fa / Math.max(1, neg)).padStart(5)} (${fa}/${neg})  right service ${pct(ok / Math.max(1, tp)).padStart(6)}`;
};
const blind = loadHand<EmRow>('emergency-blind.jsonl');
line('== emergency, blind examiner sets (never trained on; rows close to a training row left out)');
const blindSets: Array<[string, EmRow[]]> = [
  ['all three', blind.filter((r) => !r.near_train)],
  ...[...new Set(blind.map((r) => r.set ?? '?'))].sort().map((n): [string, EmRow[]] => [`set ${n}`, blind.filter((r) => r.set === n && !r.near_train)]),
];
for (const [name, detect] of detectors) {
  line(`${name}:`);
  for (const [label, rows] of blindSets) line(`  ${label.padEnd(28)} ${emStats(rows, detect)}`);
}
line(`(${blind.filter((r) => r.near_train).length} rows with a near-duplicate in the training data are not counted; first measurements: scripts/classify/README.md)`);
line();
line('== emergency (the lead\'s test file: positives and hard negatives)');
const rounds: Array<[string, EmRow[]]> = [
  ['all rows', em],
  ['rounds 1–4 (no round tag)', em.filter((r) => r.round === undefined)],
  ...[...new Set(em.map((r) => r.round).filter((x): x is number => x !== undefined))].sort().map((n): [string, EmRow[]] => [`round ${n}`, em.filter((r) => r.round === n)]),
];
for (const [name, detect] of detectors) {
  line(`${name}:`);
  for (const [label, rows] of rounds) line(`  ${label.padEnd(28)} ${emStats(rows, detect)}`);
}
line('(each round was measured once, blind, before anything was fixed; later numbers on a round are regression, not generalisation: scripts/classify/README.md)');
const emPairs = em.map((r) => ({ gold: r.emergency ?? 'none', pred: checkEmergency(r.text).alert?.service ?? 'none' }));
line(fmt('detector, as 4 classes (110/119/120/none)', score(emPairs, ['110', '119', '120', 'none'])));
const blindPairs = blind.filter((r) => !r.near_train).map((r) => ({ gold: r.emergency ?? 'none', pred: checkEmergency(r.text).alert?.service ?? 'none' }));
line(fmt('detector on the blind sets, as 4 classes', score(blindPairs, ['110', '119', '120', 'none'])));
line('confusion matrix, blind sets (rows gold, columns predicted):');
line(confusion(blindPairs, ['110', '119', '120', 'none']));
const realSets: Array<[string, Array<{ id: string; text: string }>]> = [
  ['messages-labelled (raw text)', readJsonl<{ id: string; title: string; text: string }>(`${DATA_DIR}/messages-labelled/messages.jsonl`).map((r) => ({ id: String(r.id), text: `${r.title}。${r.text}` }))],
  ['messages-labelled-large (segmented)', readJsonl<{ id: string; text: string }>(`${DATA_DIR}/messages-labelled-large/messages.jsonl`).map((r) => ({ id: String(r.id), text: r.text }))],
  ['messages-unlabelled (raw text)', readJsonl<{ id: string; title: string; text: string }>(`${DATA_DIR}/messages-unlabelled/messages.jsonl`).map((r) => ({ id: String(r.id), text: `${r.title}。${r.text}` }))],
];
line('alarm rate on real board messages (complaints and requests, nearly all non-emergencies):');
line(`  ${''.padEnd(38)} ${'rules only'.padStart(18)} ${'detector'.padStart(18)}`);
const rate = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(2)}% (${n}/${d})`.padStart(18);
const all: Array<{ id: string; raw: boolean; rules: boolean; detector: boolean }> = [];
for (const [name, msgs] of realSets) {
  const out = msgs.map((m) => {
    const rules = !!checkEmergency(m.text, { model: null }).alert;
    return { id: m.id, raw: !name.includes('segmented'), rules, detector: !!checkEmergency(m.text).alert };
  });
  all.push(...out);
  line(`  ${name.padEnd(38)} ${rate(out.filter((o) => o.rules).length, out.length)} ${rate(out.filter((o) => o.detector).length, out.length)}`);
}
line(`  ${'all'.padEnd(38)} ${rate(all.filter((o) => o.rules).length, all.length)} ${rate(all.filter((o) => o.detector).length, all.length)}`);
const held = all.filter((o) => isHeldOut(o.id));
line(`  ${'held out (never trained on the model)'.padEnd(38)} ${rate(held.filter((o) => o.rules).length, held.length)} ${rate(held.filter((o) => o.detector).length, held.length)}`);
const heldRaw = held.filter((o) => o.raw);
line(`  ${'held out, raw text (the θ budget)'.padEnd(38)} ${rate(heldRaw.filter((o) => o.rules).length, heldRaw.length)} ${rate(heldRaw.filter((o) => o.detector).length, heldRaw.length)}`);
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
// The blind examiner set names places (朝阳区 / 望京街道); its codes come from the gazetteer.
const gazetteer = loadGazetteer();
const districtByName = new Map(gazetteer.districts.map((d) => [d.name, d.code]));
const streetByName = new Map(gazetteer.streets.map((d) => [`${d.districtCode}|${d.name}`, d.code]));
const blindLocs = loadHand<{ text: string; district: string | null; street: string | null }>('locations-blind.jsonl').map((l) => {
  const district = l.district ? (districtByName.get(l.district) ?? null) : null;
  return { text: l.text, district, street: l.street && district ? (streetByName.get(`${district}|${l.street}`) ?? null) : null };
});
const blindLocOut = blindLocs.map((l) => ({ l, out: classifier.batch({ text: l.text }) }));
line('== district / street, blind examiner set (150 rows written from the division list by a writer who never saw the matcher)');
line(fmt('district (null = no place)', score(blindLocOut.map(({ l, out }) => ({ gold: l.district ?? 'null', pred: out.district ?? 'null' })))));
line(fmt('street (null = no street)', score(blindLocOut.map(({ l, out }) => ({ gold: l.street ?? 'null', pred: out.street ?? 'null' })))));
