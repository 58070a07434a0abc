/**
 * Model selection for the level-1 category: trains variants on the training split only and prints
 * held-out accuracy for each (the numbers quoted in scripts/classify/README.md).
 * Usage: npx tsx scripts/classify/experiment.ts [variant ...]
 */
import { featurize, normalizeForModel } from '../../src/main/core/classify/features';
import { loadLabelledSplit } from './lib/data';
import { trainSoftmax, type Example } from './lib/softmax-train';
import { trainNaiveBayes } from './lib/naive-bayes';

const split = loadLabelledSplit();
const classes = [...new Set(split.train.map((m) => m.category))].sort();
const train: Example[] = split.train.map((m) => ({ text: m.text, label: m.category }));
console.log(`train ${train.length}, held-out ${split.heldOut.length} (small ${split.heldOut.filter((m) => m.source === 'small').length}), dropped for leakage ${split.droppedForLeakage}`);

function report(name: string, predict: (text: string) => string, ms: number): void {
  for (const source of ['small', 'large'] as const) {
    const rows = split.heldOut.filter((m) => m.source === source);
    const ok = rows.filter((m) => predict(m.text) === m.category).length;
    process.stdout.write(`${name}\t${source}\tacc=${(ok / rows.length).toFixed(4)}\t`);
  }
  console.log(`train ${ms} ms`);
}

const variants: Record<string, () => void> = {
  nb12: () => {
    const t = Date.now();
    const nb = trainNaiveBayes(train, classes, { buckets: 1 << 18, orders: [1, 2] }, 0.1);
    report('nb-1,2-2^18', nb, Date.now() - t);
  },
  nb23: () => {
    const t = Date.now();
    const nb = trainNaiveBayes(train, classes, { buckets: 1 << 18, orders: [2, 3] }, 0.1);
    report('nb-2,3-2^18', nb, Date.now() - t);
  },
  lr12: () => run([1, 2], 1 << 17),
  lr123: () => run([1, 2, 3], 1 << 17),
  lr123big: () => run([1, 2, 3], 1 << 18),
  lr23: () => run([2, 3], 1 << 17),
  lr123e10: () => run([1, 2, 3], 1 << 17, 10, 0.3),
  lr123e3: () => run([1, 2, 3], 1 << 17, 3, 0.5),
  lr123l2: () => run([1, 2, 3], 1 << 17, 6, 0.5, 1e-5),
  lr1234: () => run([1, 2, 3, 4], 1 << 17),
  // Same model, but only non-CJK characters removed (no stop words): does the stop-word step help?
  lr123nostop: () => {
    const t = Date.now();
    const bare = (s: string): string => s.normalize('NFKC').replace(/[^\u4e00-\u9fff]+/g, '');
    const features = { buckets: 1 << 17, orders: [1, 2, 3] };
    const { model } = trainSoftmax(train.map((e) => ({ ...e, text: bare(e.text) })), classes, { features, epochs: 6, learningRate: 0.5, l2: 1e-6, preNormalized: true });
    report('lr-1,2,3-2^17-nostop', (text) => {
      const logits = model.logits(featurize(bare(text), features));
      let best = 0;
      for (let c = 1; c < logits.length; c++) if (logits[c]! > logits[best]!) best = c;
      return classes[best]!;
    }, Date.now() - t);
  },
};

function run(orders: number[], buckets: number, epochs = 6, lr = 0.5, l2 = 1e-6): void {
  const t = Date.now();
  const { model } = trainSoftmax(train, classes, { features: { buckets, orders }, epochs, learningRate: lr, l2 });
  report(`lr-${orders.join(',')}-2^${Math.log2(buckets)}-e${epochs}`, (text) => {
    const logits = model.logits(featurize(normalizeForModel(text), model.features));
    let best = 0;
    for (let c = 1; c < logits.length; c++) if (logits[c]! > logits[best]!) best = c;
    return classes[best]!;
  }, Date.now() - t);
}

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(variants)) variants[name]?.();
