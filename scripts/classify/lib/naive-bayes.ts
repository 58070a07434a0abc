/** Multinomial naive Bayes over the same hashed character n-grams: the baseline in model selection. */
import { featurize, normalizeForModel, type FeatureOptions } from '../../../src/main/core/classify/features';
import type { Example } from './softmax-train';

export function trainNaiveBayes(examples: Example[], classes: string[], features: FeatureOptions, alpha: number): (text: string) => string {
  const k = classes.length;
  const counts = new Float64Array(features.buckets * k);
  const totals = new Float64Array(k);
  const docs = new Float64Array(k);
  const ci = new Map(classes.map((c, i) => [c, i]));
  for (const e of examples) {
    const c = ci.get(e.label)!;
    const x = featurize(normalizeForModel(e.text), features);
    docs[c]! += 1;
    for (let i = 0; i < x.idx.length; i++) {
      counts[x.idx[i]! * k + c]! += x.val[i]!;
      totals[c]! += x.val[i]!;
    }
  }
  const n = examples.length;
  return (text: string) => {
    const x = featurize(normalizeForModel(text), features);
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < k; c++) {
      let s = Math.log(docs[c]! / n);
      const denom = Math.log(totals[c]! + alpha * features.buckets);
      for (let i = 0; i < x.idx.length; i++) s += x.val[i]! * (Math.log(counts[x.idx[i]! * k + c]! + alpha) - denom);
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    return classes[best]!;
  };
}
