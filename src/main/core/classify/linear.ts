/**
 * A multinomial logistic-regression (softmax) classifier over hashed character n-grams, and its
 * file format. Training lives in scripts/classify (it needs the data sets); the app only loads and
 * scores.
 *
 * File format: `<name>.json` (classes, feature options, biases, weight scale, training notes) plus
 * `<name>.bin` (weights as little-endian Int16, bucket-major: weights[bucket * classes + class],
 * multiplied by `scale`). Int16 quantisation keeps the files small; the loss in accuracy is nil at
 * this scale (checked in eval).
 */
import fs from 'node:fs';
import { featurize, normalizeFor, type FeatureOptions, type SparseVector } from './features';

export interface LinearModelMeta {
  kind: 'softmax-hashed-char-ngrams';
  version: 1;
  classes: string[];
  features: FeatureOptions;
  bias: number[];
  scale: number;
  trainedAt: string;
  notes: Record<string, unknown>;
}

export class LinearModel {
  readonly classes: string[];
  readonly features: FeatureOptions;
  private readonly bias: Float32Array;
  /** bucket-major weights: weights[b * k + c] */
  private readonly weights: Float32Array;
  /** bytes of the model files this was loaded from (0 when built in memory) */
  sizeBytes = 0;
  /** the `notes` of the model file (training data, configuration, chosen thresholds) */
  notes: Record<string, unknown> = {};

  constructor(classes: string[], features: FeatureOptions, bias: ArrayLike<number>, weights: Float32Array) {
    if (weights.length !== classes.length * features.buckets) throw new Error('模型权重大小与类别数不符');
    this.classes = classes;
    this.features = features;
    this.bias = Float32Array.from(bias);
    this.weights = weights;
  }

  /** Raw scores (logits) for an already featurised text. */
  logits(x: SparseVector): Float64Array {
    const k = this.classes.length;
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) out[c] = this.bias[c]!;
    for (let i = 0; i < x.idx.length; i++) {
      const base = x.idx[i]! * k;
      const v = x.val[i]!;
      for (let c = 0; c < k; c++) out[c]! += v * this.weights[base + c]!;
    }
    return out;
  }

  /** Logits for raw text (normalised the same way as in training). */
  logitsFor(text: string, cues?: readonly string[]): Float64Array {
    return this.logits(featurize(normalizeFor(text, this.features), this.features, cues));
  }

  /** Class probabilities for raw text (normalised the same way as in training). */
  predict(text: string): Array<{ label: string; p: number }> {
    const probs = softmax(this.logits(featurize(normalizeFor(text, this.features), this.features)));
    return this.classes.map((label, c) => ({ label, p: probs[c]! })).sort((a, b) => b.p - a.p);
  }
}

export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp(logits[i]! - max);
    sum += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

export function saveLinearModel(basePath: string, model: { classes: string[]; features: FeatureOptions; bias: ArrayLike<number>; weights: Float32Array }, notes: Record<string, unknown>): void {
  let maxAbs = 0;
  for (let i = 0; i < model.weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(model.weights[i]!));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const q = new Int16Array(model.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(model.weights[i]! / scale);
  const meta: LinearModelMeta = {
    kind: 'softmax-hashed-char-ngrams',
    version: 1,
    classes: model.classes,
    features: model.features,
    bias: Array.from(model.bias, (b) => Math.round(b * 1e6) / 1e6),
    scale,
    trainedAt: new Date().toISOString(),
    notes,
  };
  fs.writeFileSync(`${basePath}.json`, JSON.stringify(meta, null, 1) + '\n');
  // Int16Array is little-endian on every platform Electron ships for; written as raw bytes.
  fs.writeFileSync(`${basePath}.bin`, Buffer.from(q.buffer, q.byteOffset, q.byteLength));
}

export function loadLinearModel(basePath: string): LinearModel {
  const meta = JSON.parse(fs.readFileSync(`${basePath}.json`, 'utf8')) as LinearModelMeta;
  if (meta.kind !== 'softmax-hashed-char-ngrams' || meta.version !== 1) throw new Error(`不支持的模型文件：${basePath}`);
  let raw = fs.readFileSync(`${basePath}.bin`);
  if (raw.byteOffset % 2 !== 0) raw = Buffer.from(raw); // Int16Array views need 2-byte alignment
  const q = new Int16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
  const w = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) w[i] = q[i]! * meta.scale;
  const model = new LinearModel(meta.classes, meta.features, meta.bias, w);
  model.sizeBytes = raw.byteLength + fs.statSync(`${basePath}.json`).size;
  model.notes = meta.notes ?? {};
  return model;
}
