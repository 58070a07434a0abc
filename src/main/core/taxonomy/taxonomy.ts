/** The three-level appeal category tree (15 level-1 classes, 517 leaves) with pinyin for search. */
import fs from 'node:fs';
import type { TaxonomyLeaf } from '../../../shared/contract';
import { parseCsvRecords } from '../text/csv';
import { pinyinKeys } from '../text/pinyin';
import { resourcePath } from '../resources';

export function buildTaxonomy(csvText: string): TaxonomyLeaf[] {
  return parseCsvRecords(csvText, ['level1', 'level2', 'level3']).map(({ line, record }) => {
    const level1 = record.level1!.trim();
    const level2 = record.level2!.trim();
    const level3 = record.level3!.trim();
    if (!level1 || !level2 || !level3) throw new Error(`分类文件第 ${line} 行有空的层级`);
    return { path: `${level1}/${level2}/${level3}`, level1, level2, level3, ...pinyinKeys(level3) };
  });
}

let shipped: TaxonomyLeaf[] | undefined;
export function loadTaxonomy(): TaxonomyLeaf[] {
  shipped ??= buildTaxonomy(fs.readFileSync(resourcePath('data/taxonomy/three-level-taxonomy.csv'), 'utf8'));
  return shipped;
}

export function isKnownCategoryPath(leaves: readonly TaxonomyLeaf[], path: string): boolean {
  return leaves.some((leaf) => leaf.path === path);
}
