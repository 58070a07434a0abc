import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CatalogueMatcher, loadStarterEntries, loadUnitRegistry, type CatalogueEntry, type UnitRegistry } from '../../../src/main/core/catalogue';

const WANGJING = '110105026'; // 朝阳区望京街道
const CHAOYANG = '110105';

let registry: UnitRegistry;
let entries: CatalogueEntry[];
let matcher: CatalogueMatcher;

beforeAll(() => {
  registry = loadUnitRegistry();
  entries = loadStarterEntries(registry);
  matcher = new CatalogueMatcher(entries, registry, 1);
});

describe('catalogue matcher on the starter catalogue', () => {
  it('小区停水 goes to the water company, with the appeal’s street office co-handling (双派, 24 h)', () => {
    const [top] = matcher.match({ text: '我们小区从早上开始停水，到现在还没来水，家里老人没法做饭', streetCode: WANGJING });
    expect(top).toMatchObject({ matter: '小区停水', unitName: '北京市自来水集团有限责任公司', unitId: 'en-water', dispatchMode: 'dual', timeTier: '24h', catalogueVersion: 1 });
    expect(top!.coUnitNames).toEqual(['朝阳区望京街道办事处']);
    expect(top!.why).toContain('停水');
  });

  it('占道经营 goes to the office of the street the appeal is in', () => {
    const [top] = matcher.match({ text: '楼下每天晚上有人摆摊占道经营，流动摊贩把人行道都堵了', streetCode: WANGJING });
    expect(top).toMatchObject({ unitId: `st-${WANGJING}`, unitName: '朝阳区望京街道办事处', dispatchMode: 'direct' });
    // The same entry in another street resolves to that street's office.
    const [other] = matcher.match({ text: '东华门附近有流动摊贩占道经营', streetCode: '110101001' });
    expect(other!.unitName).toBe('东城区东华门街道办事处');
  });

  it('night-time noise from a construction site goes to 城管执法 with 住建, not to the police', () => {
    const [top] = matcher.match({ text: '小区旁边工地每天夜里十一点以后还在施工，噪音特别大，严重扰民，孩子睡不着', districtCode: '110108' });
    expect(top!.matter).toBe('夜间施工噪声扰民');
    expect([top!.unitName, ...top!.coUnitNames].join()).toMatch(/城市管理综合行政执法局/);
    expect(top!.coUnitNames.join()).toMatch(/住房和城乡建设/);
    const [dance] = matcher.match({ text: '楼下每天晚上跳广场舞，音响声音太大，噪音扰民' });
    expect(dance!.unitName).toBe('北京市公安局');
  });

  it('finds a keyword even when its characters are split in the text (拖欠……工资)', () => {
    const [top] = matcher.match({ text: '公司拖欠我三个月的工资一直不发', districtCode: CHAOYANG });
    expect(top!.matter).toBe('拖欠工资');
    expect(top!.unitName).toBe('朝阳区人民政府'); // no district 人社 department in the registry: via the district government
    expect(top!.why).toContain('由区政府转区人社部门');
  });

  it('resolves street-level entries by what is known about the location', () => {
    const text = '小区门口摆摊占道经营';
    expect(matcher.match({ text, districtCode: CHAOYANG })[0]).toMatchObject({ unitId: `dg-${CHAOYANG}`, unitName: '朝阳区人民政府' });
    const unlocated = matcher.match({ text })[0]!;
    expect(unlocated.unitId).toBeNull();
    expect(unlocated.unitName).toContain('地址未定位');
  });

  it('municipal and enterprise entries ignore the location', () => {
    expect(matcher.match({ text: '公积金提取需要什么材料', streetCode: WANGJING })[0]).toMatchObject({ unitId: 'mu-gjj' });
    expect(matcher.match({ text: '家里突然停电了，整栋楼都没电', streetCode: '110101001' })[0]).toMatchObject({ unitId: 'en-power' });
  });

  it('the agent’s category path raises entries of that category', () => {
    const text = '反映物业问题';
    const withCategory = matcher.match({ text, categoryPath: '城乡建设/住房保障与房地产/物业服务', streetCode: WANGJING, limit: 10 });
    expect(withCategory[0]!.categoryPath).toBe('城乡建设/住房保障与房地产/物业服务');
    expect(withCategory[0]!.why).toContain('分类一致');
  });

  it('returns nothing for text that matches no entry, and respects the limit', () => {
    expect(matcher.match({ text: 'abc xyz' })).toEqual([]);
    expect(matcher.match({ text: '停水停电停气，暖气也不热，垃圾没人清运', limit: 3 })).toHaveLength(3);
  });

  it('follows the successor of a merged (retired) street office', () => {
    const local = loadUnitRegistry();
    local.add({ id: 'st-110105999', name: '朝阳区新望京街道办事处', shortName: '新望京街道', type: 'street_office', sector: '属地', districtCode: CHAOYANG, streetCode: '110105999', contact: '' });
    local.retire(`st-${WANGJING}`, '2026-03-01T00:00:00.000Z', 'st-110105999');
    const m = new CatalogueMatcher(entries, local, 1);
    expect(m.match({ text: '摆摊占道经营', streetCode: WANGJING })[0]!.unitName).toBe('朝阳区新望京街道办事处');
  });

  it('the index returns the same ranking as a naive scan of every entry (property)', () => {
    const alphabet = [...new Set(entries.flatMap((e) => e.keywords).join(''))].slice(0, 400);
    const words = entries.flatMap((e) => e.keywords);
    const text = fc.array(fc.oneof(fc.constantFrom(...alphabet), fc.constantFrom(...words)), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(null, '城乡建设/住房保障与房地产/物业服务', '政法'), (t, categoryPath) => {
        const a = matcher.match({ text: t, categoryPath, limit: 8 });
        const b = matcher.naiveMatch({ text: t, categoryPath, limit: 8 });
        expect(a.map((m) => m.score)).toEqual(b.map((m) => m.score));
        // Equal scores may tie-break in either order only if they are exactly equal.
        expect(new Set(a.map((m) => m.entryId))).toEqual(new Set(b.map((m) => m.entryId)));
      }),
      { numRuns: 150 },
    );
  });
});
