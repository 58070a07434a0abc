/**
 * Regression cases for the emergency detector: the failures a reviewer found (late mentions, missed
 * phrasings, false alarms), the fresh blind batches of rounds 5–7 (resources/classify/emergency-test.jsonl,
 * rows with "round": 5 to 8: each measured once before anything was fixed, then kept as regression).
 * These run the full detector: rules + shipped model. Its speed is measured by `npm run bench:classify`.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkEmergency, detectEmergency } from '../../../src/main/core/classify/emergency';

type Service = '110' | '119' | '120';

/** More than 240 characters (the old cut-off) of complaint an agent has already typed before the caller mentions the emergency. */
const PREAMBLE =
  '我要反映一下我们小区物业的问题，从今年春天开始物业就不怎么管事了，垃圾桶满了也没人清，楼道灯坏了三个月没修，' +
  '我们跟物业经理说了好几次，他每次都说马上安排，结果一直拖着，业主群里大家意见很大，而且物业费一年还涨了两毛钱，' +
  '我们觉得很不合理，想请你们督促一下，还有停车位的事情也一直没有说法，小区门口的路灯也不亮，晚上出门特别不方便，' +
  '上次反映过一次也没有下文，今天又打了好几个电话，物业的人说经理出差了，让我们等通知，我们已经等了两个多月了，' +
  '实在没办法才给你们打电话，希望这次能有个结果，不然我们就只能一直这么耗着了，';

describe('an emergency mentioned late in a long text still alarms (no length rule)', () => {
  it('the preamble alone is long and raises nothing', () => {
    expect(PREAMBLE.length).toBeGreaterThan(240);
    expect(detectEmergency(PREAMBLE)).toBeNull();
  });
  const late: Array<[string, Service]> = [
    ['我老公倒在地上叫不醒', '120'],
    ['哎等一下，楼上着火了', '119'],
    ['我爸突然捂着胸口倒下了', '120'],
    ['有人拿刀冲进来了', '110'],
    ['电梯卡在两层中间里面有人', '119'],
  ];
  it.each(late)('…%s → %s', (tail, service) => {
    expect(detectEmergency(PREAMBLE + tail)?.service).toBe(service);
  });
  it('the quoted trigger is in the late part of the text', () => {
    const text = PREAMBLE + '我老公倒在地上叫不醒';
    const alert = detectEmergency(text)!;
    expect(text.lastIndexOf(alert.trigger)).toBeGreaterThan(PREAMBLE.length - 1);
  });
});

describe('phrasings the reviewer found missing raise the right service', () => {
  // Services: trapped in a lift or a window guard and drowning → 119 (the fire and rescue teams do water
  // rescue in Beijing); traffic injuries → 120 (the most urgent need); suicide attempts → 110.
  const cases: Array<[string, Service]> = [
    ['电梯卡在两层中间里面有人', '119'],
    ['电梯卡在两层中间了', '119'],
    ['电梯卡在半截了里面有老人', '119'],
    ['电梯停在半空了', '119'],
    ['救命', '110'],
    ['救命。', '110'],
    ['快救人', '120'],
    ['快来救人啊', '120'],
    ['有人被捅了', '110'],
    ['他要打死我', '110'],
    ['我老公要打死我', '110'],
    ['有人砍我', '110'],
    ['有个男的在楼下拿砖头砸人', '110'],
    ['有人在开我家门锁', '110'],
    ['有个男的扒我家窗户', '110'],
    ['我被人跟着，他一直在后面', '110'],
    ['老人心脏骤停', '120'],
    ['孩子高烧惊厥了', '120'],
    ['孩子发高烧抽起来了', '120'],
    ['我爸一直吐血', '120'],
    ['我女儿呼吸不了了', '120'],
    ['有人溺水了', '119'],
    ['有人在水里扑腾，快淹死了', '119'],
    ['我家孩子呛水了', '120'],
    ['老人噎着了', '120'],
    ['家里有人上吊了', '110'],
    ['孩子被开水烫了', '120'],
    ['有个人浑身是血躺在路边', '120'],
    ['我爸晕了', '120'],
    ['有人晕了', '120'],
    ['我奶奶摔了起不来', '120'],
    ['我妈突然不会说话了', '120'],
    ['车撞了人，人躺在地上', '120'],
    ['前面出车祸了，有人受伤', '120'],
    ['有人被车压了', '120'],
    ['孩子从窗户掉下去了', '120'],
    ['对面厂房冒出很大的烟', '119'],
    ['楼道里一股烧焦的味道，烟越来越多', '119'],
    ['变压器着了', '119'],
    ['家里燃气报警器一直在响，味道很冲', '119'],
    ['孩子卡在防盗窗里了', '119'],
    ['楼顶有人要跳', '110'],
    ['有个人在跳河', '110'],
  ];
  it.each(cases)('%s → %s', (text, service) => {
    const alert = detectEmergency(text);
    expect(alert?.service).toBe(service);
    expect(text).toContain(alert!.trigger);
  });
});

describe('false alarms the reviewer found stay silent', () => {
  const cases: Array<[why: string, text: string]> = [
    ['time of day + the service has been', '今天早上楼下着火了，消防来过了'],
    ['time of day, complaint about the estate office', '早上小区有人打架，物业也没人出来'],
    ['noise complaint', '半夜楼下一群人喝酒打架，吵得睡不着'],
    ['V过: it happened before', '我们楼的电梯困过人，物业一直不修'],
    ['smell left over from a past fire', '前天晚上小区着火，现在还一股焦糊味，没人清理'],
    ['马上 in a request to the hotline', '上周楼下着火了，烧坏的电线请马上派人处理'],
    ['赶紧 in a request to the hotline', '昨天有人打架，希望你们赶紧处理一下'],
    ['already found', '老人走失了，已经找到了'],
    ['a topic, not an event', '楼道里电动车起火的事情要怎么处理'],
    ['简直 …', '这房价简直杀人'],
    ['跟 … 似的', '他们家吵架吵得跟要杀人似的'],
    ['跟 … 一样', '他们开会吵得跟打架一样'],
    ['threat to sue', '那个商家威胁说要起诉我'],
    ['threat to go to court', '邻居威胁我说要去法院告我'],
    ['让我 + symptom', '他们的服务让我喘不过气'],
    ['气得 + symptom', '我投诉快递员态度很差，气得我胸口疼'],
    ['yes/no question about a leak', '燃气表漏气了吗，怎么检查'],
  ];
  it.each(cases)('%s: %s', (_why, text) => {
    expect(detectEmergency(text)).toBeNull();
  });
  it('says why a hit was blocked', () => {
    expect(checkEmergency('我们楼的电梯困过人了').blocked.map((b) => b.reason)).toContain('过去的事件');
    expect(checkEmergency('这房价简直杀人').blocked[0]?.reason).toBe('比喻/夸张');
    expect(checkEmergency('楼道里电动车起火的事情要怎么处理').blocked[0]?.reason).toBe('话题（非事件）');
  });
  it('a hypothetical question about what to do is not an emergency', () => {
    expect(detectEmergency('想问一下，家里老人突然晕倒的话应该先做什么')).toBeNull();
  });
  it('someone pinned under a vehicle after a crash is a traffic injury (120)', () => {
    expect(detectEmergency('电动车被货车撞了，人压在车底下')?.service).toBe('120');
    expect(detectEmergency('墙塌了，底下压着人')?.service).toBe('119');
  });
  it('animals and things falling are not people falling', () => {
    expect(detectEmergency('我家的狗从楼上掉下去了')).toBeNull();
    expect(detectEmergency('我家孩子从楼上掉下去了')?.service).toBe('120');
  });
  it('the same clause with a now-marker still alarms', () => {
    expect(detectEmergency('昨天就有人打架，现在又打起来了，快来')?.service).toBe('110');
    expect(detectEmergency('刚才楼下着火了，火还在烧')?.service).toBe('119');
  });
});

interface Row {
  text: string;
  emergency: Service | null;
  round?: number;
}
const testFile = fileURLToPath(new URL('../../../resources/classify/emergency-test.jsonl', import.meta.url));
const fresh = fs
  .readFileSync(testFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row)
  .filter((r) => r.round !== undefined && r.round >= 5);

/**
 * Rows still wrong (4 of 223), kept visible rather than tuned away. Three are long complaints where the
 * complaint's wording outweighs what is said in it: fire from a vent after years of complaints about its
 * fumes (pollution and complaint cues), a collapse mentioned at the end of a complaint about a blocked
 * fire lane (read in one window with its hazard and habit wording), and a collapse last month told inside a
 * complaint about the lift (alarms). The fourth is a service mix-up: 沉底了 goes to 119 (water rescue)
 * though the child is already out and not breathing (120).
 */
const KNOWN_RESIDUAL = new Set([
  '我打了好几次电话反映楼下饭馆油烟的问题，今天更离谱了，他家排风口那儿直往外蹿火，烟把整个楼道都灌满了',
  '我要反映小区里违章停车的事，消防通道天天被堵，刚才……哎呀我家老头在卫生间门口躺下了，怎么叫都不吭声',
  '我想反映一下我们小区物业的问题，垃圾没人清，楼道灯也不亮，上个月楼里有个老人在电梯里晕倒了，电梯里连个呼叫按钮都不好使，希望督促物业把电梯修好',
  '游泳池里一个小孩沉底了，刚被拉上来，没气儿了',
]);

describe('blind batches of rounds 5–8 (each measured once before it was used, then kept as regression)', () => {
  it('round 7 has at least 60 positives and 60 hard negatives', () => {
    const r7 = fresh.filter((r) => r.round === 7);
    expect(r7.filter((r) => r.emergency).length).toBeGreaterThanOrEqual(60);
    expect(r7.filter((r) => !r.emergency).length).toBeGreaterThanOrEqual(60);
  });
  it('only the documented residual rows are still wrong', () => {
    const wrong = fresh.filter((r) => (detectEmergency(r.text)?.service ?? null) !== r.emergency).map((r) => r.text);
    expect(wrong.filter((t) => !KNOWN_RESIDUAL.has(t))).toEqual([]);
  });
  it('has at least 40 positives and 40 hard negatives', () => {
    expect(fresh.filter((r) => r.emergency).length).toBeGreaterThanOrEqual(40);
    expect(fresh.filter((r) => !r.emergency).length).toBeGreaterThanOrEqual(40);
  });
  it.each(fresh.filter((r) => !KNOWN_RESIDUAL.has(r.text)).map((r) => [r.round, r.emergency ?? 'none', r.text.length > 60 ? `…${r.text.slice(-40)}` : r.text, r] as const))('round %s, %s: %s', (_n, _s, _t, r) => {
    expect(detectEmergency(r.text)?.service ?? null).toBe(r.emergency);
  });
});
