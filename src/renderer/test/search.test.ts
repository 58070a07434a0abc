import { describe, expect, it } from 'vitest';
import type { Division, TaxonomyLeaf } from '../../shared/contract';
import { searchDivisions, searchTaxonomy } from '../../shared/picker-search';

const d = (code: string, name: string, pinyin: string, initials: string, aliases: string[], districtCode: string | null = '110105'): Division => ({
  code,
  name,
  districtCode,
  districtName: districtCode ? '朝阳区' : name,
  pinyin,
  initials,
  aliases,
});

const pool: Division[] = [
  d('110105', '朝阳区', 'chaoyangqu', 'cyq', ['朝阳'], null),
  d('110105001', '建外街道', 'jianwaijiedao', 'jwjd', ['建外', '建外街道办事处']),
  d('110105026', '望京街道', 'wangjingjiedao', 'wjjd', ['望京', '望京街道办事处']),
  d('110105043', '将台地区', 'jiangtaidiqu', 'jtdq', ['将台', '将台乡', '将台地区办事处']),
  d('110105400', '王四营地区', 'wangsiyingdiqu', 'wsydq', ['王四营']),
];

const leaf = (path: string, pinyin: string, initials: string): TaxonomyLeaf => {
  const [level1 = '', level2 = '', level3 = ''] = path.split('/');
  return { path, level1, level2, level3, pinyin, initials };
};
const leaves: TaxonomyLeaf[] = [
  leaf('城乡建设/安全生产/安全隐患', 'anquanyinhuan', 'aqyh'),
  leaf('环境保护/环境污染/大气污染', 'daqiwuran', 'dqwr'),
  leaf('环境保护/环境污染/噪音污染', 'zaoyinwuran', 'zywr'),
  leaf('政法/社会治安/消防安全', 'xiaofanganquan', 'xfaq'),
];

describe('division picker search', () => {
  it('typing wj finds 望京街道 first (pinyin initials)', () => {
    expect(searchDivisions(pool, 'wj', 5)[0]?.name).toBe('望京街道');
  });

  it('ranks exact name or alias, then name prefix, initials, pinyin prefix, substrings', () => {
    expect(searchDivisions(pool, '望京', 5)[0]?.code).toBe('110105026'); // alias
    expect(searchDivisions(pool, 'wangjing', 5)[0]?.code).toBe('110105026'); // pinyin prefix
    expect(searchDivisions(pool, '将台乡', 5)[0]?.code).toBe('110105043'); // spoken alias of a 地区
    expect(searchDivisions(pool, ' W', 5).map((x) => x.name)).toEqual(['望京街道', '王四营地区', '建外街道']); // case and spaces ignored; initials before pinyin substrings
    expect(searchDivisions(pool, '地区', 5).map((x) => x.name)).toEqual(['将台地区', '王四营地区']); // substring
    expect(searchDivisions(pool, 'jiedao', 5).map((x) => x.name)).toEqual(['建外街道', '望京街道']); // pinyin substring
  });

  it('an empty query lists the pool; nonsense finds nothing; the limit holds', () => {
    expect(searchDivisions(pool, '  ', 2)).toEqual(pool.slice(0, 2));
    expect(searchDivisions(pool, 'qqq', 5)).toEqual([]);
    expect(searchDivisions(pool, 'j', 1)).toHaveLength(1);
  });
});

describe('category picker search', () => {
  it('finds a leaf by its name, initials, pinyin or a parent level', () => {
    expect(searchTaxonomy(leaves, '噪音', 3)[0]?.path).toBe('环境保护/环境污染/噪音污染');
    expect(searchTaxonomy(leaves, 'zywr', 3)[0]?.level3).toBe('噪音污染');
    expect(searchTaxonomy(leaves, 'xiaofang', 3)[0]?.level3).toBe('消防安全');
    expect(searchTaxonomy(leaves, '环境污染', 5).map((l) => l.level3)).toEqual(['大气污染', '噪音污染']);
    expect(searchTaxonomy(leaves, '安全', 5).map((l) => l.level3)).toEqual(['安全隐患', '消防安全']); // prefix before substring
  });

  it('an empty query lists the tree in order; nonsense finds nothing', () => {
    expect(searchTaxonomy(leaves, ' ', 2)).toEqual(leaves.slice(0, 2));
    expect(searchTaxonomy(leaves, 'qqqqqq', 10)).toEqual([]);
  });
});
