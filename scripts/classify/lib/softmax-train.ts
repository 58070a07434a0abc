/**
 * Trains the multinomial logistic regression of src/main/core/classify/linear.ts by stochastic
 * gradient descent with AdaGrad step sizes (Duchi et al. 2011) and L2 weight decay on the touched
 * weights. Deterministic: a seeded shuffle, so the same data gives the same model file.
 */
import { featurize, normalizeFor, type FeatureOptions, type SparseVector } from '../../../src/main/core/classify/features';
import { LinearModel, softmax } from '../../../src/main/core/classify/linear';
import { seededRandom } from '../../../src/shared/seeded-random';

export interface Example {
  text: string;
  label: string;
  /** sample weight (hand-written examples of classes without real data count more) */
  weight?: number;
  /** cue tokens read with the text (FeatureOptions.cues) */
  cues?: readonly string[];
}

export interface TrainOptions {
  features: FeatureOptions;
  epochs: number;
  learningRate: number;
  l2: number;
  seed?: number;
  /** text is already normalised (skip normalizeForModel) */
  preNormalized?: boolean;
}

export interface Trained {
  model: LinearModel;
  classes: string[];
  features: FeatureOptions;
  bias: Float32Array;
  weights: Float32Array;
}

/** Seeded shuffling (mulberry32), so training is reproducible. */
export const rng = seededRandom;

export function trainSoftmax(examples: Example[], classes: string[], opts: TrainOptions): Trained {
  const k = classes.length;
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const xs: SparseVector[] = examples.map((e) => featurize(opts.preNormalized ? e.text : normalizeFor(e.text, opts.features), opts.features, e.cues));
  const ys = examples.map((e) => {
    const y = classIndex.get(e.label);
    if (y === undefined) throw new Error(`unknown label ${e.label}`);
    return y;
  });
  const sw = examples.map((e) => e.weight ?? 1);
  const weights = new Float32Array(opts.features.buckets * k);
  const g2 = new Float32Array(opts.features.buckets * k);
  const bias = new Float32Array(k);
  const bg2 = new Float32Array(k);
  const order = examples.map((_, i) => i);
  const rand = rng(opts.seed ?? 42);
  const eps = 1e-8;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const x = xs[n]!;
      const logits = new Float64Array(k);
      for (let c = 0; c < k; c++) logits[c] = bias[c]!;
      for (let i = 0; i < x.idx.length; i++) {
        const base = x.idx[i]! * k;
        const v = x.val[i]!;
        for (let c = 0; c < k; c++) logits[c]! += v * weights[base + c]!;
      }
      const p = softmax(logits);
      const y = ys[n]!;
      const w = sw[n]!;
      for (let c = 0; c < k; c++) {
        const g = (p[c]! - (c === y ? 1 : 0)) * w;
        if (g === 0) continue;
        bg2[c]! += g * g;
        bias[c]! -= (opts.learningRate * g) / Math.sqrt(bg2[c]! + eps);
        for (let i = 0; i < x.idx.length; i++) {
          const at = x.idx[i]! * k + c;
          const gi = g * x.val[i]! + opts.l2 * weights[at]!;
          g2[at]! += gi * gi;
          weights[at]! -= (opts.learningRate * gi) / Math.sqrt(g2[at]! + eps);
        }
      }
    }
  }
  return { model: new LinearModel(classes, opts.features, bias, weights), classes, features: opts.features, bias, weights };
}
