import type { AppealInput } from '../../src/shared/validation';

/** A valid appeal as an agent would record it; override what a test is about. */
export function sampleAppeal(overrides: Partial<AppealInput> = {}): AppealInput {
  return {
    channel: 'phone',
    anonymous: false,
    callerPhone: '13812345678',
    callerName: '张三',
    isEnterprise: false,
    enterpriseName: '',
    districtCode: '110105',
    streetCode: '110105026', // 望京街道
    address: '望京西园三区',
    appealType: '投诉',
    categoryPath: '城乡建设/安全生产/安全隐患',
    timeTier: '7d',
    title: '小区楼道堆放杂物',
    content: '望京西园三区5号楼楼道长期堆放杂物，堵塞消防通道，物业不处理。',
    ...overrides,
  };
}

export const AGENT = { agentId: 'A-07:王芳', agentName: '王芳', seat: 'A-07', signedInAt: '2026-11-26T00:00:00.000Z' };
