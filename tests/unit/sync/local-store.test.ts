import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../../../src/main/core/db/open';
import { createLocalStore } from '../../../src/main/core/sync/local-store';
import type { Change } from '../../../src/shared/sync-wire';

function client() {
  const opened = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-unit-sync-')));
  const clientId = uuidv7();
  return { ...opened, clientId, store: createLocalStore(opened.sqlite, clientId) };
}

function change(seq: number, overrides: Partial<Change['ticket']> = {}, events: Change['events'] = []): Change {
  const id = overrides.id ?? uuidv7();
  return {
    seq,
    ticket: {
      id,
      provisionalNo: '离线-0001',
      officialNo: `20261126-${String(seq).padStart(6, '0')}`,
      clientId: uuidv7(),
      status: 'recorded',
      channel: 'phone',
      appealType: '咨询',
      categoryPath: 'a/b/c',
      timeTier: '7d',
      title: '标题',
      content: '内容',
      callerPhone: null,
      callerName: '',
      anonymous: true,
      isEnterprise: false,
      enterpriseName: '',
      districtCode: null,
      streetCode: null,
      address: '',
      createdAt: '2026-11-26T00:00:00.000Z',
      createdBy: 'x@A01',
      updatedAt: '2026-11-26T00:00:00.000Z',
      version: 1,
      seq,
      ...overrides,
    },
    events: events.length ? events : [{ id, ticketId: id, at: 'x', actor: 'x', kind: 'created', summary: '登记', data: null }],
  };
}

describe('client-side application of server changes', () => {
  it('is idempotent and ignores an older snapshot than the one it has', () => {
    const { sqlite, store } = client();
    const c1 = change(5);
    for (let i = 0; i < 3; i++) sqlite.transaction(() => store.applyChange(c1, new Set()))();
    const c0 = change(3, { id: c1.ticket.id, title: '旧的' });
    expect(sqlite.transaction(() => store.applyChange(c0, new Set()))()).toBe(false);
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM tickets').get()).toEqual({ n: 1 });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM ticket_events').get()).toEqual({ n: 1 });
    expect(sqlite.prepare('SELECT title, sync_state FROM tickets').get()).toEqual({ title: '标题', sync_state: 'synced' });
  });

  it("keeps other clients' provisional numbers apart from its own", () => {
    const { sqlite, store } = client();
    sqlite.transaction(() => {
      store.applyChange(change(1), new Set());
      store.applyChange(change(2), new Set()); // the same 离线-0001 from another client
    })();
    const numbers = sqlite.prepare('SELECT provisional_no FROM tickets').all() as { provisional_no: string }[];
    expect(numbers.every((n) => n.provisional_no.startsWith('离线-0001@'))).toBe(true);
  });
});

describe('corrupt outbox entries', () => {
  it('are quarantined with a reason and do not block the entries behind them', () => {
    const { sqlite, store, clientId } = client();
    const insert = sqlite.prepare('INSERT INTO outbox(mutation_id, type, payload, created_at) VALUES(?, ?, ?, ?)');
    insert.run(uuidv7(), 'ticket.create', '{not json', 'x');
    insert.run(uuidv7(), 'ticket.edit', JSON.stringify({ type: 'ticket.edit', ticketId: 'nope' }), 'x');
    const good = uuidv7();
    insert.run(good, 'ticket.event', JSON.stringify({ type: 'ticket.event', ticketId: uuidv7(), eventId: uuidv7(), kind: 'note', summary: 's', data: null, at: 'x' }), 'x');
    const batch = store.readBatch(10);
    expect(batch.map((b) => ('invalid' in b ? 'invalid' : 'ok'))).toEqual(['invalid', 'invalid', 'ok']);
    for (const b of batch) if ('invalid' in b) store.quarantine(b.row, b.invalid);
    const next = store.readBatch(10);
    expect(next).toHaveLength(1);
    expect('mutation' in next[0]! && next[0].mutation).toMatchObject({ mutationId: good, clientId });
    expect(store.quarantinedCount()).toBe(2);
    const reasons = sqlite.prepare('SELECT last_error FROM outbox WHERE quarantined = 1').all() as { last_error: string }[];
    expect(reasons.map((r) => r.last_error)).toEqual([expect.stringContaining('JSON'), expect.stringContaining('格式')]);
  });
});
