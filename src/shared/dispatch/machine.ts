/**
 * The dispatch workflow as one pure state machine (command in, new state + audit events out).
 *
 *   recorded ─submit→ 待派 ─dispatch / conclude_consultation→ 已派 ─accept→ 已签收 ─start→ 办理中
 *   ─reply→ 已反馈 ─start_callback→ 回访 ─record_callback→ 办结 (or back to 办理中 when reopened)
 *
 * Overlays that do not change the status: 退单 (open return, reviewed by a reviewer), 派单争议 (open
 * dispute, decided by a reviewer), 会商 (open consultation before dispatch). recorded/待派 may also
 * close without dispatch: direct answer, referral to a legal channel, emergency transfer.
 *
 * The server is the authority and calls `apply` inside its transaction; clients may call it to
 * predict the outcome offline. A rejected command changes nothing and carries a Chinese reason
 * that is shown to the user.
 */
import { TICKET_STATUS_LABELS, type TicketStatus } from '../domain';
import { DEFAULT_DISPATCH_POLICY, deadlineFor, type DispatchPolicy } from './policy';
import {
  Assignment,
  DISPATCH_MODE_LABELS,
  DISPATCH_ROLE_LABELS,
  DispatchActor,
  DispatchCommand,
  LEGAL_CHANNEL_LABELS,
  type DispatchRole,
} from './schemas';
import {
  HOTLINE_CENTER_UNIT_ID,
  assignedUnitIds,
  openConsultation,
  openDispute,
  openReturn,
  type ActiveAssignment,
  type DispatchEvent,
  type DispatchState,
} from './state';

export type ApplyResult =
  | { ok: true; state: DispatchState; events: DispatchEvent[] }
  | { ok: false; code: 'VALIDATION' | 'FORBIDDEN' | 'CONFLICT'; reason: string };

type Cmd<T extends DispatchCommand['type']> = Extract<DispatchCommand, { type: T }>;

class Rejection {
  constructor(
    readonly code: 'VALIDATION' | 'FORBIDDEN' | 'CONFLICT',
    readonly reason: string,
  ) {}
}
const conflict = (reason: string) => new Rejection('CONFLICT', reason);
const forbidden = (reason: string) => new Rejection('FORBIDDEN', reason);

interface Ctx {
  state: DispatchState;
  actor: DispatchActor;
  now: number;
  at: string;
  policy: DispatchPolicy;
}

/** What a handler produces: the next state (without seq) and the event's details. */
interface Step {
  state: DispatchState;
  why: string;
  summary: string;
  data?: Record<string, unknown>;
  visibleTo?: string[];
}

const STAFF_INTAKE: DispatchRole[] = ['agent', 'dispatcher', 'admin'];
const DISPATCHERS: DispatchRole[] = ['dispatcher', 'admin'];
const REVIEWERS: DispatchRole[] = ['reviewer', 'admin'];
const AGENTS: DispatchRole[] = ['agent', 'admin'];

export function apply(
  state: DispatchState,
  command: unknown,
  actorInput: unknown,
  now: number,
  policy: DispatchPolicy = DEFAULT_DISPATCH_POLICY,
): ApplyResult {
  const parsedActor = DispatchActor.safeParse(actorInput);
  if (!parsedActor.success) return { ok: false, code: 'VALIDATION', reason: `操作人信息有误：${parsedActor.error.issues[0]?.message ?? ''}` };
  const parsed = DispatchCommand.safeParse(command);
  if (!parsed.success) return { ok: false, code: 'VALIDATION', reason: `指令有误：${parsed.error.issues[0]?.message ?? ''}` };
  if (!Number.isFinite(now)) return { ok: false, code: 'VALIDATION', reason: '操作时间无效' };
  const ctx: Ctx = { state, actor: parsedActor.data, now, at: new Date(now).toISOString(), policy };
  try {
    const step = handle(ctx, parsed.data);
    const seq = state.seq + 1;
    const next: DispatchState = { ...step.state, seq };
    const event: DispatchEvent = {
      seq,
      ticketId: state.ticketId,
      type: parsed.data.type,
      who: { id: ctx.actor.id, role: ctx.actor.role, unitId: ctx.actor.unitId ?? null },
      at: ctx.at,
      why: step.why,
      summary: step.summary,
      statusBefore: state.status,
      statusAfter: next.status,
      visibleToUnitIds: unique([...(step.visibleTo ?? []), ...assignedUnitIds(next)]),
      data: step.data ?? {},
    };
    return { ok: true, state: next, events: [event] };
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, code: error.code, reason: error.reason };
    throw error;
  }
}

function handle(ctx: Ctx, cmd: DispatchCommand): Step {
  switch (cmd.type) {
    case 'submit':
      return submit(ctx, cmd);
    case 'answer_directly':
    case 'refer_legal':
    case 'transfer_emergency':
      return closeWithoutDispatch(ctx, cmd);
    case 'dispatch':
      return dispatch(ctx, cmd);
    case 'open_consultation':
      return openConsult(ctx, cmd);
    case 'consultation_message':
      return consultMessage(ctx, cmd);
    case 'conclude_consultation':
      return concludeConsult(ctx, cmd);
    case 'accept':
      return accept(ctx, cmd);
    case 'start_handling':
      return startHandling(ctx, cmd);
    case 'progress_note':
      return progressNote(ctx, cmd);
    case 'reply':
      return reply(ctx, cmd);
    case 'request_return':
      return requestReturn(ctx, cmd);
    case 'review_return':
      return reviewReturn(ctx, cmd);
    case 'raise_dispute':
      return raiseDispute(ctx, cmd);
    case 'decide_dispute':
      return decideDispute(ctx, cmd);
    case 'start_callback':
      return startCallback(ctx, cmd);
    case 'record_callback':
      return recordCallback(ctx, cmd);
  }
}

// --- guards ----------------------------------------------------------------------------------

function requireRole(ctx: Ctx, roles: DispatchRole[], action: string): void {
  if (!roles.includes(ctx.actor.role)) {
    throw forbidden(`${DISPATCH_ROLE_LABELS[ctx.actor.role]}无权${action}（需要：${roles.map((r) => DISPATCH_ROLE_LABELS[r]).join('/')}）`);
  }
}

function requireStatus(ctx: Ctx, allowed: TicketStatus[], action: string): void {
  if (!allowed.includes(ctx.state.status)) {
    throw conflict(`工单当前为「${TICKET_STATUS_LABELS[ctx.state.status]}」，不能${action}`);
  }
}

/** The unit a handler acts for, which must be the lead unit of the current assignment. */
function requireLeadUnit(ctx: Ctx, action: string): ActiveAssignment {
  if (ctx.actor.role !== 'unit') throw forbidden(`只有承办单位可以${action}`);
  const a = ctx.state.assignment;
  if (!a) throw conflict(`工单尚未派出，不能${action}`);
  if (a.leadUnitId !== ctx.actor.unitId) {
    throw forbidden(a.coUnitIds.includes(ctx.actor.unitId ?? '') ? `协办单位不能${action}，请由主办单位办理` : `本单位不是该工单的承办单位，不能${action}`);
  }
  return a;
}

function requireAssignedUnit(ctx: Ctx, action: string): ActiveAssignment {
  if (ctx.actor.role !== 'unit') throw forbidden(`只有承办单位可以${action}`);
  const a = ctx.state.assignment;
  if (!a) throw conflict(`工单尚未派出，不能${action}`);
  if (!assignedUnitIds(ctx.state).includes(ctx.actor.unitId ?? '')) throw forbidden(`本单位不是该工单的承办单位，不能${action}`);
  return a;
}

function requireNoOpenReturn(ctx: Ctx, action: string): void {
  if (openReturn(ctx.state)) throw conflict(`退单申请正在审核，不能${action}`);
}

function checkUnits(ctx: Ctx, unitIds: string[]): void {
  const check = ctx.policy.checkUnit;
  if (!check) return;
  for (const id of unitIds) {
    const problem = check(id);
    if (problem) throw new Rejection('VALIDATION', problem);
  }
}

function why(explicit: string | undefined, fallback: string): string {
  return explicit && explicit.trim() ? explicit.trim() : fallback;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/**
 * A new assignment with its deadline computed from now. 首接负责: the responsible unit only
 * changes when a unit accepts, except for the very first dispatch (the first receiver owns it).
 */
function assign(ctx: Ctx, assignment: Assignment, round: number): { assignment: ActiveAssignment; responsibleUnitId: string } {
  checkUnits(ctx, [assignment.leadUnitId, ...assignment.coUnitIds]);
  const timeTier = assignment.timeTier ?? ctx.state.timeTier;
  const active: ActiveAssignment = {
    leadUnitId: assignment.leadUnitId,
    coUnitIds: [...assignment.coUnitIds],
    mode: assignment.mode,
    timeTier,
    catalogueVersion: assignment.catalogueVersion,
    entryId: assignment.entryId,
    round,
    dispatchedAt: ctx.at,
    deadlineAt: new Date(deadlineFor(timeTier, ctx.now)).toISOString(),
    acceptedAt: null,
    coAcceptedUnitIds: [],
  };
  const firstDispatch = ctx.state.responsibleUnitId === HOTLINE_CENTER_UNIT_ID;
  return { assignment: active, responsibleUnitId: firstDispatch ? assignment.leadUnitId : ctx.state.responsibleUnitId };
}

function describeAssignment(a: ActiveAssignment): string {
  const co = a.coUnitIds.length ? `，协办：${a.coUnitIds.join('、')}` : '';
  return `${DISPATCH_MODE_LABELS[a.mode]}至 ${a.leadUnitId}${co}，时限至 ${a.deadlineAt}`;
}

function assignmentData(a: ActiveAssignment): Record<string, unknown> {
  return {
    leadUnitId: a.leadUnitId,
    coUnitIds: a.coUnitIds,
    mode: a.mode,
    timeTier: a.timeTier,
    round: a.round,
    deadlineAt: a.deadlineAt,
    catalogueVersion: a.catalogueVersion,
    entryId: a.entryId,
  };
}

// --- intake ------------------------------------------------------------------------------------

function submit(ctx: Ctx, cmd: Cmd<'submit'>): Step {
  requireRole(ctx, STAFF_INTAKE, '提交派单');
  requireStatus(ctx, ['recorded'], '提交派单');
  return { state: { ...ctx.state, status: 'to_dispatch' }, why: why(cmd.note, '登记完成，提交待派'), summary: '提交待派' };
}

function closeWithoutDispatch(ctx: Ctx, cmd: Cmd<'answer_directly' | 'refer_legal' | 'transfer_emergency'>): Step {
  const action = cmd.type === 'answer_directly' ? '直接答复办结' : cmd.type === 'refer_legal' ? '引导至法定途径' : '转接紧急服务';
  requireRole(ctx, cmd.type === 'answer_directly' ? AGENTS : STAFF_INTAKE, action);
  requireStatus(ctx, ['recorded', 'to_dispatch'], action);
  if (openConsultation(ctx.state)) throw conflict(`会商进行中，不能${action}`);
  const by = ctx.actor.id;
  if (cmd.type === 'answer_directly') {
    return {
      state: { ...ctx.state, status: 'answered', closure: { kind: 'direct_answer', at: ctx.at, by, answer: cmd.answer, basis: cmd.basis ?? null } },
      why: cmd.basis ? `${cmd.answer}（依据：${cmd.basis}）` : cmd.answer,
      summary: '咨询已当场答复，不派单',
      data: { answer: cmd.answer, basis: cmd.basis ?? null },
    };
  }
  if (cmd.type === 'refer_legal') {
    return {
      state: { ...ctx.state, status: 'referred', closure: { kind: 'legal_referral', at: ctx.at, by, channel: cmd.channel, explanation: cmd.explanation } },
      why: cmd.explanation,
      summary: `引导至${LEGAL_CHANNEL_LABELS[cmd.channel]}途径，不派单`,
      data: { channel: cmd.channel },
    };
  }
  return {
    state: { ...ctx.state, status: 'transferred', closure: { kind: 'emergency_transfer', at: ctx.at, by, service: cmd.service, reason: cmd.reason } },
    why: cmd.reason,
    summary: `已转接 ${cmd.service}`,
    data: { service: cmd.service },
  };
}

// --- dispatch and consultation -------------------------------------------------------------------

function dispatch(ctx: Ctx, cmd: Cmd<'dispatch'>): Step {
  requireRole(ctx, STAFF_INTAKE, '派单');
  requireStatus(ctx, ['recorded', 'to_dispatch'], '派单');
  if (openConsultation(ctx.state)) throw conflict('会商进行中，请先形成会商结论再派单');
  const { assignment, responsibleUnitId } = assign(ctx, cmd.assignment, 1);
  return {
    state: { ...ctx.state, status: 'dispatched', assignment, responsibleUnitId },
    why: why(cmd.note, assignment.entryId ? `按职责目录事项 ${assignment.entryId} 派单` : '派单'),
    summary: describeAssignment(assignment),
    data: assignmentData(assignment),
  };
}

function openConsult(ctx: Ctx, cmd: Cmd<'open_consultation'>): Step {
  requireRole(ctx, DISPATCHERS, '发起会商');
  requireStatus(ctx, ['recorded', 'to_dispatch'], '发起会商');
  if (openConsultation(ctx.state)) throw conflict('已有进行中的会商');
  checkUnits(ctx, cmd.candidateUnitIds);
  const consultation = { topic: cmd.topic, candidateUnitIds: [...cmd.candidateUnitIds], openedBy: ctx.actor.id, openedAt: ctx.at, messages: [], outcome: null };
  return {
    state: { ...ctx.state, status: 'to_dispatch', consultations: [...ctx.state.consultations, consultation] },
    why: cmd.topic,
    summary: `发起会商：${cmd.candidateUnitIds.join('、')}`,
    data: { candidateUnitIds: cmd.candidateUnitIds },
    visibleTo: cmd.candidateUnitIds,
  };
}

function consultMessage(ctx: Ctx, cmd: Cmd<'consultation_message'>): Step {
  const c = openConsultation(ctx.state);
  if (!c) throw conflict('没有进行中的会商');
  if (ctx.actor.role === 'unit') {
    if (!c.candidateUnitIds.includes(ctx.actor.unitId ?? '')) throw forbidden('本单位不在会商候选单位中');
  } else requireRole(ctx, DISPATCHERS, '发表会商意见');
  const message = { by: ctx.actor.id, unitId: ctx.actor.unitId ?? null, text: cmd.text, at: ctx.at };
  const updated = { ...c, messages: [...c.messages, message] };
  return {
    state: { ...ctx.state, consultations: [...ctx.state.consultations.slice(0, -1), updated] },
    why: cmd.text,
    summary: `会商意见（${ctx.actor.unitId ?? DISPATCH_ROLE_LABELS[ctx.actor.role]}）`,
    visibleTo: c.candidateUnitIds,
  };
}

function concludeConsult(ctx: Ctx, cmd: Cmd<'conclude_consultation'>): Step {
  requireRole(ctx, DISPATCHERS, '形成会商结论');
  const c = openConsultation(ctx.state);
  if (!c) throw conflict('没有进行中的会商');
  if (!c.candidateUnitIds.includes(cmd.assignment.leadUnitId)) throw new Rejection('VALIDATION', '会商结论的主办单位必须是参与会商的候选单位');
  const { assignment, responsibleUnitId } = assign(ctx, cmd.assignment, 1);
  const concluded = { ...c, outcome: { text: cmd.outcome, at: ctx.at, by: ctx.actor.id, leadUnitId: assignment.leadUnitId } };
  return {
    state: {
      ...ctx.state,
      status: 'dispatched',
      assignment,
      responsibleUnitId,
      consultations: [...ctx.state.consultations.slice(0, -1), concluded],
    },
    why: cmd.outcome,
    summary: `会商结论：${describeAssignment(assignment)}`,
    data: { ...assignmentData(assignment), outcome: cmd.outcome },
    visibleTo: c.candidateUnitIds,
  };
}

// --- unit handling -----------------------------------------------------------------------------

function accept(ctx: Ctx, cmd: Cmd<'accept'>): Step {
  const a = requireAssignedUnit(ctx, '签收');
  const unitId = ctx.actor.unitId!;
  if (unitId !== a.leadUnitId) {
    // A co-handling unit acknowledges its part; status and responsibility stay with the lead.
    requireStatus(ctx, ['dispatched', 'accepted', 'in_progress'], '签收');
    if (a.coAcceptedUnitIds.includes(unitId)) throw conflict('本单位已签收');
    const assignment = { ...a, coAcceptedUnitIds: [...a.coAcceptedUnitIds, unitId] };
    return { state: { ...ctx.state, assignment }, why: why(cmd.note, '协办单位签收'), summary: `协办单位 ${unitId} 签收` };
  }
  requireStatus(ctx, ['dispatched'], '签收');
  requireNoOpenReturn(ctx, '签收');
  const previous = ctx.state.responsibleUnitId;
  return {
    state: { ...ctx.state, status: 'accepted', assignment: { ...a, acceptedAt: ctx.at }, responsibleUnitId: unitId },
    why: why(cmd.note, '主办单位签收'),
    summary: previous !== unitId ? `${unitId} 签收，首接责任由 ${previous} 转至 ${unitId}` : `${unitId} 签收`,
    data: { responsibleBefore: previous, responsibleAfter: unitId },
    visibleTo: [previous],
  };
}

function startHandling(ctx: Ctx, cmd: Cmd<'start_handling'>): Step {
  requireLeadUnit(ctx, '开始办理');
  requireStatus(ctx, ['accepted'], '开始办理');
  requireNoOpenReturn(ctx, '开始办理');
  return { state: { ...ctx.state, status: 'in_progress' }, why: why(cmd.note, '开始办理'), summary: '开始办理' };
}

function progressNote(ctx: Ctx, cmd: Cmd<'progress_note'>): Step {
  requireAssignedUnit(ctx, '填写办理情况');
  requireStatus(ctx, ['accepted', 'in_progress'], '填写办理情况');
  return { state: { ...ctx.state }, why: cmd.text, summary: `办理情况（${ctx.actor.unitId}）` };
}

function reply(ctx: Ctx, cmd: Cmd<'reply'>): Step {
  const a = requireLeadUnit(ctx, '反馈办理结果');
  requireStatus(ctx, ['accepted', 'in_progress'], '反馈办理结果');
  requireNoOpenReturn(ctx, '反馈办理结果');
  if (openDispute(ctx.state)) throw conflict('派单争议待裁定，裁定后再反馈办理结果');
  const replyRecord = { unitId: a.leadUnitId, text: cmd.text, attachmentIds: [...cmd.attachmentIds], at: ctx.at, round: a.round };
  return {
    state: { ...ctx.state, status: 'replied', replies: [...ctx.state.replies, replyRecord] },
    why: cmd.text,
    summary: `${a.leadUnitId} 反馈办理结果`,
    data: { attachmentIds: cmd.attachmentIds },
  };
}

// --- 退单 -----------------------------------------------------------------------------------------

function requestReturn(ctx: Ctx, cmd: Cmd<'request_return'>): Step {
  const a = requireLeadUnit(ctx, '退单');
  requireStatus(ctx, ['dispatched', 'accepted'], '退单');
  requireNoOpenReturn(ctx, '再次退单');
  if (openDispute(ctx.state)) throw conflict('派单争议待裁定，不能同时退单');
  if (ctx.state.returns.some((r) => r.round === a.round && r.unitId === a.leadUnitId)) throw conflict('本轮派单已申请过退单并被驳回，不能再次退单');
  const window = ctx.policy.returnWindowMs[a.timeTier];
  if (ctx.now - Date.parse(a.dispatchedAt) > window) {
    throw conflict(`已超过退单时限（派单后 ${Math.round((window / 3600_000) * 10) / 10} 小时内），请按原派单办理或提出派单争议`);
  }
  const record = { unitId: a.leadUnitId, round: a.round, reason: cmd.reason, basis: cmd.basis, requestedAt: ctx.at, decision: null };
  return {
    state: { ...ctx.state, returns: [...ctx.state.returns, record] },
    why: `${cmd.reason}（依据：${cmd.basis}）`,
    summary: `${a.leadUnitId} 申请退单`,
    data: { reason: cmd.reason, basis: cmd.basis },
  };
}

function reviewReturn(ctx: Ctx, cmd: Cmd<'review_return'>): Step {
  requireRole(ctx, REVIEWERS, '审核退单');
  const pending = openReturn(ctx.state);
  if (!pending) throw conflict('没有待审核的退单');
  const a = ctx.state.assignment!;
  const base = { reviewerId: ctx.actor.id, at: ctx.at, basis: cmd.basis };
  if (cmd.decision === 'reject') {
    const decided = { ...pending, decision: { ...base, outcome: 'rejected' as const, reassignedTo: null } };
    return {
      state: { ...ctx.state, returns: [...ctx.state.returns.slice(0, -1), decided] },
      why: cmd.basis,
      summary: `退单驳回，仍由 ${a.leadUnitId} 办理`,
      data: { decision: 'reject' },
    };
  }
  const target = cmd.reassignment!;
  if (target.leadUnitId === pending.unitId) throw new Rejection('VALIDATION', '同意退单时不能改派给退单单位本身');
  const { assignment, responsibleUnitId } = assign(ctx, target, a.round + 1);
  const decided = { ...pending, decision: { ...base, outcome: 'approved' as const, reassignedTo: assignment.leadUnitId } };
  return {
    state: { ...ctx.state, status: 'dispatched', assignment, responsibleUnitId, returns: [...ctx.state.returns.slice(0, -1), decided] },
    why: cmd.basis,
    summary: `退单通过，改派：${describeAssignment(assignment)}`,
    data: { decision: 'approve', ...assignmentData(assignment) },
    visibleTo: [pending.unitId, ...assignedUnitIds(ctx.state)],
  };
}

// --- 派单争议 -------------------------------------------------------------------------------------

function raiseDispute(ctx: Ctx, cmd: Cmd<'raise_dispute'>): Step {
  const a = requireAssignedUnit(ctx, '提出派单争议');
  requireStatus(ctx, ['dispatched', 'accepted', 'in_progress'], '提出派单争议');
  if (openDispute(ctx.state)) throw conflict('已有待裁定的派单争议');
  requireNoOpenReturn(ctx, '提出派单争议');
  const unitId = ctx.actor.unitId!;
  const record = { unitId, round: a.round, reason: cmd.reason, basis: cmd.basis, raisedAt: ctx.at, partyUnitIds: unique([unitId, a.leadUnitId]), decision: null };
  return {
    state: { ...ctx.state, disputes: [...ctx.state.disputes, record] },
    why: `${cmd.reason}（依据：${cmd.basis}）`,
    summary: `${unitId} 提出派单争议`,
    data: { reason: cmd.reason, basis: cmd.basis },
  };
}

function decideDispute(ctx: Ctx, cmd: Cmd<'decide_dispute'>): Step {
  requireRole(ctx, REVIEWERS, '裁定派单争议');
  const pending = openDispute(ctx.state);
  if (!pending) throw conflict('没有待裁定的派单争议');
  const a = ctx.state.assignment!;
  const base = { reviewerId: ctx.actor.id, at: ctx.at, basis: cmd.basis };
  if (cmd.decision === 'uphold') {
    const decided = { ...pending, decision: { ...base, outcome: 'upheld' as const, reassignedTo: null } };
    return {
      state: { ...ctx.state, disputes: [...ctx.state.disputes.slice(0, -1), decided] },
      why: cmd.basis,
      summary: `派单争议裁定：维持原派单（${a.leadUnitId} 主办）`,
      data: { decision: 'uphold', disputingUnitId: pending.unitId },
      visibleTo: pending.partyUnitIds,
    };
  }
  const { assignment, responsibleUnitId } = assign(ctx, cmd.reassignment!, a.round + 1);
  // Reassigning can move the ticket forward only from the start: the new unit must accept it.
  const parties = unique([...pending.partyUnitIds, assignment.leadUnitId]);
  const decided = { ...pending, partyUnitIds: parties, decision: { ...base, outcome: 'reassigned' as const, reassignedTo: assignment.leadUnitId } };
  return {
    state: { ...ctx.state, status: 'dispatched', assignment, responsibleUnitId, disputes: [...ctx.state.disputes.slice(0, -1), decided] },
    why: cmd.basis,
    summary: `派单争议裁定：改派，${describeAssignment(assignment)}`,
    data: { decision: 'reassign', disputingUnitId: pending.unitId, ...assignmentData(assignment) },
    visibleTo: [...parties, ...assignedUnitIds(ctx.state)],
  };
}

// --- callback ----------------------------------------------------------------------------------

function startCallback(ctx: Ctx, cmd: Cmd<'start_callback'>): Step {
  requireRole(ctx, AGENTS, '发起回访');
  requireStatus(ctx, ['replied'], '发起回访');
  return { state: { ...ctx.state, status: 'callback' }, why: why(cmd.note, '单位已反馈，进入回访'), summary: '进入回访' };
}

function recordCallback(ctx: Ctx, cmd: Cmd<'record_callback'>): Step {
  requireRole(ctx, AGENTS, '记录回访');
  requireStatus(ctx, ['callback'], '记录回访');
  if (cmd.reopen && cmd.solved) throw new Rejection('VALIDATION', '已解决的诉求不能退回重办');
  const record = { by: ctx.actor.id, at: ctx.at, solved: cmd.solved, satisfied: cmd.satisfied, reopened: cmd.reopen, note: cmd.note };
  const status: TicketStatus = cmd.reopen ? 'in_progress' : 'closed';
  return {
    state: { ...ctx.state, status, callbacks: [...ctx.state.callbacks, record] },
    why: cmd.note,
    summary: cmd.reopen ? '回访未解决，退回承办单位重办' : `回访完成，办结（${cmd.solved ? '已解决' : '未解决'}，${cmd.satisfied ? '满意' : '不满意'}）`,
    data: { solved: cmd.solved, satisfied: cmd.satisfied, reopened: cmd.reopen },
  };
}
