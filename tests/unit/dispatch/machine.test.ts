import { describe, expect, it } from 'vitest';
import { TIME_TIER_MS } from '../../../src/shared/domain';
import {
  DispatchCommand,
  HOTLINE_CENTER_UNIT_ID,
  apply,
  checkDispatchInvariants,
  createDispatchState,
  dispatchQueueOf,
  type DispatchActor,
  type DispatchCommandInput,
  type DispatchEvent,
  type DispatchPolicy,
  type DispatchState,
} from '../../../src/shared/dispatch';

const agent: DispatchActor = { id: 'agent-7', role: 'agent' };
const dispatcher: DispatchActor = { id: 'disp-1', role: 'dispatcher' };
const reviewer: DispatchActor = { id: 'rev-1', role: 'reviewer' };
const street: DispatchActor = { id: 'h-wj', role: 'unit', unitId: 'st-110105026' };
const housing: DispatchActor = { id: 'h-zjw', role: 'unit', unitId: 'mu-zjw' };
const urban: DispatchActor = { id: 'h-cgzf', role: 'unit', unitId: 'mu-cgzf' };
const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const MIN = 60_000;

/** Applies commands in order, failing the test with the machine's reason if one is rejected. */
function run(state: DispatchState, steps: Array<[DispatchCommandInput, DispatchActor, number]>): { state: DispatchState; events: DispatchEvent[] } {
  const events: DispatchEvent[] = [];
  for (const [command, actor, at] of steps) {
    const r = apply(state, command, actor, at);
    if (!r.ok) throw new Error(`${command.type} rejected: ${r.reason}`);
    expect(checkDispatchInvariants(r.state)).toEqual([]);
    state = r.state;
    events.push(...r.events);
  }
  return { state, events };
}

function dispatched(tier: '7d' | '24h' = '7d'): DispatchState {
  return run(createDispatchState('T-1', tier), [
    [{ type: 'submit' }, agent, T0],
    [{ type: 'dispatch', assignment: { leadUnitId: street.unitId!, mode: 'direct', catalogueVersion: 3, entryId: 'C0042' } }, agent, T0 + MIN],
  ]).state;
}

describe('dispatch workflow', () => {
  it('runs the full cycle 待派 → 已派 → 已签收 → 办理中 → 已反馈 → 回访 → 办结 with an audit event per step', () => {
    const s0 = createDispatchState('T-1', '7d');
    const { state, events } = run(s0, [
      [{ type: 'submit' }, agent, T0],
      [{ type: 'dispatch', assignment: { leadUnitId: 'st-110105026', mode: 'direct', catalogueVersion: 3, entryId: 'C0042' } }, agent, T0 + MIN],
      [{ type: 'accept' }, street, T0 + 10 * MIN],
      [{ type: 'start_handling' }, street, T0 + 20 * MIN],
      [{ type: 'reply', text: '已协调物业恢复供水' }, street, T0 + 60 * MIN],
      [{ type: 'start_callback' }, agent, T0 + 90 * MIN],
      [{ type: 'record_callback', solved: true, satisfied: true, note: '市民确认已恢复' }, agent, T0 + 95 * MIN],
    ]);
    expect(state.status).toBe('closed');
    expect(events.map((e) => e.statusAfter)).toEqual(['to_dispatch', 'dispatched', 'accepted', 'in_progress', 'replied', 'callback', 'closed']);
    expect(events.every((e) => e.who.id && e.at && e.why)).toBe(true);
    expect(state.assignment?.catalogueVersion).toBe(3);
    expect(state.assignment?.deadlineAt).toBe(new Date(T0 + MIN + TIME_TIER_MS['7d']).toISOString());
    expect(events[4]!.why).toBe('已协调物业恢复供水');
    expect(state.seq).toBe(7);
  });

  it('rejects a reply from a unit that does not own the ticket, and changes nothing', () => {
    const s = run(dispatched(), [[{ type: 'accept' }, street, T0 + 5 * MIN]]).state;
    const r = apply(s, { type: 'reply', text: '已处理' }, housing, T0 + 10 * MIN);
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(!r.ok && r.reason).toContain('不是该工单的承办单位');
  });

  it('checks roles: an agent cannot review a return, a unit cannot dispatch', () => {
    const s = run(dispatched(), [[{ type: 'request_return', reason: '不属于本街道', basis: '地址在相邻街道' }, street, T0 + 5 * MIN]]).state;
    expect(apply(s, { type: 'review_return', decision: 'reject', basis: 'x' }, agent, T0 + 6 * MIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const fresh = createDispatchState('T-2', '7d', 'to_dispatch');
    expect(apply(fresh, { type: 'dispatch', assignment: { leadUnitId: 'mu-zjw', mode: 'direct', catalogueVersion: 1 } }, street, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  describe('退单', () => {
    it('a return without a reason is rejected', () => {
      const r = apply(dispatched(), { type: 'request_return', reason: '  ', basis: '职责目录' }, street, T0 + 5 * MIN);
      expect(r).toMatchObject({ ok: false, code: 'VALIDATION' });
      expect(!r.ok && r.reason).toContain('退单理由不能为空');
    });

    it('a return after the window is rejected', () => {
      const late = T0 + MIN + 24 * 3600_000 + MIN;
      const r = apply(dispatched(), { type: 'request_return', reason: '非本单位职责', basis: '三定方案' }, street, late);
      expect(!r.ok && r.reason).toContain('已超过退单时限');
    });

    it('approval re-dispatches with the time limit recomputed; the first unit stays responsible until the new one accepts', () => {
      const returnedAt = T0 + 30 * MIN;
      const reviewedAt = T0 + 3 * 3600_000;
      const { state, events } = run(dispatched(), [
        [{ type: 'request_return', reason: '施工噪声不属于街道职责', basis: '噪声污染防治法' }, street, returnedAt],
        [{ type: 'review_return', decision: 'approve', basis: '属建筑施工噪声', reassignment: { leadUnitId: 'mu-cgzf', mode: 'dual', catalogueVersion: 2, coUnitIds: ['mu-zjw'], timeTier: '24h' } }, reviewer, reviewedAt],
      ]);
      expect(dispatchQueueOf(run(dispatched(), [[{ type: 'request_return', reason: 'a', basis: 'b' }, street, returnedAt]]).state)).toBe('returned');
      expect(state.status).toBe('dispatched');
      expect(state.assignment).toMatchObject({ leadUnitId: 'mu-cgzf', coUnitIds: ['mu-zjw'], mode: 'dual', round: 2 });
      expect(state.assignment!.deadlineAt).toBe(new Date(reviewedAt + TIME_TIER_MS['24h']).toISOString());
      expect(state.responsibleUnitId).toBe('st-110105026'); // 首接负责
      expect(events[1]!.visibleToUnitIds).toEqual(expect.arrayContaining(['st-110105026', 'mu-cgzf', 'mu-zjw']));
      const accepted = run(state, [[{ type: 'accept' }, urban, reviewedAt + MIN]]).state;
      expect(accepted.responsibleUnitId).toBe('mu-cgzf');
      // The co-handling unit's acceptance does not move responsibility.
      expect(run(state, [[{ type: 'accept' }, housing, reviewedAt + MIN]]).state.responsibleUnitId).toBe('st-110105026');
    });

    it('rejection sends it back to the unit, which cannot return it again in the same round', () => {
      const { state } = run(dispatched(), [
        [{ type: 'request_return', reason: '不属于本街道', basis: '地址' }, street, T0 + 5 * MIN],
        [{ type: 'review_return', decision: 'reject', basis: '地址位于望京街道辖区' }, reviewer, T0 + 20 * MIN],
      ]);
      expect(state.status).toBe('dispatched');
      expect(state.returns[0]!.decision).toMatchObject({ outcome: 'rejected', basis: '地址位于望京街道辖区' });
      expect(dispatchQueueOf(state)).toBeNull();
      const again = apply(state, { type: 'request_return', reason: '再退', basis: '再退' }, street, T0 + 30 * MIN);
      expect(again.ok).toBe(false);
      expect(run(state, [[{ type: 'accept' }, street, T0 + 30 * MIN]]).state.status).toBe('accepted');
    });

    it('blocks the unit from accepting or replying while its return is under review', () => {
      const s = run(dispatched(), [[{ type: 'request_return', reason: '不属于', basis: '目录' }, street, T0 + 5 * MIN]]).state;
      expect(apply(s, { type: 'accept' }, street, T0 + 6 * MIN)).toMatchObject({ ok: false, code: 'CONFLICT' });
    });
  });

  describe('派单争议', () => {
    it('records the reviewer decision and basis and shows it to both units', () => {
      const s = run(createDispatchState('T-3', '7d', 'to_dispatch'), [
        [{ type: 'dispatch', assignment: { leadUnitId: 'st-110105026', mode: 'dual', catalogueVersion: 1, coUnitIds: ['mu-zjw'] } }, dispatcher, T0],
        [{ type: 'raise_dispute', reason: '应由住建部门主办', basis: '物业管理条例' }, housing, T0 + MIN],
      ]).state;
      expect(dispatchQueueOf(s)).toBe('disputed');
      const r = apply(s, { type: 'decide_dispute', decision: 'uphold', basis: '属地管理，街道牵头' }, reviewer, T0 + 2 * MIN);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.state.disputes[0]!.decision).toMatchObject({ outcome: 'upheld', basis: '属地管理，街道牵头', reviewerId: 'rev-1' });
      expect(r.events[0]!.visibleToUnitIds).toEqual(expect.arrayContaining(['mu-zjw', 'st-110105026']));
      expect(r.state.assignment?.leadUnitId).toBe('st-110105026');
    });

    it('a reply waits until an open dispute is decided', () => {
      const s = run(dispatched(), [
        [{ type: 'accept' }, street, T0 + 2 * MIN],
        [{ type: 'raise_dispute', reason: '派错', basis: '三定' }, street, T0 + 3 * MIN],
      ]).state;
      const r = apply(s, { type: 'reply', text: '已办' }, street, T0 + 4 * MIN);
      expect(!r.ok && r.reason).toContain('派单争议待裁定');
    });
  });

  describe('会商', () => {
    it('the consultation outcome decides the dispatch; direct dispatch waits for it', () => {
      const s = run(createDispatchState('T-4', '15d', 'to_dispatch'), [
        [{ type: 'open_consultation', candidateUnitIds: ['st-110105026', 'mu-zjw', 'mu-cgzf'], topic: '小区违建拆除主体不清' }, dispatcher, T0],
        [{ type: 'consultation_message', text: '违建查处由街道综合执法队负责' }, housing, T0 + MIN],
      ]).state;
      expect(dispatchQueueOf(s)).toBe('consultation');
      expect(apply(s, { type: 'dispatch', assignment: { leadUnitId: 'mu-zjw', mode: 'direct', catalogueVersion: 1 } }, dispatcher, T0 + 2 * MIN).ok).toBe(false);
      expect(apply(s, { type: 'consultation_message', text: '我也说两句' }, { id: 'x', role: 'unit', unitId: 'en-water' }, T0 + 2 * MIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      const outsider = apply(s, { type: 'conclude_consultation', outcome: '交水务', assignment: { leadUnitId: 'en-water', mode: 'direct', catalogueVersion: 1 } }, dispatcher, T0 + 3 * MIN);
      expect(!outsider.ok && outsider.reason).toContain('候选单位');
      const done = run(s, [[{ type: 'conclude_consultation', outcome: '街道牵头，住建配合', assignment: { leadUnitId: 'st-110105026', mode: 'dual', catalogueVersion: 1, coUnitIds: ['mu-zjw'] } }, dispatcher, T0 + 3 * MIN]]).state;
      expect(done.status).toBe('dispatched');
      expect(done.consultations[0]!.outcome).toMatchObject({ leadUnitId: 'st-110105026', text: '街道牵头，住建配合' });
      expect(done.consultations[0]!.messages).toHaveLength(1);
    });
  });

  describe('closing without dispatch', () => {
    it('records a direct answer, a legal referral and an emergency transfer, each with its own record', () => {
      const base = createDispatchState('T-5', '7d');
      const a = run(base, [[{ type: 'answer_directly', answer: '公积金提取需携带身份证', basis: '公积金中心办事指南' }, agent, T0]]).state;
      expect(a).toMatchObject({ status: 'answered', closure: { kind: 'direct_answer', by: 'agent-7' } });
      const b = run(base, [[{ type: 'refer_legal', channel: 'disclosure', explanation: '请依法提出政府信息公开申请' }, agent, T0]]).state;
      expect(b.closure).toMatchObject({ kind: 'legal_referral', channel: 'disclosure' });
      const c = run(base, [[{ type: 'transfer_emergency', service: '119', reason: '楼道起火' }, agent, T0]]).state;
      expect(c.closure).toMatchObject({ kind: 'emergency_transfer', service: '119' });
      expect(apply(c, { type: 'dispatch', assignment: { leadUnitId: 'mu-zjw', mode: 'direct', catalogueVersion: 1 } }, agent, T0 + MIN).ok).toBe(false);
    });
  });

  it('rejects dispatch to a unit the registry does not accept (unknown or retired)', () => {
    const policy: DispatchPolicy = {
      returnWindowMs: { '2h': 1, '24h': 1, '7d': 1, '15d': 1 },
      checkUnit: (id) => (id === 'mu-old' ? '单位「北京市旧委员会」已撤销，不能派单' : null),
    };
    const r = apply(createDispatchState('T-6', '7d', 'to_dispatch'), { type: 'dispatch', assignment: { leadUnitId: 'mu-old', mode: 'direct', catalogueVersion: 1 } }, agent, T0, policy);
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION', reason: '单位「北京市旧委员会」已撤销，不能派单' });
  });

  it('validates commands with zod: dual dispatch needs a co-handling unit, direct must not have one', () => {
    expect(DispatchCommand.safeParse({ type: 'dispatch', assignment: { leadUnitId: 'a', mode: 'dual', catalogueVersion: 1 } }).success).toBe(false);
    expect(DispatchCommand.safeParse({ type: 'dispatch', assignment: { leadUnitId: 'a', mode: 'direct', catalogueVersion: 1, coUnitIds: ['b'] } }).success).toBe(false);
    expect(DispatchCommand.safeParse({ type: 'dispatch', assignment: { leadUnitId: 'a', mode: 'dual', catalogueVersion: 1, coUnitIds: ['a'] } }).success).toBe(false);
    expect(DispatchCommand.safeParse({ type: 'nonsense' }).success).toBe(false);
  });

  it('a fresh ticket is owned by the hotline centre; the invariant checker catches corrupted states', () => {
    const s = createDispatchState('T-7', '2h');
    expect(s.responsibleUnitId).toBe(HOTLINE_CENTER_UNIT_ID);
    expect(checkDispatchInvariants({ ...s, status: 'accepted' })).toContain('已派出的工单缺少承办单位');
    const d = dispatched();
    expect(checkDispatchInvariants({ ...d, responsibleUnitId: '' })).toContain('没有首接责任单位');
    expect(checkDispatchInvariants({ ...d, status: 'closed' })).toEqual(expect.arrayContaining(['未反馈却进入回访/办结']));
  });
});

describe('catalogue version', () => {
  it('a dispatch without the catalogue version it was made under is rejected', () => {
    const r = apply(createDispatchState('T-8', '7d', 'to_dispatch'), { type: 'dispatch', assignment: { leadUnitId: 'mu-zjw', mode: 'direct' } } as DispatchCommandInput, agent, T0);
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(!r.ok && r.reason).toContain('职责目录版本');
  });
});
