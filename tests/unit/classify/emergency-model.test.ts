/**
 * The learned half of emergency detection (emergency-model.ts) and how it is combined with the rules
 * (emergency.ts): windows, who decides, the quoted phrase, the shipped model file. Its speed is
 * measured by `npm run bench:classify`.
 * The combination tests use a tiny cue-reading model trained here on a made-up phrase the rules never
 * match (蓝色信号灯狂闪), so they test the logic, not the shipped weights.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkEmergency, detectEmergency, emergencyCues } from '../../../src/main/core/classify/emergency';
import { defaultEmergencyModel, EMERGENCY_CLASSES, EmergencyModel, emergencyWindows, WINDOW_CHARS } from '../../../src/main/core/classify/emergency-model';
import { resourcePath } from '../../../src/main/core/resources';
import { trainSoftmax } from '../../../scripts/classify/lib/softmax-train';

/** A tiny model that reads cue tokens, as the shipped one does. */
const tiny = (() => {
  const pos = ['蓝色信号灯狂闪', '三楼蓝色信号灯狂闪不停', '蓝色信号灯一直狂闪', '走廊的蓝色信号灯狂闪'];
  const neg = ['今天天气不错', '想问一下办证的流程', '小区的路灯不亮了', '垃圾没人清理', '物业费太贵了', '楼下停车太乱'];
  const examples = [...pos.map((text) => ({ text, label: '119' })), ...neg.map((text) => ({ text, label: 'none' }))].map((e) => ({ ...e, cues: emergencyCues(e.text) }));
  const { model } = trainSoftmax(examples, [...EMERGENCY_CLASSES], { features: { buckets: 1 << 12, orders: [1, 2, 3], normalize: 'cjk', cues: true }, epochs: 30, learningRate: 0.5, l2: 1e-6 });
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

describe('the model decides, reading the rules’ cues', () => {
  it('alarms on a phrasing the rules do not know, naming the service and quoting the clause', () => {
    const text = '您好，我在单位值班，三楼蓝色信号灯狂闪';
    expect(checkEmergency(text, { model: null }).alert).toBeNull();
    const alert = detectEmergency(text, { model: tiny });
    expect(alert).toMatchObject({ service: '119', kind: '疑似火灾/救援' });
    expect(alert!.trigger).toBe('三楼蓝色信号灯狂闪');
    expect(alert!.confidence).toBeGreaterThan(0.5);
    expect(alert!.confidence).toBeLessThanOrEqual(0.95);
  });
  it('when it alarms where the rules found a concept of the same service, the banner quotes their phrase', () => {
    const alert = detectEmergency('楼道里着火了，浓烟很大', { model: tiny, threshold: 0.0001 });
    expect(alert).toMatchObject({ service: '119', kind: '火灾', trigger: '着火' });
  });
  it('can overrule a rule alarm, and says which one it overruled', () => {
    const c = checkEmergency('楼道里着火了，浓烟很大', { model: tiny, threshold: 0.9999 });
    expect(c.alert).toBeNull();
    expect(c.overruled).toMatchObject({ service: '119', trigger: '着火' });
    expect(c.model!.p).toBeLessThan(0.9999);
  });
  it('a text too short for the model is left to the rules', () => {
    expect(checkEmergency('着火了！', { model: tiny, threshold: 0.9999 }).alert).toMatchObject({ service: '119', trigger: '着火' });
    expect(checkEmergency('着火了！', { model: tiny }).model).toBeUndefined();
  });
  it('below the threshold nothing is raised, and the verdict says so', () => {
    const c = checkEmergency('三楼蓝色信号灯狂闪', { model: tiny, threshold: 0.9999 });
    expect(c.alert).toBeNull();
    expect(c.model?.p).toBeGreaterThan(0.5);
  });
  it('late in a long complaint the model still finds it', () => {
    const text = '我要反映物业的问题，垃圾桶满了没人清，楼道灯坏了三个月，物业经理说马上安排，结果一直拖着，哎你等一下，三楼蓝色信号灯狂闪';
    expect(detectEmergency(text, { model: tiny })?.trigger).toBe('三楼蓝色信号灯狂闪');
  });
  it('reads the same cues in training and at run time: what the rules saw, why they blocked it, the context', () => {
    const cues = emergencyCues('上周着火了，现在要求赔偿');
    expect(cues).toContain('K:火灾');
    expect(cues.some((c) => c.startsWith('B:火灾:'))).toBe(true);
    expect(cues).toContain('C:past');
    expect(emergencyCues('刚才报的着火不用来了，原来是烧烤')).toContain('C:resolved');
  });
  it('a model that reads cues refuses to score without them', () => {
    expect(() => tiny.score('三楼蓝色信号灯狂闪', { start: 0, end: 9 })).toThrow(/CueReader/);
  });
});

describe('the shipped model', () => {
  const model = defaultEmergencyModel();
  it('loads, with the four classes and the threshold chosen in training stored in the file', () => {
    expect(model).not.toBeNull();
    expect(model!.model.classes).toEqual(['none', '110', '119', '120']);
    expect(model!.threshold).toBeGreaterThan(0);
    expect(model!.threshold).toBeLessThan(1);
    expect(model!.model.notes.threshold).toBe(model!.threshold);
    expect(model!.readsCues).toBe(true); // it decides, reading the rules' findings
    const bytes = fs.statSync(resourcePath('models/emergency.bin')).size;
    expect(bytes).toBeLessThan(4 * 1024 * 1024); // the budget is 20 MB for all models
  });
  it('does not alarm on ordinary complaints', () => {
    for (const t of ['小区垃圾没人清理，物业也不管', '想问一下居住证怎么办理', '楼上装修太吵了，周末也不停', '公交车总是晚点，希望增加班次']) expect(detectEmergency(t)).toBeNull();
  });
  it('reads a 500-character complaint with no emergency and raises nothing', () => {
    const base = '我要反映一下我们小区物业的问题，从今年春天开始物业就不怎么管事了，垃圾桶满了也没人清，楼道灯坏了三个月没修，我们跟物业经理说了好几次，他每次都说马上安排，结果一直拖着，业主群里大家意见很大，';
    const text = base.repeat(6).slice(0, 500);
    expect(checkEmergency(text).alert).toBeNull();
    expect(checkEmergency(text).model).toBeDefined(); // the model really ran
  });
});
