/**
 * Field rules for an appeal, shared by the UI (to show errors next to the field, in Chinese)
 * and the core (which refuses to store anything that breaks them).
 */
import { z } from 'zod';
import { APPEAL_TYPES, CHANNELS, LIMITS, TIME_TIERS } from './domain';

/** Strips spaces, dashes and a +86 / 0086 prefix; does not validate. */
export function normalizePhone(raw: string): string {
  let digits = raw.replace(/[\s\-()（）]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  return digits;
}

const MOBILE = /^1[3-9]\d{9}$/;
/** Beijing landline without area code (8 digits), or any Chinese landline with its area code. */
const LANDLINE = /^(?:0\d{2,3}[2-8]\d{6,7}|[2-8]\d{7})$/;
/** Utility / government service numbers (e.g. 96116, 95598) that companies call from. */
const SERVICE_NUMBER = /^9\d{4,5}$/;

export function isValidPhone(raw: string): boolean {
  const phone = normalizePhone(raw);
  return MOBILE.test(phone) || LANDLINE.test(phone) || SERVICE_NUMBER.test(phone);
}

const trimmed = (max: number, label: string) =>
  z.string().trim().max(max, { message: `${label}不能超过${max}个字` });

/** The appeal as the agent fills it in; `callerPhone` is null when the caller stays anonymous. */
export const AppealInput = z
  .object({
    channel: z.enum(CHANNELS, { message: '请选择来电渠道' }),
    anonymous: z.boolean(),
    callerPhone: z.string().nullable(),
    callerName: trimmed(LIMITS.callerNameMax, '来电人姓名'),
    isEnterprise: z.boolean(),
    enterpriseName: trimmed(100, '企业名称'),
    districtCode: z.string().regex(/^\d{6}$/, { message: '区县代码应为6位数字' }).nullable(),
    streetCode: z.string().regex(/^\d{9}$/, { message: '街道乡镇代码应为9位数字' }).nullable(),
    address: trimmed(LIMITS.addressMax, '详细地址'),
    appealType: z.enum(APPEAL_TYPES, { message: '请选择诉求类型' }),
    categoryPath: z.string().trim().min(1, { message: '请选择诉求分类' }).max(120),
    timeTier: z.enum(TIME_TIERS, { message: '请选择紧急程度' }),
    title: z
      .string()
      .trim()
      .min(1, { message: '请填写标题' })
      .max(LIMITS.titleMax, { message: `标题不能超过${LIMITS.titleMax}个字` }),
    content: z
      .string()
      .trim()
      .min(1, { message: '请填写诉求内容' })
      .max(LIMITS.contentMax, { message: `诉求内容不能超过${LIMITS.contentMax}个字` }),
  })
  .strict()
  .superRefine((appeal, ctx) => {
    if (appeal.anonymous) {
      if (appeal.callerPhone) ctx.addIssue({ code: 'custom', path: ['callerPhone'], message: '匿名来电不登记电话' });
    } else if (!appeal.callerPhone || !appeal.callerPhone.trim()) {
      ctx.addIssue({ code: 'custom', path: ['callerPhone'], message: '请填写来电号码，或勾选“匿名”' });
    } else if (!isValidPhone(appeal.callerPhone)) {
      ctx.addIssue({
        code: 'custom',
        path: ['callerPhone'],
        message: '电话号码格式不对：手机号11位（1开头），座机可带区号，如 010-62345678',
      });
    }
    if (appeal.isEnterprise && !appeal.enterpriseName) {
      ctx.addIssue({ code: 'custom', path: ['enterpriseName'], message: '企业诉求请填写企业名称' });
    }
    if (appeal.streetCode && !appeal.districtCode) {
      ctx.addIssue({ code: 'custom', path: ['districtCode'], message: '选择街道前请先选择区' });
    }
  });
export type AppealInput = z.infer<typeof AppealInput>;

/** An empty appeal, the starting point of a new intake form. */
export function emptyAppeal(): AppealInput {
  return {
    channel: 'phone',
    anonymous: false,
    callerPhone: '',
    callerName: '',
    isEnterprise: false,
    enterpriseName: '',
    districtCode: null,
    streetCode: null,
    address: '',
    appealType: '咨询',
    categoryPath: '',
    timeTier: '7d',
    title: '',
    content: '',
  };
}
