/**
 * Picker search over divisions and taxonomy leaves by name, alias, full pinyin and pinyin initials
 * (`wj` finds 望京街道). Pure: the core's gazetteer and the renderer's in-memory pickers share it.
 */
import type { Division, TaxonomyLeaf } from './contract';

export function normalizeQuery(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, '');
}

export function searchDivisions(pool: readonly Division[], rawQuery: string, limit: number): Division[] {
  const query = normalizeQuery(rawQuery);
  if (!query) return pool.slice(0, limit);
  const scored: Array<{ d: Division; score: number }> = [];
  for (const d of pool) {
    let score = 0;
    if (d.name === query || d.aliases.includes(query)) score = 100;
    else if (d.name.startsWith(query) || d.aliases.some((a) => a.startsWith(query))) score = 80;
    else if (d.initials.startsWith(query)) score = 70;
    else if (d.pinyin.startsWith(query)) score = 60;
    else if (d.name.includes(query)) score = 40;
    else if (d.pinyin.includes(query)) score = 20;
    if (score > 0) scored.push({ d, score });
  }
  scored.sort((a, b) => b.score - a.score || a.d.code.localeCompare(b.d.code));
  return scored.slice(0, limit).map((s) => s.d);
}

/**
 * Category search: a leaf matches on any of its three levels by name, on the leaf's pinyin or
 * initials. Leaf-level hits rank above level-2 and level-1 hits, prefixes above substrings.
 */
export function searchTaxonomy(pool: readonly TaxonomyLeaf[], rawQuery: string, limit: number): TaxonomyLeaf[] {
  const query = normalizeQuery(rawQuery);
  if (!query) return pool.slice(0, limit);
  const scored: Array<{ leaf: TaxonomyLeaf; score: number; index: number }> = [];
  pool.forEach((leaf, index) => {
    let score = 0;
    if (leaf.level3 === query) score = 100;
    else if (leaf.level3.startsWith(query)) score = 85;
    else if (leaf.initials.startsWith(query)) score = 75;
    else if (leaf.pinyin.startsWith(query)) score = 70;
    else if (leaf.level3.includes(query)) score = 60;
    else if (leaf.level2.includes(query)) score = 45;
    else if (leaf.level1.includes(query)) score = 35;
    else if (leaf.path.includes(query)) score = 30;
    else if (leaf.pinyin.includes(query)) score = 20;
    if (score > 0) scored.push({ leaf, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, limit).map((s) => s.leaf);
}
