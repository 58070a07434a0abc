import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../../src/main/core/gazetteer/gazetteer';
import { LocationMatcher } from '../../../src/main/core/classify/location';
import { WELL_KNOWN_PLACES } from '../../../src/main/core/classify/places';

const matcher = new LocationMatcher(loadGazetteer());
const codes = (text: string, address?: string): [string | null, string | null] => {
  const r = matcher.match(text, address ? { address } : {});
  return [r.district?.value ?? null, r.street?.value ?? null];
};

describe('location matching in appeal text', () => {
  it('望京 → 朝阳区 110105 and 望京街道', () => {
    const r = matcher.match('望京这边有个小区停水了');
    expect(r.district).toMatchObject({ value: '110105', label: '朝阳区' });
    expect(r.street).toMatchObject({ value: '110105026', label: '望京街道' });
    expect(r.street!.why).toContain('望京');
  });

  it.each([
    ['我住在朝阳区望京街道', '110105', '110105026'],
    ['南磨房乡有违建', '110105', '110105021'],
    ['南磨房地区办事处不作为', '110105', '110105021'],
    ['通州区宋庄镇的路坏了', '110112', '110112104'],
    ['房山区东风街道有违建', '110111', '110111005'],
    ['朝阳区东风地区的暖气不热', '110105', '110105030'],
    ['海淀区八里庄有个工地', '110108', '110108005'],
  ])('full names and aliases: %s', (text, district, street) => {
    expect(codes(text)).toEqual([district, street]);
  });

  it.each([
    ['三里屯酒吧噪音', '110105', '110105004'],
    ['中关村有家公司拖欠工资', '110108', '110108011'],
    ['国贸附近写字楼', '110105', '110105001'],
    ['我在西单丢了钱包', '110102', '110102001'],
    ['王府井有人发小广告', '110101', '110101001'],
    ['回龙观地铁站黑车拉客', '110114', '110114011'],
    ['天通苑的物业乱收费', '110114', '110114008'],
    ['亦庄的公交车太少', '110115', '110115004'],
    ['望京SOHO楼下停车乱收费', '110105', '110105026'],
  ])('hand-written well-known places: %s', (text, district, street) => {
    expect(codes(text)).toEqual([district, street]);
  });

  it('a street implies its district', () => {
    expect(codes('双井桥下积水很深')[0]).toBe('110105');
  });

  it('prefers the longer match: 朝阳门 is a street of 东城区, not 朝阳区', () => {
    expect(codes('朝阳门附近路灯不亮')).toEqual(['110101', '110101007']);
  });

  it('district short forms count, but not inside a person name or an idiom', () => {
    expect(codes('家住朝阳，想咨询落户')).toEqual(['110105', null]);
    expect(codes('张朝阳反映的问题')).toEqual([null, null]);
    expect(codes('王昌平是我们的物业经理')).toEqual([null, null]);
    expect(codes('现在到处大兴土木')).toEqual([null, null]);
  });

  it('ordinary words that are also street aliases need their district (东风, 和平)', () => {
    expect(codes('东风这个牌子的车质量有问题')).toEqual([null, null]);
    expect(codes('希望世界和平共处')).toEqual([null, null]);
  });

  it('an alias shared by two districts is not guessed without the district (八里庄)', () => {
    expect(codes('八里庄有噪音')).toEqual([null, null]);
  });

  it('an explicit district filters streets of other districts', () => {
    // 中关村 is in 海淀; with 朝阳区 named, no street is suggested rather than a contradictory one.
    const [district, street] = codes('朝阳区的居民，在中关村上班，朝阳区这边的路灯坏了');
    expect(district).toBe('110105');
    expect(street).toBeNull();
  });

  it('the address field counts more than the content', () => {
    expect(codes('海淀那边也有这个问题', '朝阳区望京街道花家地')).toEqual(['110105', '110105026']);
  });

  it('a district already chosen in the form keeps street suggestions in that district', () => {
    // 八里庄 exists in 朝阳 and 海淀: with 海淀区 chosen, it is 海淀's 八里庄街道.
    const r = matcher.match('八里庄这边晚上施工太吵', { districtCode: '110108' });
    expect(r.district?.value).toBe('110108');
    expect(r.street?.value).toBe('110108005');
  });

  it('every hand-written place points to a real street of the gazetteer', () => {
    const g = loadGazetteer();
    for (const [place, code] of WELL_KNOWN_PLACES) expect(g.get(code), place).toBeDefined();
  });
});

describe('places outside Beijing and spoken township names', () => {
  it.each([
    ['江苏南通通州区一家工厂拖欠工资，我现在在北京'],
    ['广东东莞市东城街道有家厂子欠我钱'],
    ['我在长春朝阳区买的房子'],
    ['天津和平区的朋友说'],
  ])('a district or street named after a province or another city is not Beijing’s: %s', (text) => {
    expect(codes(text)).toEqual([null, null]);
  });
  it('Beijing itself before a name is fine', () => {
    expect(codes('北京市朝阳区望京街道有个小区停水')).toEqual(['110105', '110105026']);
  });
  it('ethnic townships are named without 回族乡/满族乡 (于家务, 喇叭沟门)', () => {
    expect(codes('通州于家务那边有个养殖场往沟里排粪水')).toEqual(['110112', '110112209']);
    expect(codes('我在怀柔喇叭沟门，村里公交一天就两趟')).toEqual(['110116', '110116213']);
  });
  it('well-known places added from other writers’ appeals map to their township', () => {
    expect(codes('慕田峪长城那儿卖东西的漫天要价')).toEqual(['110116', '110116108']);
    expect(codes('新发地批发市场周围半夜大车鸣笛')).toEqual(['110106', '110106018']);
    expect(codes('密云古北水镇那段路限行吗')).toEqual(['110118', '110118111']);
  });
});
