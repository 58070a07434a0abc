/**
 * Catalogue matcher: ranks catalogue entries for an appeal text.
 *
 * Index: an inverted index from each keyword to the entries that list it, reached through a hash
 * of the keyword's leading character bigram. Matching slides over the text once; at each position
 * only the keywords starting with that bigram are compared, so the cost grows with the text length
 * and the few candidates per bigram, not with the catalogue size (a naive scan checks every keyword
 * of every entry; `naiveMatch` keeps that baseline for tests and the benchmark).
 *
 * Score: the sum over distinct matched keywords of an IDF weight (rare keywords say more, as in
 * TF-IDF) times a length factor (a long phrase is more specific than two characters), plus a
 * smaller share for character bigrams of an entry's keywords found in the text (so 拖欠…工资 still
 * finds 拖欠工资; a second inverted index, bigram → entries), plus a bonus when the agent's category
 * path agrees with the entry's.
 */
import type { CatalogueMatch } from '../../../shared/contract';
import type { TimeTier } from '../../../shared/domain';
import { normaliseText, type CatalogueEntry } from './entries';
import { resolveUnit, type Location } from './resolve';
import type { UnitRegistry } from './units';

export interface MatchInput extends Location {
  text: string;
  /** The agent's (or classifier's) category path: level1[/level2[/level3]]. */
  categoryPath?: string | null;
  limit?: number;
}

/** `CatalogueMatch` (the renderer contract) plus what the dispatch command needs. */
export interface ResolvedCatalogueMatch extends CatalogueMatch {
  unitId: string | null;
  coUnitIds: string[];
  coUnitNames: string[];
  timeTier: TimeTier;
  categoryPath: string;
  legalBasis: string;
  matchedKeywords: string[];
  catalogueVersion: number;
}

interface Scored {
  index: number;
  raw: number;
  keywords: string[];
  category: 'exact' | 'level2' | 'level1' | null;
}

const CATEGORY_BONUS = { exact: 2.5, level2: 1.2, level1: 0.4 } as const;
/** Share of a bigram's IDF that counts: partial evidence, well below a whole keyword. */
const BIGRAM_FACTOR = 0.3;
/** Entries without a whole keyword need this many distinct bigrams to count as a match. */
const MIN_BIGRAMS = 2;
/** Raw score → 0..1 confidence-like number for display; ranking uses the raw score. */
const SCORE_HALF = 3;

export class CatalogueMatcher {
  private readonly entries: CatalogueEntry[];
  private readonly postings = new Map<string, number[]>(); // keyword → entry indexes
  private readonly byBigram = new Map<string, string[]>(); // leading bigram → keywords (longest first)
  private readonly weight = new Map<string, number>();
  private readonly bigramPostings = new Map<string, number[]>(); // keyword bigram → entry indexes
  private readonly bigramWeight = new Map<string, number>();
  private readonly byCategory = new Map<string, number[]>(); // full path → entry indexes
  private readonly scores: Float64Array;
  private readonly bigramHits: Uint16Array;
  /** Per-entry normalised keywords and bigrams, precomputed so the naive baseline is a fair one. */
  private readonly plain: Array<{ keywords: string[]; bigrams: string[] }> = [];

  constructor(
    entries: readonly CatalogueEntry[],
    private readonly registry: UnitRegistry,
    readonly version: number,
  ) {
    this.entries = [...entries];
    this.scores = new Float64Array(this.entries.length);
    this.bigramHits = new Uint16Array(this.entries.length);
    this.entries.forEach((e, i) => {
      this.plain.push({ keywords: [...new Set(e.keywords.map(normaliseText))].filter((k) => k.length >= 2), bigrams: [...entryBigrams(e)] });
      for (const k of new Set(e.keywords.map(normaliseText))) {
        if (k.length < 2) continue;
        const list = this.postings.get(k);
        if (list) list.push(i);
        else this.postings.set(k, [i]);
      }
      for (const b of entryBigrams(e)) {
        const list = this.bigramPostings.get(b);
        if (list) list.push(i);
        else this.bigramPostings.set(b, [i]);
      }
      const byPath = this.byCategory.get(e.categoryPath) ?? [];
      byPath.push(i);
      this.byCategory.set(e.categoryPath, byPath);
    });
    const n = Math.max(1, this.entries.length);
    for (const [k, list] of this.postings) {
      this.weight.set(k, keywordWeight(k, list.length, n));
      const head = k.slice(0, 2);
      const bucket = this.byBigram.get(head) ?? [];
      bucket.push(k);
      this.byBigram.set(head, bucket);
    }
    for (const [b, list] of this.bigramPostings) this.bigramWeight.set(b, BIGRAM_FACTOR * Math.log(1 + n / list.length));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Ranked matches with the unit resolved for the appeal's location; best first. */
  match(input: MatchInput): ResolvedCatalogueMatch[] {
    return this.rank(this.scoreIndexed(input), input);
  }

  /** Raw scoring through the index (exposed for the benchmark). */
  scoreIndexed(input: MatchInput): Scored[] {
    const text = normaliseText(input.text);
    const found = new Set<string>();
    const bigrams = new Set<string>();
    for (let i = 0; i + 1 < text.length; i++) {
      const head = text.slice(i, i + 2);
      if (this.bigramPostings.has(head)) bigrams.add(head);
      const bucket = this.byBigram.get(head);
      if (!bucket) continue;
      for (const k of bucket) if (!found.has(k) && text.startsWith(k, i)) found.add(k);
    }
    const touched: number[] = [];
    const hits = new Map<number, string[]>();
    for (const b of bigrams) {
      const w = this.bigramWeight.get(b)!;
      for (const i of this.bigramPostings.get(b)!) {
        if (this.scores[i] === 0) touched.push(i);
        this.scores[i] = this.scores[i]! + w;
        this.bigramHits[i] = this.bigramHits[i]! + 1;
      }
    }
    for (const k of found) {
      const w = this.weight.get(k)!;
      for (const i of this.postings.get(k)!) {
        if (this.scores[i] === 0) touched.push(i);
        this.scores[i] = this.scores[i]! + w;
        const list = hits.get(i);
        if (list) list.push(k);
        else hits.set(i, [k]);
      }
    }
    const out: Scored[] = [];
    for (const i of touched) {
      const keywords = hits.get(i) ?? [];
      // A single shared bigram (我家 in 我爱我家) is noise, not evidence.
      if (keywords.length > 0 || this.bigramHits[i]! >= MIN_BIGRAMS) out.push({ index: i, raw: this.scores[i]!, keywords, category: null });
      this.scores[i] = 0;
      this.bigramHits[i] = 0;
    }
    this.addCategory(out, input.categoryPath);
    return out;
  }

  /** Baseline: checks every keyword of every entry against the text (same scores, no index). */
  scoreNaive(input: MatchInput): Scored[] {
    const text = normaliseText(input.text);
    const out: Scored[] = [];
    this.plain.forEach((e, index) => {
      let raw = 0;
      const keywords: string[] = [];
      for (const k of e.keywords) {
        if (text.includes(k)) {
          raw += this.weight.get(k)!;
          keywords.push(k);
        }
      }
      let bigramHits = 0;
      for (const b of e.bigrams) {
        if (text.includes(b)) {
          raw += this.bigramWeight.get(b)!;
          bigramHits++;
        }
      }
      if (keywords.length > 0 || bigramHits >= MIN_BIGRAMS) out.push({ index, raw, keywords, category: null });
    });
    this.addCategory(out, input.categoryPath);
    return out;
  }

  naiveMatch(input: MatchInput): ResolvedCatalogueMatch[] {
    return this.rank(this.scoreNaive(input), input);
  }

  private addCategory(scored: Scored[], path: string | null | undefined): void {
    if (!path) return;
    const [l1, l2] = path.split('/');
    for (const s of scored) {
      const level = categoryAgreement(this.entries[s.index]!.categoryPath, path, l1, l2);
      if (level) {
        s.category = level;
        s.raw += CATEGORY_BONUS[level];
      }
    }
    // An entry filed under exactly the chosen category is a candidate even without a keyword hit.
    const present = new Set(scored.map((s) => s.index));
    for (const i of this.byCategory.get(path) ?? []) {
      if (!present.has(i)) scored.push({ index: i, raw: CATEGORY_BONUS.exact, keywords: [], category: 'exact' });
    }
  }

  private rank(scored: Scored[], input: MatchInput): ResolvedCatalogueMatch[] {
    const limit = input.limit ?? 5;
    // Sums of the same weights in another order differ in the last bits; ties must stay ties.
    for (const s of scored) s.raw = Math.round(s.raw * 1e9) / 1e9;
    scored.sort((a, b) => b.raw - a.raw || b.keywords.length - a.keywords.length || compareIds(this.entries[a.index]!.id, this.entries[b.index]!.id));
    const text = normaliseText(input.text);
    return scored.slice(0, limit).map((s) => this.describe(s, input, text));
  }

  private describe(s: Scored, location: Location, text: string): ResolvedCatalogueMatch {
    const e = this.entries[s.index]!;
    const lead = resolveUnit(e.responsible, location, this.registry);
    const co = e.coHandling ? resolveUnit(e.coHandling, location, this.registry) : null;
    const coUnits = co?.unit && co.unit.id !== lead.unit?.id ? [co.unit] : [];
    const reasons: string[] = [];
    if (s.keywords.length) reasons.push(`命中关键词：${s.keywords.join('、')}`);
    else {
      const partial = [...entryBigrams(e)].filter((b) => text.includes(b));
      if (partial.length) reasons.push(`部分匹配：${partial.join('、')}`);
    }
    if (s.category) reasons.push(s.category === 'exact' ? '分类一致' : s.category === 'level2' ? '二级分类一致' : '一级分类一致');
    reasons.push(lead.why);
    if (co) reasons.push(`协办：${co.why}`);
    return {
      entryId: e.id,
      matter: e.matter,
      unitName: lead.unit?.name ?? lead.why,
      // A dual entry whose co-handler cannot be resolved here still dispatches, directly.
      dispatchMode: e.dispatchMode === 'dual' && coUnits.length ? 'dual' : 'direct',
      why: reasons.join('；'),
      score: Math.round((s.raw / (s.raw + SCORE_HALF)) * 1000) / 1000,
      unitId: lead.unit?.id ?? null,
      coUnitIds: coUnits.map((u) => u.id),
      coUnitNames: coUnits.map((u) => u.name),
      timeTier: e.timeTier,
      categoryPath: e.categoryPath,
      legalBasis: e.legalBasis,
      matchedKeywords: s.keywords,
      catalogueVersion: this.version,
    };
  }
}

const CJK = /[\u4e00-\u9fff]/;

/** Distinct character bigrams (with at least one Chinese character) of an entry's keywords. */
function entryBigrams(e: CatalogueEntry): Set<string> {
  const out = new Set<string>();
  for (const k of e.keywords) {
    const n = normaliseText(k);
    for (let i = 0; i + 1 < n.length; i++) {
      const b = n.slice(i, i + 2);
      // Digits and Latin pairs (14 of 14号线) say nothing about the matter.
      if (CJK.test(b)) out.add(b);
    }
  }
  return out;
}

function keywordWeight(keyword: string, df: number, n: number): number {
  const idf = Math.log(1 + n / df);
  const lengthFactor = 1 + 0.3 * (Math.min(keyword.length, 6) - 2);
  return idf * lengthFactor;
}

function categoryAgreement(entryPath: string, path: string, l1: string | undefined, l2: string | undefined): Scored['category'] {
  if (entryPath === path) return 'exact';
  const [e1, e2] = entryPath.split('/');
  if (l2 && e1 === l1 && e2 === l2) return 'level2';
  if (e1 === l1) return 'level1';
  return null;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
