import { describe, expect, it } from 'vitest';
import { AssistResult } from '../../../src/shared/contract';
import { loadClassifier } from '../../../src/main/core/classify/index';
import { suggestTier } from '../../../src/main/core/classify/tier';
import { loadLinearModel } from '../../../src/main/core/classify/linear';
import { resourcePath } from '../../../src/main/core/resources';
import { detectEmergency } from '../../../src/main/core/classify/emergency';
import { loadTaxonomy, isKnownCategoryPath } from '../../../src/main/core/taxonomy/taxonomy';

const classifier = loadClassifier();
const suggest = (content: string, title = '') => classifier.suggest({ title, content });

describe('suggest(): the shape the app API returns', () => {
  it('matches the AssistResult schema, with up to 3 types and 3 category paths', () => {
    const r = suggest('朝阳区望京街道花家地小区从昨天开始停水，请问什么时候能恢复？', '小区停水');
    expect(() => AssistResult.parse(r)).not.toThrow();
    expect(r.appealType.length).toBeGreaterThan(0);
    expect(r.appealType.length).toBeLessThanOrEqual(3);
    expect(r.category.length).toBeGreaterThan(0);
    expect(r.category.length).toBeLessThanOrEqual(3);
    expect(r.catalogue).toEqual([]);
  });

  it('category paths are real leaves of the taxonomy, best first', () => {
    const leaves = loadTaxonomy();
    const r = suggest('小区从昨天开始停水，自来水公司电话打不通');
    for (const c of r.category) expect(isKnownCategoryPath(leaves, c.value)).toBe(true);
    expect(r.category[0]!.value).toBe('城乡建设/城市建设和市政管理/自来水供应');
    const conf = r.category.map((c) => c.confidence);
    expect([...conf].sort((a, b) => b - a)).toEqual(conf);
  });

  it('empty text gives no category and no emergency, and does not throw', () => {
    const r = suggest('');
    expect(r.category).toEqual([]);
    expect(r.emergency).toBeNull();
    expect(r.timeTier.value).toBe('7d');
  });

  it('the model is loaded once and cached', () => {
    expect(loadClassifier()).toBe(classifier);
    expect(classifier.info.degraded).toBeUndefined();
  });

  it('without model files it degrades to rules: emergency, tier, location, type cues and keyword categories still work', () => {
    const bare = loadClassifier({ modelDir: '/nonexistent/hotline-models' });
    expect(bare.info.degraded).toContain('加载失败');
    const r = bare.suggest({ title: '', content: '望京这边有人家里着火了，冒黑烟，请问怎么办' });
    expect(() => AssistResult.parse(r)).not.toThrow();
    expect(r.emergency?.service).toBe('119');
    expect(r.timeTier.value).toBe('2h');
    expect(r.street?.value).toBe('110105026');
    expect(bare.suggest({ title: '', content: '我想申请低保' }).category[0]!.value.startsWith('民政/')).toBe(true);
    expect(bare.suggest({ title: '', content: '举报有人偷排污水' }).appealType[0]!.value).toBe('举报');
  });
});

describe('the largest input', () => {
  it('a maximal 10,000-character input is classified in full (its speed is measured by npm run bench:classify)', () => {
    const content = '小区门口的路灯坏了，晚上很黑，物业一直不修。'.repeat(455).slice(0, 10_000);
    const r = suggest(content, '路灯');
    expect(() => AssistResult.parse(r)).not.toThrow();
    expect(r.emergency).toBeNull();
    expect(r.category[0]!.value.length).toBeGreaterThan(0);
  });
});

describe('level-1 category', () => {
  const top = (text: string) => suggest(text).category[0]!.value.split('/')[0];
  it.each([
    ['公司拖欠我们三个月工资，老板一直不给', '劳动和社会保障'],
    ['孩子上小学需要什么材料，非京籍可以入学吗', '教育文体'],
    ['工厂晚上偷排污水，河水都变黑了', '环境保护'],
    ['医院挂号太难，号贩子在门口倒卖专家号', '卫生计生'],
    ['超市卖过期食品，不给退货', '商贸旅游'],
    // classes without labelled messages: hand-written examples + taxonomy keywords
    ['我家收入很低，想申请低保', '民政'],
    ['我们村的宅基地和邻居有纠纷', '农村农业'],
    ['举报村干部贪污集体资金，收受贿赂', '纪检监察'],
    ['身份证丢了在哪里补办，户口在外地', '政法'],
    ['宽带经常断网，运营商不给修', '科技与信息产业'],
  ])('%s → %s', (text, level1) => {
    expect(top(text)).toBe(level1);
  });
});

describe('appeal type', () => {
  const type = (content: string, title = '') => suggest(content, title).appealType[0]!.value;
  it.each([
    ['请问公租房的申请条件是什么？', '咨询'],
    ['我要投诉楼下饭馆油烟扰民，多次反映没人管', '投诉'],
    ['举报有人在河里偷排污水', '举报'],
    ['建议在小区门口增设一个公交站', '建议'],
    ['感谢社区的工作人员，给你们送面锦旗', '表扬'],
    ['我一个人带孩子，生活困难，请帮帮我们', '求助'],
  ])('%s → %s', (text, t) => {
    expect(type(text)).toBe(t);
  });

  it('the title counts: a purpose stated in the title wins', () => {
    expect(type('小区门口的路灯坏了一个月了', '投诉物业不作为')).toBe('投诉');
  });

  it('confidences are probabilities, best first', () => {
    const s = suggest('请问社保怎么转移').appealType;
    for (const x of s) expect(x.confidence).toBeGreaterThanOrEqual(0);
    expect(s.reduce((a, x) => a + x.confidence, 0)).toBeLessThanOrEqual(1.01);
    expect(s[0]!.confidence).toBeGreaterThanOrEqual(s[1]!.confidence);
  });
});

describe('time tier', () => {
  const tier = (text: string) => suggestTier(text, detectEmergency(text)).value;
  it.each([
    ['我家厨房着火了', '2h'], // every emergency is 2 h
    ['小区门口的井盖丢了，晚上很黑', '2h'],
    ['楼上阳台玻璃裂了，随时会掉下来', '2h'],
    ['家里从昨天开始停水', '24h'],
    ['整栋楼停电了', '24h'],
    ['暖气一直不热，室温只有十几度', '24h'],
    ['家里燃气没气了，做不了饭', '24h'],
    ['拆迁补偿款一直没到位', '15d'],
    ['宅基地纠纷，村里和镇里互相推诿', '15d'],
    ['小区广场舞太吵', '7d'],
    ['请问护照怎么办理', '7d'],
  ])('%s → %s', (text, t) => {
    expect(tier(text)).toBe(t);
  });

  it('a past fire is not an emergency and so not 2 h on that ground', () => {
    expect(tier('上周着火了，现在要求赔偿')).not.toBe('2h');
  });

  describe('with the shipped tier model blended with the rules (what suggest() uses)', () => {
    const model = loadLinearModel(resourcePath('models/tier'));
    const blended = (text: string) => suggestTier(text, detectEmergency(text), model);
    it.each([
      ['我家厨房着火了', '2h'],
      ['家里从昨天开始停水', '24h'],
      ['拆迁补偿款一直没到位', '15d'],
      ['小区广场舞太吵', '7d'],
      ['请问护照怎么办理', '7d'],
    ])('%s → %s', (text, t) => {
      expect(blended(text).value).toBe(t);
    });
    it('an emergency is always 2 h, whatever the model says', () => {
      expect(blended('有人拿刀砍人，快来')).toMatchObject({ value: '2h', confidence: 0.95 });
    });
    it('the confidence is a probability, and the rules\' phrase is shown when they agree', () => {
      const t = blended('家里从昨天开始停水');
      expect(t.confidence).toBeGreaterThan(0.5);
      expect(t.confidence).toBeLessThanOrEqual(1);
      expect(t.why).toContain('停水');
    });
  });
});

describe('emergency inside suggest()', () => {
  it('runs first and sets tier 2h', () => {
    const r = suggest('有人拿刀砍人，快来');
    expect(r.emergency).toMatchObject({ service: '110', trigger: '拿刀' });
    expect(r.timeTier.value).toBe('2h');
  });
});

describe('batch()', () => {
  it('returns the fixed DESIGN.md fields', () => {
    const out = classifier.batch({ id: 7, title: '望京停水', text: '望京这边小区停水两天了' });
    expect(Object.keys(out).sort()).toEqual(['category', 'district', 'emergency', 'id', 'street', 'tier', 'type']);
    expect(out).toMatchObject({ id: 7, district: '110105', street: '110105026', tier: '24h', emergency: null });
    expect(out.category.split('/')[0]).toBe('城乡建设');
  });
});
