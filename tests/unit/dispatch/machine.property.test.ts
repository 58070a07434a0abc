/**
 * Property tests for the dispatch state machine: random command sequences (mostly plausible, some
 * from the wrong person or at the wrong time) never reach an impossible state, every return is
 * reviewed, and a ticket always has exactly one responsible unit (首接负责).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIME_TIER_MS } from '../../../src/shared/domain';
import {
  HOTLINE_CENTER_UNIT_ID,
  apply,
  assignedUnitIds,
  checkDispatchInvariants,
  createDispatchState,
  openConsultation,
  openReturn,
  type DispatchActor,
  type DispatchCommandInput,
  type DispatchState,
} from '../../../src/shared/dispatch';

const UNITS = ['st-110105026', 'mu-zjw', 'mu-cgw', 'en-water'];
const STAFF: DispatchActor[] = [
  { id: 'agent-1', role: 'agent' },
  { id: 'disp-1', role: 'dispatcher' },
  { id: 'rev-1', role: 'reviewer' },
  { id: 'admin-1', role: 'admin' },
];
const ALL_ACTORS: DispatchActor[] = [...STAFF, ...UNITS.map((u) => ({ id: `h-${u}`, role: 'unit' as const, unitId: u }))];
const KINDS = [
  'submit',
  'dispatch',
  'dispatch',
  'open_consultation',
  'consultation_message',
  'conclude_consultation',
  'accept',
  'accept',
  'start_handling',
  'progress_note',
  'reply',
  'request_return',
  'request_return',
  'review_return',
  'review_return',
  'raise_dispute',
  'decide_dispute',
  'start_callback',
  'record_callback',
  'record_callback',
] as const;
/** Closing without dispatch ends a run, so these are rare or runs would never get far. */
const TERMINAL_KINDS = ['answer_directly', 'refer_legal', 'transfer_emergency'] as const;
type Kind = (typeof KINDS)[number] | (typeof TERMINAL_KINDS)[number];

const step = fc.record({
  kind: fc.oneof({ arbitrary: fc.constantFrom<Kind>(...KINDS), weight: 40 }, { arbitrary: fc.constantFrom<Kind>(...TERMINAL_KINDS), weight: 1 }),
  plausible: fc.integer({ min: 0, max: 9 }), // 0..7 plausible actor, 8..9 anyone
  a: fc.nat(),
  b: fc.nat(),
  flag: fc.boolean(),
  flag2: fc.boolean(),
  dtMin: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.constant(26 * 60)),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const pick = <T,>(xs: readonly T[], n: number): T => xs[n % xs.length]!;
const unitActor = (unitId: string): DispatchActor => ({ id: `h-${unitId}`, role: 'unit', unitId });

function assignment(s: Step) {
  const lead = pick(UNITS, s.a);
  const co = pick(UNITS, s.b);
  return s.flag
    ? { leadUnitId: lead, coUnitIds: [co], mode: 'dual' as const, catalogueVersion: 3 }
    : { leadUnitId: lead, mode: 'direct' as const, catalogueVersion: 3, timeTier: s.flag2 ? ('24h' as const) : undefined };
}

/** Turns a random step into a command and an actor, mostly ones that make sense for the state. */
function build(state: DispatchState, s: Step): { command: DispatchCommandInput; actor: DispatchActor } {
  const lead = state.assignment?.leadUnitId;
  const assigned = assignedUnitIds(state);
  const consult = openConsultation(state);
  const staff = (role: DispatchActor['role']) => STAFF.find((a) => a.role === role)!;
  const plausibleActor: Record<Kind, () => DispatchActor> = {
    submit: () => staff('agent'),
    dispatch: () => staff(s.flag2 ? 'agent' : 'dispatcher'),
    open_consultation: () => staff('dispatcher'),
    consultation_message: () => (consult ? unitActor(pick(consult.candidateUnitIds, s.b)) : staff('dispatcher')),
    conclude_consultation: () => staff('dispatcher'),
    accept: () => unitActor(assigned.length ? pick(assigned, s.b % 3 === 0 ? s.b : 0) : pick(UNITS, s.b)),
    start_handling: () => unitActor(lead ?? pick(UNITS, s.b)),
    progress_note: () => unitActor(assigned.length ? pick(assigned, s.b) : pick(UNITS, s.b)),
    reply: () => unitActor(lead ?? pick(UNITS, s.b)),
    request_return: () => unitActor(lead ?? pick(UNITS, s.b)),
    review_return: () => staff('reviewer'),
    raise_dispute: () => unitActor(assigned.length ? pick(assigned, s.b) : pick(UNITS, s.b)),
    decide_dispute: () => staff('reviewer'),
    start_callback: () => staff('agent'),
    record_callback: () => staff('agent'),
    answer_directly: () => staff('agent'),
    refer_legal: () => staff('agent'),
    transfer_emergency: () => staff('agent'),
  };
  const actor = s.plausible < 8 ? plausibleActor[s.kind]() : pick(ALL_ACTORS, s.a + s.b);
  const command = ((): DispatchCommandInput => {
    switch (s.kind) {
      case 'submit':
      case 'accept':
      case 'start_handling':
      case 'start_callback':
        return { type: s.kind };
      case 'dispatch':
        return { type: 'dispatch', assignment: assignment(s) };
      case 'open_consultation':
        return { type: 'open_consultation', candidateUnitIds: [pick(UNITS, s.a), pick(UNITS, s.a + 1 + (s.b % 2))], topic: '跨部门职责不清' };
      case 'consultation_message':
        return { type: 'consultation_message', text: '我单位意见：属地街道牵头' };
      case 'conclude_consultation': {
        const leadUnitId = consult && s.flag2 ? pick(consult.candidateUnitIds, s.a) : pick(UNITS, s.a);
        return { type: 'conclude_consultation', outcome: '会商确定主办单位', assignment: { leadUnitId, mode: 'direct', catalogueVersion: 3 } };
      }
      case 'progress_note':
        return { type: 'progress_note', text: '已到现场核实' };
      case 'reply':
        return { type: 'reply', text: '已处理完毕并电话告知市民' };
      case 'request_return':
        return { type: 'request_return', reason: s.flag2 ? '不属于本单位职责' : '', basis: '职责目录第 12 项' };
      case 'review_return':
        return s.flag
          ? { type: 'review_return', decision: 'approve', basis: '经核实属实', reassignment: assignment({ ...s, a: s.a + 1 }) }
          : { type: 'review_return', decision: 'reject', basis: '属于该单位职责' };
      case 'raise_dispute':
        return { type: 'raise_dispute', reason: '派单有误', basis: '三定方案' };
      case 'decide_dispute':
        return s.flag
          ? { type: 'decide_dispute', decision: 'reassign', basis: '按三定方案改派', reassignment: assignment({ ...s, a: s.a + 2 }) }
          : { type: 'decide_dispute', decision: 'uphold', basis: '属地管理原则' };
      case 'record_callback':
        return { type: 'record_callback', solved: s.flag, satisfied: s.flag2, reopen: !s.flag && s.flag2, note: '市民表示已处理' };
      case 'answer_directly':
        return { type: 'answer_directly', answer: '已告知办理流程' };
      case 'refer_legal':
        return { type: 'refer_legal', channel: 'litigation', explanation: '属民事纠纷，建议诉讼' };
      case 'transfer_emergency':
        return { type: 'transfer_emergency', service: '120', reason: '来电人突发疾病' };
    }
  })();
  return { command, actor };
}

/**
 * Fixed seed by default so CI is repeatable (the coverage check below needs enough rare paths);
 * explore other sequences with FC_SEED=<n>. The seed is printed either way.
 */
const SEED = Number(process.env.FC_SEED ?? 20261126);

/** Which interesting places the random runs reached; asserted so the generator cannot go stale. */
const reached = new Set<string>();

describe('dispatch state machine (property)', () => {
  it('random command sequences keep every invariant', () => {
    console.log(`dispatch property test: seed ${SEED} (set FC_SEED to change)`);
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80, size: 'max' }), (steps) => {
        let state = createDispatchState('T-1', '7d');
        let now = Date.UTC(2026, 0, 5, 1, 0, 0);
        const received = new Set<string>([HOTLINE_CENTER_UNIT_ID]); // every unit the ticket was ever dispatched to
        let returnsRequested = 0;
        let returnsReviewed = 0;
        for (const s of steps) {
          now += s.dtMin * 60_000;
          const { command, actor } = build(state, s);
          const before = JSON.stringify(state);
          const result = apply(state, command, actor, now);
          expect(JSON.stringify(state)).toBe(before); // never mutates its input
          if (!result.ok) {
            expect(result.reason).toMatch(/[\u4e00-\u9fff]/); // a Chinese reason for the user
            continue;
          }
          const next = result.state;
          expect(checkDispatchInvariants(next)).toEqual([]);
          expect(result.events).toHaveLength(1);
          const event = result.events[0]!;
          expect(event.who.id).toBe(actor.id);
          expect(event.at).toBe(new Date(now).toISOString());
          expect(event.why.trim()).not.toBe('');
          expect(event.seq).toBe(state.seq + 1);
          // A unit acts only on tickets it holds (or a consultation it was invited to).
          if (actor.role === 'unit') {
            const invited = openConsultation(state)?.candidateUnitIds ?? [];
            expect([...assignedUnitIds(state), ...invited]).toContain(actor.unitId);
          }
          // 首接负责: responsibility moves only on the first dispatch or when the new lead accepts.
          if (next.responsibleUnitId !== state.responsibleUnitId) {
            const firstDispatch = state.responsibleUnitId === HOTLINE_CENTER_UNIT_ID && ['dispatch', 'conclude_consultation'].includes(event.type);
            const accepted = event.type === 'accept' && next.responsibleUnitId === actor.unitId;
            expect(firstDispatch || accepted).toBe(true);
          }
          if (next.assignment) received.add(next.assignment.leadUnitId);
          // Exactly one responsible unit, and always one that actually received the ticket.
          expect(received).toContain(next.responsibleUnitId);
          if (event.type === 'request_return') returnsRequested++;
          if (event.type === 'review_return') {
            returnsReviewed++;
            reached.add(`return_${next.returns.at(-1)?.decision?.outcome}`);
            if (next.returns.at(-1)?.decision?.outcome === 'approved') {
              expect(next.assignment!.round).toBe(state.assignment!.round + 1);
              expect(Date.parse(next.assignment!.deadlineAt)).toBe(now + TIME_TIER_MS[next.assignment!.timeTier]); // recomputed from the re-dispatch
            }
          }
          if (event.type === 'decide_dispute') reached.add(`dispute_${next.disputes.at(-1)?.decision?.outcome}`);
          if (next.responsibleUnitId !== HOTLINE_CENTER_UNIT_ID && next.assignment && next.responsibleUnitId !== next.assignment.leadUnitId) reached.add('responsible_kept_by_first_unit');
          reached.add(next.status);
          state = next;
        }
        // Every return is reviewed: all requests have a decision except, at most, the one pending now.
        expect(returnsRequested - returnsReviewed).toBe(openReturn(state) ? 1 : 0);
        expect(state.returns.filter((r) => !r.decision).length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400, seed: SEED },
    );
    for (const place of ['closed', 'answered', 'referred', 'transferred', 'callback', 'return_approved', 'return_rejected', 'dispute_upheld', 'dispute_reassigned', 'responsible_kept_by_first_unit']) {
      expect(reached, `random runs never reached ${place}`).toContain(place);
    }
  });
});
