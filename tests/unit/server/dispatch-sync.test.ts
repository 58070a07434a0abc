/**
 * Dispatch commands through the sync applier: exactly once per mutation, one history entry and one
 * seq per step, refusals recorded on the ticket, and the migration that adds the dispatch tables
 * keeps an existing server's data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { migrateServer, SERVER_MIGRATIONS } from '../../../src/server/db/migrations';
import { applyPush } from '../../../src/server/sync/apply';
import { checkDispatchInvariants, type DispatchState } from '../../../src/shared/dispatch';
import type { AuthUser } from '../../../src/server/auth/accounts';
import { agent, mutation, serverDb, ticketRecord } from './helpers';

const now = new Date('2026-11-26T02:00:00Z');
const dispatcher: AuthUser = { id: 'u-d', username: 'dispatcher1', displayName: '派单审核员一', role: 'dispatcher' };

function state(sqlite: Database.Database, id: string): DispatchState {
  const row = sqlite.prepare('SELECT state FROM ticket_dispatch WHERE ticket_id = ?').get(id) as { state: string };
  const s = JSON.parse(row.state) as DispatchState;
  expect(checkDispatchInvariants(s)).toEqual([]);
  return s;
}

describe('dispatch over sync', () => {
  it('applies a dispatch once, with one history entry and one seq, recording the catalogue version', () => {
    const { db, sqlite } = serverDb();
    const clientId = uuidv7();
    const ticket = ticketRecord({ districtCode: '110105', streetCode: '110105026', title: '小区停水', content: '停水了', timeTier: '24h' });
    applyPush(db, agent, clientId, [mutation(clientId, { type: 'ticket.create', ticket })], now);
    const m = mutation(clientId, {
      type: 'ticket.dispatch',
      ticketId: ticket.id,
      assignment: { leadUnitId: 'en-water', coUnitIds: ['st-110105026'], mode: 'dual', catalogueVersion: 1, entryId: 'H001' },
    });
    const first = applyPush(db, agent, clientId, [m], now);
    expect(first.results[0]).toMatchObject({ status: 'applied', seq: 2 });
    const again = applyPush(db, agent, clientId, [m], now);
    expect(again.results[0]).toMatchObject({ status: 'applied', duplicate: true, seq: 2 });
    expect(again.toSeq).toBe(2);
    expect(sqlite.prepare("SELECT COUNT(*) AS n FROM dispatch_events").get()).toEqual({ n: 1 });
    const s = state(sqlite, ticket.id);
    expect(s.assignment).toMatchObject({ catalogueVersion: 1, entryId: 'H001', leadUnitId: 'en-water' });
    expect(sqlite.prepare('SELECT status, lead_unit_id, catalogue_version, queue FROM ticket_dispatch').get()).toEqual({
      status: 'dispatched',
      lead_unit_id: 'en-water',
      catalogue_version: 1,
      queue: null,
    });
    const event = first.results[0]!.change!.events.at(-1)!;
    expect(event).toMatchObject({ id: m.mutationId, kind: 'dispatch.dispatch' });
    expect(event.summary).toMatch(/双派至 北京市自来水集团有限责任公司，协办：朝阳区望京街道办事处，时限至 2026-11-27 10:00/);
  });

  it('refuses an unknown catalogue version and a status change by ticket.event once in the workflow', () => {
    const { db } = serverDb();
    const clientId = uuidv7();
    const ticket = ticketRecord();
    applyPush(db, agent, clientId, [mutation(clientId, { type: 'ticket.create', ticket })], now);
    const [badVersion, submit, event] = applyPush(
      db,
      dispatcher,
      clientId,
      [
        mutation(clientId, { type: 'ticket.dispatch', ticketId: ticket.id, assignment: { leadUnitId: 'st-110105026', mode: 'direct', catalogueVersion: 9 } }),
        mutation(clientId, { type: 'ticket.workflow', ticketId: ticket.id, action: { type: 'submit' } }),
        mutation(clientId, { type: 'ticket.event', ticketId: ticket.id, eventId: uuidv7(), kind: 'note', summary: '直接答复', data: null, at: now.toISOString(), status: 'answered' }),
      ],
      now,
    ).results;
    expect(badVersion).toMatchObject({ status: 'rejected', code: 'VALIDATION' });
    expect(badVersion!.reason).toMatch(/职责目录第 9 版不存在/);
    expect(submit).toMatchObject({ status: 'applied' });
    expect(event).toMatchObject({ status: 'rejected', code: 'CONFLICT' });
    expect(event!.change!.ticket.status).toBe('to_dispatch');
  });

  it('keeps an existing database’s rows when migrating to the dispatch tables', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-unit-migrate3-'));
    const sqlite = new Database(path.join(dir, 'old.db'));
    migrateServer(sqlite, () => new Date(), SERVER_MIGRATIONS.slice(0, 2));
    sqlite.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at) VALUES ('u1', 'unit1', '单位', 'unit', 'x', 'y')").run();
    expect(migrateServer(sqlite)).toContain(3);
    expect(sqlite.prepare('SELECT username, unit_id FROM users').all()).toEqual([{ username: 'unit1', unit_id: null }]);
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM ticket_dispatch').get()).toEqual({ n: 0 });
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
