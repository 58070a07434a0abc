/**
 * Lists the misses and false alarms of emergency detection (rules + shipped model) on one hand-written file
 * (default: the train split; the test split is only read by eval.ts).
 * Usage: npx tsx scripts/classify/emergency-check.ts [emergency-train.jsonl]
 */
import { checkEmergency } from '../../src/main/core/classify/emergency';
import { loadHand, type HandEmergency } from './lib/data';

const file = process.argv[2] ?? 'emergency-train.jsonl';
const rows = loadHand<HandEmergency>(file);
let tp = 0;
let pos = 0;
let fa = 0;
let neg = 0;
let wrongService = 0;
for (const r of rows) {
  const { alert, blocked } = checkEmergency(r.text);
  if (r.emergency) {
    pos++;
    if (alert) {
      tp++;
      if (alert.service !== r.emergency) {
        wrongService++;
        console.log(`WRONG SERVICE ${r.emergency}→${alert.service} [${alert.trigger}] ${r.text}`);
      }
    } else console.log(`MISS ${r.emergency} ${r.text}  blocked=${JSON.stringify(blocked)}`);
  } else {
    neg++;
    if (alert) {
      fa++;
      console.log(`FALSE ALARM ${alert.service} [${alert.trigger}] ${r.text}`);
    }
  }
}
console.log(`${file}: recall ${(tp / pos).toFixed(3)} (${tp}/${pos}), false alarms ${(fa / neg).toFixed(3)} (${fa}/${neg}), wrong service ${wrongService}`);
