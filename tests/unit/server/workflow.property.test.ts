/**
 * Property test of the server's dispatch workflow (not just the pure machine): random steps by
 * random server accounts against a real database. After every step the stored document obeys every
 * invariant, its queryable columns agree with it (status on the ticket and in ticket_dispatch, lead
 * unit, queue), an applied step adds exactly one history entry with the next seq, and a refused step
 * changes nothing at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { AuthUser } from '../../../src/server/auth/accounts';
import { dispatchDomain } from '../../../src/server/dispatch';
import { Rejection } from '../../../src/server/sync/rejection';
import { serverStore } from '../../../src/server/sync/store';
import { DispatchCommand, checkDispatchInvariants, dispatchQueueOf, type DispatchCommandInput, type DispatchState } from '../../../src/shared/dispatch';
import { serverDb, ticketRecord } from './helpers';

const UNITS = ['st-110105026', 'en-water', 'mu-cgzf', 'mu-zjw'];
const USERS: AuthUser[] = [
  { id: 'a', username: 'agent1', displayName: '话务员一', role: 'agent' },
  { id: 'd', username: 'dispatcher1', displayName: '派单审核员一', role: 'dispatcher' },
  ...UNITS.map((u, i) => ({ id: `u${i}`, username: `unit${i}`, displayName: `承办人${i}`, role: 'unit' as const, unitId: u })),
];
const pick = <T,>(xs: readonly T[], n: number): T => xs[n % xs.length]!;

function command(kind: number, a: number, b: number, flag: boolean): DispatchCommandInput {
  const assignment = flag
    ? { leadUnitId: pick(UNITS, a), coUnitIds: [pick(UNITS, a + 1)], mode: 'dual' as const, catalogueVersion: 1 }
    : { leadUnitId: pick(UNITS, a), mode: 'direct' as const, catalogueVersion: 1 };
  const all: DispatchCommandInput[] = [
    { type: 'submit' },
    { type: 'dispatch', assignment },
    { type: 'accept' },
    { type: 'accept' },
    { type: 'start_handling' },
    { type: 'reply', text: '已处理' },
    { type: 'request_return', reason: '非本单位职责', basis: '职责目录' },
    flag ? { type: 'review_return', decision: 'approve', basis: '属实', reassignment: { ...assignment, leadUnitId: pick(UNITS, b) } } : { type: 'review_return', decision: 'reject', basis: '属本单位' },
    { type: 'raise_dispute', reason: '派错了', basis: '三定方案' },
    flag ? { type: 'decide_dispute', decision: 'reassign', basis: '改派', reassignment: { ...assignment, leadUnitId: pick(UNITS, b) } } : { type: 'decide_dispute', decision: 'uphold', basis: '维持' },
    { type: 'open_consultation', candidateUnitIds: [pick(UNITS, a), pick(UNITS, a + 1)], topic: '职责不清' },
    { type: 'conclude_consultation', outcome: '定了', assignment },
    { type: 'start_callback' },
    { type: 'record_callback', solved: flag, satisfied: flag, note: '回访' },
  ];
  return pick(all, kind);
}

const UNIT_STEPS = new Set(['accept', 'start_handling', 'reply', 'request_return', 'raise_dispute', 'consultation_message']);
const STAFF_OF: Record<string, AuthUser> = { submit: USERS[0]!, start_callback: USERS[0]!, record_callback: USERS[0]! };

/** Mostly the plausible account for the step (a unit that holds the ticket, staff for staff steps); sometimes anyone. */
function actorFor(type: string, who: number, row: { state: string } | undefined): AuthUser {
  if (who % 5 === 0) return pick(USERS, who);
  if (!UNIT_STEPS.has(type)) return STAFF_OF[type] ?? USERS[1]!;
  const state = row ? (JSON.parse(row.state) as DispatchState) : null;
  const holders = state?.assignment ? [state.assignment.leadUnitId, ...state.assignment.coUnitIds] : UNITS;
  const unitId = pick(who % 3 === 0 ? holders : holders.slice(0, 1), who);
  return USERS.find((u) => u.unitId === unitId)!;
}

const SEED = Number(process.env.FC_SEED ?? 5);

describe('server dispatch workflow (property)', () => {
  it('keeps the stored document, its columns and the history consistent under random steps', () => {
    console.log(`server workflow property test: seed ${SEED} (set FC_SEED to change)`);
    const { db, sqlite } = serverDb();
    const store = serverStore(db);
    const { workflow } = dispatchDomain(db);
    const count = (sql: string, id: string) => (sqlite.prepare(sql).get(id) as { n: number }).n;
    let applied = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 40, size: 'max' }), (steps) => {
        const ticket = ticketRecord({ districtCode: '110105', streetCode: '110105026' });
        store.insertTicket({ ...ticket, anonymous: 0, isEnterprise: 0, officialNo: uuidv7(), clientId: 'c', receivedAt: 'x', updatedAt: 'x', version: 1, seq: store.nextSeq() });
        let clock = Date.parse('2026-11-26T02:00:00Z');
        for (const [kind, who, a, b, flag] of steps) {
          clock += 10 * 60_000;
          const parsed = DispatchCommand.safeParse(command(kind, a, b, flag));
          if (!parsed.success) continue; // schema-invalid commands never reach the workflow (sync validates first)
          const cmd = parsed.data;
          const user = actorFor(cmd.type, who, sqlite.prepare('SELECT state FROM ticket_dispatch WHERE ticket_id = ?').get(ticket.id) as { state: string } | undefined);
          const before = { events: count('SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = ?', ticket.id), seq: store.headSeq() };
          const snapshot = sqlite.prepare('SELECT state FROM ticket_dispatch WHERE ticket_id = ?').get(ticket.id);
          try {
            db.transaction(() => workflow.run(store, ticket.id, cmd, user, new Date(clock), uuidv7()));
            applied++;
            expect(count('SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = ?', ticket.id)).toBe(before.events + 1);
            expect(store.headSeq()).toBe(before.seq + 1);
          } catch (error) {
            if (!(error instanceof Rejection)) throw error;
            expect(error.reason).toMatch(/[\u4e00-\u9fff]/);
            expect(store.headSeq()).toBe(before.seq);
            expect(sqlite.prepare('SELECT state FROM ticket_dispatch WHERE ticket_id = ?').get(ticket.id)).toEqual(snapshot);
            continue;
          }
          const row = sqlite.prepare('SELECT d.*, t.status AS ticket_status FROM ticket_dispatch d JOIN tickets t ON t.id = d.ticket_id WHERE d.ticket_id = ?').get(ticket.id) as Record<string, unknown>;
          const state = JSON.parse(row.state as string) as DispatchState;
          expect(checkDispatchInvariants(state)).toEqual([]);
          expect(row.ticket_status).toBe(state.status);
          expect(row.status).toBe(state.status);
          expect(row.responsible_unit_id).toBe(state.responsibleUnitId);
          expect(row.lead_unit_id).toBe(state.assignment?.leadUnitId ?? null);
          expect(row.queue).toBe(dispatchQueueOf(state));
          const leads = sqlite.prepare("SELECT unit_id FROM dispatch_unit_links WHERE ticket_id = ? AND relation = 'lead'").all(ticket.id) as { unit_id: string }[];
          expect(leads.map((l) => l.unit_id)).toEqual(state.assignment ? [state.assignment.leadUnitId] : []);
        }
      }),
      { numRuns: 60, seed: SEED },
    );
    expect(applied).toBeGreaterThan(100); // the generator reaches real transitions, not only refusals
  });
});
