/**
 * What must always hold for a dispatch state. The property tests run random command sequences and
 * check these after every accepted command; the server can call `checkDispatchInvariants` before
 * it commits, as a last line of defence against a bug in a transition.
 */
import { TIME_TIER_MS, TICKET_STATUSES, type TicketStatus } from '../domain';
import { HOTLINE_CENTER_UNIT_ID, openConsultation, openDispute, type DispatchState } from './state';

const PRE_DISPATCH: TicketStatus[] = ['recorded', 'to_dispatch'];
const CLOSED_WITHOUT_DISPATCH: TicketStatus[] = ['answered', 'referred', 'transferred'];
const WITH_UNIT: TicketStatus[] = ['dispatched', 'accepted', 'in_progress', 'replied', 'callback', 'closed'];

export function checkDispatchInvariants(s: DispatchState): string[] {
  const v: string[] = [];
  if (!TICKET_STATUSES.includes(s.status)) v.push(`未知状态 ${String(s.status)}`);
  // Exactly one responsible unit: a single non-empty id, the centre only before any dispatch.
  if (typeof s.responsibleUnitId !== 'string' || !s.responsibleUnitId) v.push('没有首接责任单位');
  if (PRE_DISPATCH.includes(s.status) || CLOSED_WITHOUT_DISPATCH.includes(s.status)) {
    if (s.assignment) v.push('未派出的工单不应有承办单位');
    if (s.responsibleUnitId !== HOTLINE_CENTER_UNIT_ID) v.push('未派出的工单应由热线中心负责');
  }
  if (WITH_UNIT.includes(s.status)) {
    const a = s.assignment;
    if (!a) v.push('已派出的工单缺少承办单位');
    else {
      if (a.coUnitIds.includes(a.leadUnitId)) v.push('主办单位同时是协办单位');
      if ((a.mode === 'dual') !== a.coUnitIds.length > 0) v.push('派单方式与协办单位不符');
      if (Date.parse(a.deadlineAt) - Date.parse(a.dispatchedAt) !== TIME_TIER_MS[a.timeTier]) v.push('办理时限与时限档位不符');
      if (s.responsibleUnitId === HOTLINE_CENTER_UNIT_ID) v.push('已派出的工单仍由热线中心负责');
      if (s.status !== 'dispatched') {
        if (!a.acceptedAt) v.push('已签收状态缺少签收时间');
        if (s.responsibleUnitId !== a.leadUnitId) v.push('签收后首接责任应转至主办单位');
      } else if (a.acceptedAt) v.push('待签收的派单不应有签收时间');
      if (a.coAcceptedUnitIds.some((u) => !a.coUnitIds.includes(u))) v.push('非协办单位记录了协办签收');
    }
  }
  if (CLOSED_WITHOUT_DISPATCH.includes(s.status) !== !!s.closure) v.push('不派单办结与办结记录不一致');
  // Every return is reviewed: at most the last one is pending, and only while the unit still holds it.
  s.returns.forEach((r, i) => {
    if (!r.decision && i !== s.returns.length - 1) v.push(`第 ${i + 1} 次退单未审核却已有后续退单`);
    if (!r.reason || !r.basis) v.push('退单缺少理由或依据');
  });
  const pendingReturn = s.returns.at(-1)?.decision === null;
  if (pendingReturn) {
    if (!['dispatched', 'accepted'].includes(s.status)) v.push('退单待审时工单状态不对');
    if (s.assignment?.leadUnitId !== s.returns.at(-1)?.unitId) v.push('待审退单不是当前主办单位提出的');
  }
  s.disputes.forEach((d, i) => {
    if (!d.decision && i !== s.disputes.length - 1) v.push(`第 ${i + 1} 个派单争议未裁定却已有后续争议`);
    if (d.decision && !d.decision.basis) v.push('争议裁定缺少依据');
  });
  const dispute = openDispute(s);
  if (dispute && !['dispatched', 'accepted', 'in_progress'].includes(s.status)) v.push('争议待裁定时工单状态不对');
  if (dispute && pendingReturn) v.push('退单与争议同时待处理');
  const consultation = openConsultation(s);
  if (consultation && s.status !== 'to_dispatch') v.push('会商进行中的工单应处于待派');
  s.consultations.forEach((c, i) => {
    if (!c.outcome && i !== s.consultations.length - 1) v.push('存在未结束的旧会商');
    if (c.outcome && !c.candidateUnitIds.includes(c.outcome.leadUnitId)) v.push('会商结论的主办单位不在候选单位中');
  });
  if (s.status === 'closed' && (pendingReturn || dispute || consultation)) v.push('办结时仍有未处理的退单/争议/会商');
  if (['replied', 'callback', 'closed'].includes(s.status) && s.replies.length === 0) v.push('未反馈却进入回访/办结');
  if (s.status === 'closed' && s.callbacks.length === 0) v.push('未回访即办结');
  return v;
}
