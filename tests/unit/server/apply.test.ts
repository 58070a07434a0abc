import { describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { applyPush } from '../../../src/server/sync/apply';
import { COMMAND_HANDLERS } from '../../../src/server/sync/commands';
import { agent, mutation, serverDb, ticketRecord, unitUser } from './helpers';

// 2026-11-26 17:00 UTC is already 11-27 in Beijing.
const now = new Date('2026-11-26T17:00:00Z');

describe('applying pushed commands', () => {
  it('creates a ticket with an official number from the Beijing date and a global seq', () => {
    const { db } = serverDb();
    const clientId = uuidv7();
    const ticket = ticketRecord();
    const out = applyPush(db, agent, clientId, [mutation(clientId, { type: 'ticket.create', ticket })], now);
    const [r] = out.results;
    expect(r).toMatchObject({ status: 'applied', duplicate: false, officialNo: '20261127-000001', seq: 1 });
    expect(r!.change!.ticket).toMatchObject({ id: ticket.id, title: '路灯不亮', version: 1, clientId });
    expect(r!.change!.events.map((e) => e.kind)).toEqual(['created']);
    expect(out).toMatchObject({ fromSeq: 0, toSeq: 1 });
    expect(out.changes).toHaveLength(1);
  });

  it('applies a resent command once and answers it with the same result', () => {
    const { db, sqlite } = serverDb();
    const clientId = uuidv7();
    const m = mutation(clientId, { type: 'ticket.create', ticket: ticketRecord() });
    const first = applyPush(db, agent, clientId, [m], now).results[0]!;
    const again = applyPush(db, agent, clientId, [m, m], now);
    for (const r of again.results) {
      expect(r).toMatchObject({ status: 'applied', duplicate: true, officialNo: first.officialNo, seq: first.seq });
    }
    expect(again.changes).toHaveLength(0); // nothing new to fan out
    expect(again.toSeq).toBe(again.fromSeq);
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM tickets').get()).toEqual({ n: 1 });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM ticket_events').get()).toEqual({ n: 1 });
  });

  it('numbers tickets per day in sequence', () => {
    const { db } = serverDb();
    const clientId = uuidv7();
    const batch = [1, 2, 3].map(() => mutation(clientId, { type: 'ticket.create', ticket: ticketRecord() }));
    const numbers = applyPush(db, agent, clientId, batch, now).results.map((r) => r.officialNo);
    expect(numbers).toEqual(['20261127-000001', '20261127-000002', '20261127-000003']);
    const nextDay = applyPush(db, agent, clientId, [mutation(clientId, { type: 'ticket.create', ticket: ticketRecord() })], new Date('2026-11-27T16:00:00Z'));
    expect(nextDay.results[0]!.officialNo).toBe('20261128-000001');
  });

  it('rejects a stale edit with a Chinese reason and records the refusal in the history', () => {
    const { db } = serverDb();
    const a = uuidv7();
    const b = uuidv7();
    const ticket = ticketRecord();
    applyPush(db, agent, a, [mutation(a, { type: 'ticket.create', ticket })], now);
    const edit = (clientId: string, title: string) =>
      mutation(clientId, { type: 'ticket.edit', ticketId: ticket.id, baseVersion: 1, changes: { title } });
    expect(applyPush(db, agent, a, [edit(a, '甲改的')], now).results[0]).toMatchObject({ status: 'applied' });
    const late = applyPush(db, agent, b, [edit(b, '乙改的')], now);
    const r = late.results[0]!;
    expect(r).toMatchObject({ status: 'rejected', code: 'STALE' });
    expect(r.reason).toContain('已被他人修改');
    expect(r.change!.ticket.title).toBe('甲改的');
    expect(r.change!.events.map((e) => e.kind)).toEqual(['created', 'edited', 'rejected']);
    expect(late.changes).toHaveLength(1); // other clients see the refusal too
  });

  it("accepts a client's own chain of offline edits, and refuses the whole chain after someone else's edit", () => {
    const { db } = serverDb();
    const a = uuidv7();
    const b = uuidv7();
    const ticket = ticketRecord();
    applyPush(db, agent, a, [mutation(a, { type: 'ticket.create', ticket })], now);
    const edit = (clientId: string, baseVersion: number, title: string) =>
      mutation(clientId, { type: 'ticket.edit', ticketId: ticket.id, baseVersion, changes: { title } });
    // A edits twice offline, both against version 1 (the last version A saw from the server).
    const own = applyPush(db, agent, a, [edit(a, 1, '甲一'), edit(a, 1, '甲二')], now).results;
    expect(own.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(own[1]!.change!.ticket).toMatchObject({ title: '甲二', version: 3 });
    // B edited version 1 offline too: every edit of B's chain is refused, not just the first.
    const chain = applyPush(db, agent, b, [edit(b, 1, '乙一'), edit(b, 1, '乙二')], now).results;
    expect(chain.map((r) => r.code)).toEqual(['STALE', 'STALE']);
    // Having seen version 3, B's next edit goes through.
    expect(applyPush(db, agent, b, [edit(b, 3, '乙三')], now).results[0]).toMatchObject({ status: 'applied' });
    // A version the server never had is refused too.
    expect(applyPush(db, agent, a, [edit(a, 9, '未来')], now).results[0]).toMatchObject({ code: 'STALE' });
  });

  it('rejects what the role may not do, and commands of another client id', () => {
    const { db } = serverDb();
    const clientId = uuidv7();
    const byUnit = applyPush(db, unitUser, clientId, [mutation(clientId, { type: 'ticket.create', ticket: ticketRecord() })], now);
    expect(byUnit.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    expect(byUnit.results[0]!.reason).toContain('承办单位');
    const foreign = applyPush(db, agent, clientId, [mutation(uuidv7(), { type: 'ticket.create', ticket: ticketRecord() })], now);
    expect(foreign.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
  });

  it('answers malformed commands one by one without affecting the valid ones in the batch', () => {
    const { db } = serverDb();
    const clientId = uuidv7();
    const good = mutation(clientId, { type: 'ticket.create', ticket: ticketRecord() });
    const out = applyPush(db, agent, clientId, [null, 42, { mutationId: 'x' }, mutation(clientId, { type: 'ticket.fly' }), good], now);
    expect(out.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'applied']);
    for (const r of out.results.slice(0, 4)) {
      expect(r.code).toBe('VALIDATION');
      expect(r.reason).toMatch(/命令格式不正确/);
    }
  });

  it('fails the whole batch, recording nothing, when the disk fails (the client resends later)', () => {
    const { db, sqlite } = serverDb();
    const clientId = uuidv7();
    const m = mutation(clientId, { type: 'ticket.create', ticket: ticketRecord() });
    sqlite.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON tickets BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    // RAISE gives SQLITE_CONSTRAINT: a bug-like failure, refused and recorded, never applied.
    expect(applyPush(db, agent, clientId, [m], now).results[0]).toMatchObject({ status: 'rejected', code: 'INTERNAL' });
    sqlite.exec('DROP TRIGGER disk_full');
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const other = mutation(clientId, { type: 'ticket.create', ticket: ticketRecord() });
    const spy = vi.spyOn(COMMAND_HANDLERS['ticket.create'], 'apply').mockImplementationOnce(() => {
      throw full;
    });
    expect(() => applyPush(db, agent, clientId, [other], now)).toThrow(/disk is full/);
    spy.mockRestore();
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM applied_mutations WHERE mutation_id = ?').get(other.mutationId)).toEqual({ n: 0 });
    expect(applyPush(db, agent, clientId, [other], now).results[0]).toMatchObject({ status: 'applied', duplicate: false });
  });

  it('refuses to create a ticket already in the dispatch workflow', () => {
    const { db } = serverDb();
    const clientId = uuidv7();
    const out = applyPush(db, agent, clientId, [mutation(clientId, { type: 'ticket.create', ticket: ticketRecord({ status: 'closed' }) })], now);
    expect(out.results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION', reason: expect.stringMatching(/状态不合法/) });
  });

  it('rejects edits and events for a ticket the server does not have', () => {
    const { db } = serverDb();
    const clientId = uuidv7();
    const ticketId = uuidv7();
    const out = applyPush(
      db,
      agent,
      clientId,
      [
        mutation(clientId, { type: 'ticket.edit', ticketId, baseVersion: 1, changes: { title: 'x' } }),
        mutation(clientId, { type: 'ticket.event', ticketId, eventId: uuidv7(), kind: 'note', summary: '备注', data: null, at: 'x' }),
      ],
      now,
    );
    expect(out.results.map((r) => r.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(out.results[0]!.change).toBeNull();
  });
});
