import { describe, expect, it } from 'vitest';
import { checkEmergency, detectEmergency } from '../../../src/main/core/classify/emergency';

describe('emergency detection: raises the right service and names the trigger', () => {
  const positives: Array<[text: string, service: '110' | '119' | '120', trigger: string]> = [
    ['有人拿刀砍人，就在小区门口', '110', '拿刀'],
        ['有人在撬我家门，现在还在外面', '110', '撬我家门'],
    ['他威胁要杀了我们全家', '110', '威胁要'],
    ['孩子在公园走丢了，找不到了', '110', '走丢了'],
    ['着火了！三楼冒黑烟', '119', '着火'],
    ['对面楼在冒黑烟', '119', '冒黑烟'],
    ['闻到很大煤气味，不敢开灯', '119', '煤气味'],
    ['电梯里困了人，半小时了', '119', '电梯里困'],
    ['餐厅燃气爆炸了，玻璃都碎了', '119', '爆炸'],
    ['老人倒地不起，叫也不答应', '120', '倒地'],
    ['我爸突然晕倒了，叫不醒', '120', '晕倒'],
    ['我妈心脏病发作了，喘不上气', '120', '心脏病发作'],
    ['有人在地铁口抽搐，口吐白沫', '120', '抽搐'],
    ['我老婆羊水破了，要生了', '120', '羊水破'],
    ['快叫救护车，这边有人被车撞了', '120', '被车撞了'],
    ['楼下两个人在打架，有人流血了！', '110', '打架'], // the phrase, not text across the comma
  ];
  it.each(positives)('%s → %s', (text, service, trigger) => {
    const alert = detectEmergency(text);
    expect(alert).not.toBeNull();
    expect(alert!.service).toBe(service);
    expect(alert!.trigger).toBe(trigger);
    expect(text).toContain(alert!.trigger);
    expect(alert!.kind.length).toBeGreaterThan(0);
  });
});

describe('emergency detection: hard negatives do not alarm', () => {
  const negatives: Array<[why: string, text: string]> = [
    ['past fire, asking for compensation', '上周着火了，现在要求赔偿'],
    ['past ambulance', '去年叫过救护车，费用到现在还没报销'],
    ['ambulance fee question', '救护车怎么收费？'],
    ['fire inspection procedure', '消防验收怎么办理，需要什么材料'],
    ['complaint about 120', '120来得太慢要投诉'],
    ['complaint about the police', '打了110半天都没出警，派出所不作为'],
    ['fire hazard, nothing burning', '楼道堆放杂物有火灾隐患'],
    ['blocked fire lane', '消防通道被占，物业不管'],
    ['hypothetical fire', '电动车在楼道充电，很容易着火'],
    ['figurative 急死了', '孩子上学的事急死了'],
    ['figurative 要人命', '楼上装修噪音太大，真要人命'],
    ['figurative 气炸了', '物业的态度让人气炸了'],
    ['figurative 火大', '一拖再拖，我真是火大'],
    ['negated', '刚才检查过了，没有着火，也没有人受伤'],
    ['news report', '我看新闻说有个小区着火了，我们小区有没有消防检查'],
    ['chronic pollution smoke', '工厂烟囱天天冒黑烟，污染严重'],
    ['gas outage is a utility problem', '家里停气了，燃气公司说在抢修'],
    ['没气了 about the gas supply, not a person', '家里燃气没气了，做不了饭'],
    ['a person named 朝阳 is not a place and 抢修 is not robbery', '张朝阳说线路在抢修'],
  ];
  it.each(negatives)('%s: %s', (_why, text) => {
    expect(detectEmergency(text)).toBeNull();
  });

  it('explains which hits were blocked and why', () => {
    const { alert, blocked } = checkEmergency('上周着火了，现在要求赔偿');
    expect(alert).toBeNull();
    expect(blocked[0]).toMatchObject({ trigger: '着火' });
  });

  it('an ongoing event after a past one still alarms', () => {
    expect(detectEmergency('昨天就闻到煤气味了，现在还在漏气，味道越来越大')?.service).toBe('119');
  });
});
