/**
 * Unit attachments on a real server: only attachments an accepted reply references count toward the
 * 20-per-ticket limit; a refused reply gives back the slots of the uploads it listed; uploads nobody
 * referenced are swept after the grace period, referenced ones never; a retried upload is idempotent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, dispatchState, Seat, startTestServer, ticketRecord, token, type TestServer } from './support';

let t: TestServer;
let agent: Seat;
const tokens: Record<string, string> = {};
const HOUR = 3600_000;

beforeAll(async () => {
  t = await startTestServer();
  for (const u of ['dispatcher1', 'unit1', 'unit2', 'unit3']) tokens[u] = await token(t.url, u);
  agent = await Seat.connect(t.url, 'agent1');
});

afterAll(async () => {
  agent?.close();
  await t?.close();
});

const unit = (who: string, method: string, pathname: string, body?: unknown) => api(t.url, tokens[who]!, method, pathname, body);

/** A water-outage ticket dispatched to 北京市自来水集团 (unit2) as lead, 望京街道 (unit1) co-handling. */
async function waterTicket(): Promise<string> {
  const ticket = ticketRecord();
  const [, dispatched] = await agent.push(
    { type: 'ticket.create', ticket },
    {
      type: 'ticket.dispatch',
      ticketId: ticket.id,
      assignment: { leadUnitId: 'en-water', coUnitIds: ['st-110105026'], mode: 'dual', catalogueVersion: 1, entryId: 'H001' },
    },
  );
  expect(dispatched, dispatched?.reason ?? '').toMatchObject({ status: 'applied' });
  return ticket.id;
}

async function upload(ticketId: string, text: string, who = 'unit2') {
  return unit(who, 'POST', `/api/unit/tickets/${ticketId}/attachments`, { name: `${text}.txt`, mime: 'text/plain', dataBase64: Buffer.from(text).toString('base64') });
}

async function uploadId(ticketId: string, text: string): Promise<string> {
  const r = await upload(ticketId, text);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.attachment.id as string;
}

async function acceptAndStart(ticketId: string) {
  expect((await unit('unit2', 'POST', `/api/unit/tickets/${ticketId}/accept`, {})).status).toBe(200);
  expect((await unit('unit2', 'POST', `/api/unit/tickets/${ticketId}/start`, {})).status).toBe(200);
}

const rows = (ticketId: string) =>
  (t.server.opened.sqlite.prepare('SELECT id FROM attachments WHERE ticket_id = ? ORDER BY id').all(ticketId) as { id: string }[]).map((r) => r.id);
const stored = (id: string) => fs.existsSync(path.join(t.dir, 'attachments', id));
const download = async (id: string) => (await fetch(`${t.url}/api/attachments/${id}`, { headers: { authorization: `Bearer ${tokens.dispatcher1}` } })).status;

describe('unit attachments and the per-ticket limit', () => {
  it('a refused reply does not use up the limit: 20 uploads, reply refused, then a new upload and reply succeed', async () => {
    const ticketId = await waterTicket();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await uploadId(ticketId, `现场照片 ${i}`));
    // The limit still holds for uploads not yet sent with a reply.
    const over = await upload(ticketId, '第 21 个');
    expect(over.status).toBe(409);
    expect(over.body.error.message).toMatch(/最多 20 个附件/);

    // Not accepted yet: the reply is refused, and the uploads it listed are discarded.
    const refused = await unit('unit2', 'POST', `/api/unit/tickets/${ticketId}/reply`, { text: '已处理', attachmentIds: ids });
    expect(refused.status).toBe(409);
    expect(rows(ticketId)).toEqual([]);
    expect(ids.some(stored)).toBe(false);
    expect(await download(ids[0]!)).toBe(404);

    await acceptAndStart(ticketId);
    const fresh = await uploadId(ticketId, '处理完毕照片');
    const reply = await unit('unit2', 'POST', `/api/unit/tickets/${ticketId}/reply`, { text: '管道已修复', attachmentIds: [fresh] });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(dispatchState(t, ticketId).replies[0]!.attachmentIds).toEqual([fresh]);
    expect(await download(fresh)).toBe(200);
  });

  it('a reply refused for invalid input discards only the uploads it listed; a retry with new uploads works', async () => {
    const ticketId = await waterTicket();
    await acceptAndStart(ticketId);
    const listed = await uploadId(ticketId, 'listed');
    const kept = await uploadId(ticketId, 'kept');
    const empty = await unit('unit2', 'POST', `/api/unit/tickets/${ticketId}/reply`, { text: '', attachmentIds: [listed] });
    expect(empty.status).toBe(400);
    expect(rows(ticketId)).toEqual([kept]);
    expect(stored(listed)).toBe(false);
    // Retrying with the discarded id says so; with a fresh upload it goes through.
    const stale = await unit('unit2', 'POST', `/api/unit/tickets/${ticketId}/reply`, { text: '已处理', attachmentIds: [listed, kept] });
    expect(stale.status).toBe(400);
    expect(stale.body.error.message).toMatch(/不存在或不属于本单位/);
    expect(rows(ticketId)).toEqual([]); // that refusal discarded `kept` too
    const again = await uploadId(ticketId, 'listed');
    const ok = await unit('unit2', 'POST', `/api/unit/tickets/${ticketId}/reply`, { text: '已处理', attachmentIds: [again] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it("another unit's refused reply never discards the lead unit's uploads", async () => {
    const ticketId = await waterTicket();
    const id = await uploadId(ticketId, 'lead upload');
    const foreign = await unit('unit3', 'POST', `/api/unit/tickets/${ticketId}/reply`, { text: '已处理', attachmentIds: [id] });
    expect(foreign.status).toBe(400);
    const co = await unit('unit1', 'POST', `/api/unit/tickets/${ticketId}/reply`, { text: '已处理', attachmentIds: [id] });
    expect(co.status).toBe(400);
    expect(rows(ticketId)).toEqual([id]);
    expect(stored(id)).toBe(true);
  });

  it('uploading the same file again is idempotent and uses no second slot', async () => {
    const ticketId = await waterTicket();
    const first = await upload(ticketId, '同一张照片');
    expect(first.status).toBe(201);
    const second = await upload(ticketId, '同一张照片');
    expect(second.status).toBe(200);
    expect(second.body.attachment.id).toBe(first.body.attachment.id);
    expect(rows(ticketId)).toHaveLength(1);
    // Another name is another attachment.
    const other = await unit('unit2', 'POST', `/api/unit/tickets/${ticketId}/attachments`, { name: '另一名称.txt', mime: 'text/plain', dataBase64: Buffer.from('同一张照片').toString('base64') });
    expect(other.status).toBe(201);
    expect(rows(ticketId)).toHaveLength(2);
  });

  it('the sweep removes uploads nobody referenced after 24 h and keeps referenced ones and recent uploads', async () => {
    const ticketId = await waterTicket();
    await acceptAndStart(ticketId);
    const referenced = await uploadId(ticketId, 'referenced');
    const orphan = await uploadId(ticketId, 'orphan');
    expect((await unit('unit2', 'POST', `/api/unit/tickets/${ticketId}/reply`, { text: '已处理完毕', attachmentIds: [referenced] })).status).toBe(200);

    // Within the grace period nothing goes.
    t.clock.advance(23 * HOUR);
    expect(t.server.sweepAttachments()).not.toContain(orphan);
    const recent = await uploadId(ticketId, 'recent');
    // A stored file without a row (a crash between file and row) is swept too.
    const strayId = '01900000-0000-7000-8000-000000000000';
    fs.writeFileSync(path.join(t.dir, 'attachments', strayId), 'stray');
    fs.utimesSync(path.join(t.dir, 'attachments', strayId), new Date(t.clock.now - 48 * HOUR), new Date(t.clock.now - 48 * HOUR));

    t.clock.advance(2 * HOUR);
    const removed = t.server.sweepAttachments();
    expect(removed).toContain(orphan);
    expect(removed).toContain(strayId);
    expect(removed).not.toContain(referenced);
    expect(removed).not.toContain(recent);
    expect(rows(ticketId).sort()).toEqual([recent, referenced].sort());
    expect(stored(orphan)).toBe(false);
    expect(stored(strayId)).toBe(false);
    expect(await download(orphan)).toBe(404);
    expect(await download(referenced)).toBe(200);

    // Much later the referenced attachment is still there.
    t.clock.advance(30 * 24 * HOUR);
    const later = t.server.sweepAttachments();
    expect(later).toContain(recent);
    expect(later).not.toContain(referenced);
    expect(rows(ticketId)).toEqual([referenced]);
    expect(await download(referenced)).toBe(200);
  });

  it('counts referenced attachments toward the limit across replies', async () => {
    const ticketId = await waterTicket();
    await acceptAndStart(ticketId);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await uploadId(ticketId, `file ${i}`));
    expect((await unit('unit2', 'POST', `/api/unit/tickets/${ticketId}/reply`, { text: '已处理', attachmentIds: ids })).status).toBe(200);
    const full = await upload(ticketId, 'one more');
    expect(full.status).toBe(409);
    expect(full.body.error.message).toMatch(/已随答复提交 20 个/);
    // A refused reply that lists referenced attachments leaves them alone.
    const refused = await unit('unit2', 'POST', `/api/unit/tickets/${ticketId}/reply`, { text: '再次反馈', attachmentIds: ids.slice(0, 3) });
    expect(refused.status).toBe(409);
    expect(rows(ticketId)).toHaveLength(20);
    expect(ids.every(stored)).toBe(true);
  });
});
