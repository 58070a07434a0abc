/**
 * Text normalisation and hashed character n-gram features ("the hashing trick", Weinberger et al.
 * 2009) for the linear classifiers.
 *
 * Why character n-grams: the large labelled set is word-segmented with punctuation and stop words
 * removed, while the app sees raw typed text; character n-grams over text normalised the same way
 * match both without a word segmenter, and survive typos and missing spaces.
 * Why hashing: no vocabulary to ship or look up; the model is one dense weight matrix.
 */

/** Everything that is not a CJK character is dropped: punctuation, spaces, digits, latin letters
 *  (the training data's anonymised places "A1区"/"K3县" and all numbers carry no topic). */
const NON_CJK = /[^\u4e00-\u9fff]+/g;

/**
 * Function words the large set's preprocessing removed as stand-alone words. Removing them from raw
 * text too brings the two forms closer in principle. Measured: it made no difference to held-out
 * accuracy (scripts/classify/README.md). It is kept because it is cheap and shortens the input.
 * Only particles and pronouns that are almost never part of a content word are listed.
 */
const STOP_CHARS = /[的了吗呢吧啊呀哦嘛哈]/g;
const STOP_WORDS = /(我们|你们|他们|她们|我|你|您|他|她|这个|那个|这些|那些|这样|那样|因为|所以|但是|而且|并且|如果|然后|还是|或者|已经|就是|一个|什么|怎么|可以|没有|不是)/g;

export function normalizeForModel(text: string): string {
  return text.normalize('NFKC').replace(NON_CJK, '').replace(STOP_WORDS, '').replace(STOP_CHARS, '');
}

export interface FeatureOptions {
  /** number of hash buckets, a power of two */
  buckets: number;
  /** n-gram orders, e.g. [1, 2, 3] */
  orders: number[];
  /**
   * 'topic' (default): normalizeForModel, function words removed (topic models).
   * 'cjk': CJK characters only, function words kept. The emergency model needs them: 了, 没有, 已经,
   * 吗 and 在 carry tense, negation and questions, which decide between an emergency and a report.
   */
  normalize?: 'topic' | 'cjk';
  /**
   * The model also reads cue tokens (emergency-model.ts): what the emergency rules saw in the window
   * (a trigger concept, why it was blocked, a past or hazard wording ...). Absent in older model files.
   */
  cues?: boolean;
}

/** The normalisation a model was trained with (FeatureOptions.normalize). */
export function normalizeFor(text: string, opts: FeatureOptions): string {
  return opts.normalize === 'cjk' ? text.normalize('NFKC').replace(NON_CJK, '') : normalizeForModel(text);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/**
 * Sparse feature vector of normalised text: bucket ids and weights (log-scaled counts, L2-normalised,
 * as in TF normalisation for linear text models). Buckets are sorted and unique.
 */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

/** Hash seed of cue tokens, apart from every n-gram order's seed. */
const CUE_SEED = Math.imul(FNV_OFFSET ^ 0x7f, FNV_PRIME);

export function featurize(normalized: string, opts: FeatureOptions, cues: readonly string[] = []): SparseVector {
  const mask = opts.buckets - 1;
  const counts = new Map<number, number>();
  for (const cue of cues) {
    let h = CUE_SEED;
    for (let k = 0; k < cue.length; k++) {
      h ^= cue.charCodeAt(k);
      h = Math.imul(h, FNV_PRIME);
    }
    const b = (h >>> 0) & mask;
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  const n = normalized.length;
  for (const order of opts.orders) {
    // Seed by order so that a unigram and a bigram never share a hash by construction.
    const seed = Math.imul(FNV_OFFSET ^ order, FNV_PRIME);
    for (let i = 0; i + order <= n; i++) {
      let h = seed;
      for (let k = 0; k < order; k++) {
        h ^= normalized.charCodeAt(i + k);
        h = Math.imul(h, FNV_PRIME);
      }
      const b = (h >>> 0) & mask;
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
  }
  const idx = Int32Array.from(counts.keys()).sort();
  const val = new Float32Array(idx.length);
  let norm = 0;
  for (let i = 0; i < idx.length; i++) {
    const v = 1 + Math.log(counts.get(idx[i]!)!);
    val[i] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < val.length; i++) val[i]! /= norm;
  return { idx, val };
}
