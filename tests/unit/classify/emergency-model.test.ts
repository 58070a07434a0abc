/**
 * The learned half of emergency detection (emergency-model.ts) and how it is combined with the rules
 * (emergency.ts): windows, vetoes, the quoted phrase, the shipped model file and its speed.
 * The combination tests use a tiny model trained here on a made-up phrase the rules never match
 * (蓝色信号灯狂闪), so they test the logic, not the shipped weights.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkEmergency, detectEmergency } from '../../../src/main/core/classify/emergency';
import { defaultEmergencyModel, EMERGENCY_CLASSES, EmergencyModel, emergencyWindows, WINDOW_CHARS } from '../../../src/main/core/classify/emergency-model';
import { resourcePath } from '../../../src/main/core/resources';
import { trainSoftmax } from '../../../scripts/classify/lib/softmax-train';

const tiny = (() => {
  const pos = ['蓝色信号灯狂闪', '三楼蓝色信号灯狂闪不停', '蓝色信号灯一直狂闪', '走廊的蓝色信号灯狂闪'];
  const neg = ['今天天气不错', '想问一下办证的流程', '小区的路灯不亮了', '垃圾没人清理', '物业费太贵了', '楼下停车太乱'];
  const examples = [...pos.map((text) => ({ text, label: '119' })), ...neg.map((text) => ({ text, label: 'none' }))];
  const { model } = trainSoftmax(examples, [...EMERGENCY_CLASSES], { features: { buckets: 1 << 12, orders: [1, 2, 3], normalize: 'cjk' }, epochs: 30, learningRate: 0.5, l2: 1e-6 });
  return new EmergencyModel(model, 0.5);
})();

describe('windows the model scores', () => {
  it('a short text is one window', () => {
    expect(emergencyWindows('我家老人倒地了，叫不醒')).toEqual([{ start: 0, end: 11 }]);
  });
  it('a long text is cut into clause runs of at most WINDOW_CHARS, and the last clause is covered', () => {
    const text = '我想反映物业的问题，垃圾桶满了没人清，楼道灯坏了三个月，业主群里意见很大，物业费还涨了，停车位也没说法，哎呀等一下，三楼蓝色信号灯狂闪';
    const ws = emergencyWindows(text);
    expect(ws.length).toBeGreaterThan(1);
    for (const w of ws) expect(w.end - w.start).toBeLessThanOrEqual(WINDOW_CHARS);
    expect(ws.some((w) => text.slice(w.start, w.end).endsWith('三楼蓝色信号灯狂闪'))).toBe(true);
  });
  it('unpunctuated text (segmented board messages) gets overlapping fixed windows over all of it', () => {
    const text = '市民反映小区物业管理混乱'.repeat(20);
    const ws = emergencyWindows(text);
    expect(ws[0]!.start).toBe(0);
    expect(ws[ws.length - 1]!.end).toBe(text.length);
    for (let i = 1; i < ws.length; i++) expect(ws[i]!.start).toBeLessThan(ws[i - 1]!.end);
  });
});

describe('rules, then the model, with the rules’ vetoes', () => {
  it('the model alarms on a phrasing the rules do not know, naming the service and the clause', () => {
    const text = '您好，我在单位值班，三楼蓝色信号灯狂闪';
    expect(checkEmergency(text, { model: null }).alert).toBeNull();
    const alert = detectEmergency(text, { model: tiny });
    expect(alert).toMatchObject({ service: '119', kind: '疑似火灾/救援' });
    expect(alert!.trigger).toBe('三楼蓝色信号灯狂闪');
    expect(alert!.confidence).toBeGreaterThan(0.5);
    expect(alert!.confidence).toBeLessThanOrEqual(0.85);
  });
  it('a rule alarm wins and keeps its own phrase', () => {
    expect(detectEmergency('着火了！蓝色信号灯狂闪', { model: tiny })).toMatchObject({ service: '119', trigger: '着火' });
  });
  it('below the threshold nothing is raised, and the verdict says so', () => {
    const c = checkEmergency('三楼蓝色信号灯狂闪', { model: tiny, threshold: 0.9999 });
    expect(c.alert).toBeNull();
    expect(c.model?.p).toBeGreaterThan(0.5);
  });
  const vetoed: Array<[why: string, text: string, reason: RegExp]> = [
    ['a question', '三楼蓝色信号灯狂闪是怎么回事吗？', /询问/],
    ['a past event', '上周三楼蓝色信号灯狂闪', /过去/],
    ['a rule hit in the window that the rules blocked', '上周着火了，蓝色信号灯狂闪', /规则已排除/],
    ['a hazard complaint', '蓝色信号灯狂闪，太危险了', /隐患/],
    ['a habit', '楼道里老是蓝色信号灯狂闪', /长期|非当下/],
    ['a supply problem', '停电了，蓝色信号灯狂闪', /供应/],
    ['figurative speech', '简直就像蓝色信号灯狂闪', /比喻/],
  ];
  it.each(vetoed)('vetoed by %s: %s', (_why, text, reason) => {
    const c = checkEmergency(text, { model: tiny });
    expect(c.alert).toBeNull();
    expect(c.model?.veto).toMatch(reason);
  });
  it('a strong now-marker lifts the hazard veto', () => {
    expect(detectEmergency('快来人，太危险了，蓝色信号灯狂闪', { model: tiny })?.service).toBe('119');
  });
  it('late in a long complaint the model still finds it', () => {
    const text = '我要反映物业的问题，垃圾桶满了没人清，楼道灯坏了三个月，物业经理说马上安排，结果一直拖着，哎你等一下，三楼蓝色信号灯狂闪';
    expect(detectEmergency(text, { model: tiny })?.trigger).toBe('三楼蓝色信号灯狂闪');
  });
});

describe('the shipped model', () => {
  const model = defaultEmergencyModel();
  it('loads, with the four classes and a cross-validated threshold stored in the file', () => {
    expect(model).not.toBeNull();
    expect(model!.model.classes).toEqual(['none', '110', '119', '120']);
    expect(model!.threshold).toBeGreaterThan(0);
    expect(model!.threshold).toBeLessThan(1);
    expect(model!.model.notes.threshold).toBe(model!.threshold);
    const bytes = fs.statSync(resourcePath('models/emergency.bin')).size;
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });
  it('does not alarm on ordinary complaints', () => {
    for (const t of ['小区垃圾没人清理，物业也不管', '想问一下居住证怎么办理', '楼上装修太吵了，周末也不停', '公交车总是晚点，希望增加班次']) expect(detectEmergency(t)).toBeNull();
  });
  it('rules + model on a 500-character text with no rule hit: median well under 1 ms', () => {
    const base = '我要反映一下我们小区物业的问题，从今年春天开始物业就不怎么管事了，垃圾桶满了也没人清，楼道灯坏了三个月没修，我们跟物业经理说了好几次，他每次都说马上安排，结果一直拖着，业主群里大家意见很大，';
    const text = base.repeat(6).slice(0, 500);
    expect(checkEmergency(text).alert).toBeNull();
    expect(checkEmergency(text).model).toBeDefined(); // the model really ran
    for (let i = 0; i < 20; i++) detectEmergency(text);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      detectEmergency(text.slice(0, 300 + (i % 200)));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    expect(times[100]!).toBeLessThan(1);
  });
});
