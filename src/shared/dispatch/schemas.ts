/**
 * Zod schemas for every dispatch-workflow command and for the acting user. The server validates
 * incoming commands with `DispatchCommand` before calling `apply`; the types the state machine
 * works with are inferred from these schemas, so the wire format and the machine cannot drift.
 */
import { z } from 'zod';
import { EMERGENCY_SERVICES, TIME_TIERS } from '../domain';

export const DISPATCH_ROLES = ['agent', 'dispatcher', 'reviewer', 'unit', 'admin'] as const;
export type DispatchRole = (typeof DISPATCH_ROLES)[number];
export const DISPATCH_ROLE_LABELS: Record<DispatchRole, string> = {
  agent: '话务员',
  dispatcher: '派单员',
  reviewer: '审核员',
  unit: '承办单位',
  admin: '管理员',
};

const unitId = z.string().trim().min(1, '单位不能为空').max(64);
const text = (label: string, max = 2000) => z.string().trim().min(1, `${label}不能为空`).max(max, `${label}最多 ${max} 字`);
const note = z.string().trim().max(2000).optional();

/**
 * Who acts. A unit handler always carries the unit they work for; the machine checks it against
 * the ticket's assignment (a reply from a unit that does not own the ticket is rejected).
 */
export const DispatchActor = z
  .object({
    id: z.string().trim().min(1).max(64),
    role: z.enum(DISPATCH_ROLES),
    unitId: unitId.optional(),
  })
  .strict()
  .refine((a) => a.role !== 'unit' || !!a.unitId, { message: '承办单位人员必须指明所属单位', path: ['unitId'] });
export type DispatchActor = z.infer<typeof DispatchActor>;

export const DISPATCH_MODES = ['direct', 'dual'] as const;
export type DispatchMode = (typeof DISPATCH_MODES)[number];
export const DISPATCH_MODE_LABELS: Record<DispatchMode, string> = { direct: '直派', dual: '双派' };

/** Where a ticket goes: one lead unit (直派) or a lead plus co-handling units (双派). */
export const Assignment = z
  .object({
    leadUnitId: unitId,
    coUnitIds: z.array(unitId).max(5).default([]),
    mode: z.enum(DISPATCH_MODES),
    timeTier: z.enum(TIME_TIERS).optional(), // defaults to the ticket's tier
    // Every dispatch names the catalogue version it was made under (0 = no catalogue loaded yet).
    catalogueVersion: z.number({ error: '派单必须记录职责目录版本' }).int().nonnegative(),
    entryId: z.string().max(64).nullable().default(null),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.coUnitIds.includes(a.leadUnitId)) ctx.addIssue({ code: 'custom', message: '主办单位不能同时是协办单位', path: ['coUnitIds'] });
    if (new Set(a.coUnitIds).size !== a.coUnitIds.length) ctx.addIssue({ code: 'custom', message: '协办单位重复', path: ['coUnitIds'] });
    if (a.mode === 'dual' && a.coUnitIds.length === 0) ctx.addIssue({ code: 'custom', message: '双派需要至少一个协办单位', path: ['coUnitIds'] });
    if (a.mode === 'direct' && a.coUnitIds.length > 0) ctx.addIssue({ code: 'custom', message: '直派不能有协办单位', path: ['coUnitIds'] });
  });
export type Assignment = z.infer<typeof Assignment>;
export type AssignmentInput = z.input<typeof Assignment>;

export const LEGAL_CHANNELS = ['discipline', 'disclosure', 'litigation', 'arbitration', 'reconsideration'] as const;
export type LegalChannel = (typeof LEGAL_CHANNELS)[number];
export const LEGAL_CHANNEL_LABELS: Record<LegalChannel, string> = {
  discipline: '纪检监察',
  disclosure: '政府信息公开申请',
  litigation: '诉讼',
  arbitration: '仲裁',
  reconsideration: '行政复议',
};

/** 咨询 answered on the call: closes the intake without dispatch. */
export const AnswerDirectlyCommand = z.object({ type: z.literal('answer_directly'), answer: text('答复内容'), basis: note }).strict();
/** Matters with their own legal channel are referred there, not dispatched. */
export const ReferLegalCommand = z.object({ type: z.literal('refer_legal'), channel: z.enum(LEGAL_CHANNELS), explanation: text('引导说明') }).strict();
/** Warm transfer to 110/119/120; the ticket closes on our side with the transfer record. */
export const TransferEmergencyCommand = z.object({ type: z.literal('transfer_emergency'), service: z.enum(EMERGENCY_SERVICES), reason: text('转接原因') }).strict();

export const DispatchCommand = z.discriminatedUnion('type', [
  /** Agent hands a recorded appeal to the dispatch queue (待派). */
  z.object({ type: z.literal('submit'), note }).strict(),
  AnswerDirectlyCommand,
  ReferLegalCommand,
  TransferEmergencyCommand,
  z.object({ type: z.literal('dispatch'), assignment: Assignment, note }).strict(),
  /** 会商: consultation with candidate units before a complex dispatch. */
  z
    .object({ type: z.literal('open_consultation'), candidateUnitIds: z.array(unitId).min(2, '会商至少需要两个候选单位').max(8), topic: text('会商议题', 500) })
    .strict()
    .refine((c) => new Set(c.candidateUnitIds).size === c.candidateUnitIds.length, { message: '候选单位重复', path: ['candidateUnitIds'] }),
  z.object({ type: z.literal('consultation_message'), text: text('会商意见') }).strict(),
  /** The outcome decides the dispatch: concluding a consultation dispatches the ticket. */
  z.object({ type: z.literal('conclude_consultation'), outcome: text('会商结论'), assignment: Assignment }).strict(),
  z.object({ type: z.literal('accept'), note }).strict(),
  z.object({ type: z.literal('start_handling'), note }).strict(),
  z.object({ type: z.literal('progress_note'), text: text('办理情况') }).strict(),
  z.object({ type: z.literal('reply'), text: text('答复内容', 4000), attachmentIds: z.array(z.string().max(64)).max(20).default([]) }).strict(),
  /** 退单: only within the return window, always with reason and basis. */
  z.object({ type: z.literal('request_return'), reason: text('退单理由'), basis: text('退单依据') }).strict(),
  z
    .object({
      type: z.literal('review_return'),
      decision: z.enum(['approve', 'reject']),
      basis: text('审核依据'),
      reassignment: Assignment.optional(),
    })
    .strict()
    .refine((c) => c.decision !== 'approve' || !!c.reassignment, { message: '同意退单时必须指定改派单位', path: ['reassignment'] }),
  /** 派单争议: any assigned unit may dispute; the reviewer's decision is shown to both sides. */
  z.object({ type: z.literal('raise_dispute'), reason: text('争议理由'), basis: text('争议依据') }).strict(),
  z
    .object({
      type: z.literal('decide_dispute'),
      decision: z.enum(['uphold', 'reassign']),
      basis: text('裁定依据'),
      reassignment: Assignment.optional(),
    })
    .strict()
    .refine((c) => c.decision !== 'reassign' || !!c.reassignment, { message: '改派时必须指定新的承办单位', path: ['reassignment'] }),
  z.object({ type: z.literal('start_callback'), note }).strict(),
  /** 回访 result: resolved closes the ticket (办结); otherwise it goes back to the unit. */
  z.object({ type: z.literal('record_callback'), solved: z.boolean(), satisfied: z.boolean(), reopen: z.boolean().default(false), note: text('回访记录') }).strict(),
]);
export type DispatchCommand = z.infer<typeof DispatchCommand>;
export type DispatchCommandInput = z.input<typeof DispatchCommand>;
export type DispatchCommandType = DispatchCommand['type'];
