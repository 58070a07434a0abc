/**
 * The whole client core against a real central server on 127.0.0.1: sign-in (online, wrong
 * password, offline against the local verifier), tickets numbered by the server, two agents
 * seeing each other's tickets, and offline work converging once the server is back.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHotlineServer, type HotlineServer } from '../../../src/server/app';
import { createClientCore, type ClientCore } from '../../../src/main/core/client-core';
import { createAssistProvider } from '../../../src/main/core/assist-provider';
import type { CatalogueMatch } from '../../../src/shared/contract';
import type { TicketDetail, TicketSummary } from '../../../src/shared/contract';
import { tempDir } from '../../helpers/temp-dir';
import { sampleAppeal } from '../../helpers/appeals';

const PASSWORD = 'demo-password-123';
const servers: HotlineServer[] = [];
const cores: ClientCore[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const server of servers.splice(0)) await server.close();
});

async function server(dataDir = tempDir(), port = 0) {
  const s = await startHotlineServer({ dataDir, port, host: '127.0.0.1', demoPassword: PASSWORD });
  servers.push(s);
  return s;
}

function client(serverUrl: string, dataDir = tempDir()) {
  const core = createClientCore({ dataDir, mode: 'web', version: 'test', serverUrl, assist: createAssistProvider() });
  cores.push(core);
  return core;
}

async function value<T>(promise: Promise<{ ok: boolean }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result));
  return (result as { ok: true; value: T }).value;
}

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('client core with the central server', () => {
  it('signs in, saves a ticket that the server numbers, and another agent sees it', async () => {
    const s = await server();
    const a = client(s.url);
    const b = client(s.url);
    const wrong = await a.handle('session.signIn', { username: 'agent1', password: 'nope', seat: 'A-01' });
    expect(wrong).toMatchObject({ ok: false, error: { fieldErrors: { password: expect.any(String) } } });
    const session = await value<{ agentName: string; role: string; offline: boolean }>(a.handle('session.signIn', { username: 'agent1', password: PASSWORD, seat: 'A-01' }));
    expect(session).toMatchObject({ agentName: '话务员一', role: 'agent', offline: false });
    await value(b.handle('session.signIn', { username: 'agent2', password: PASSWORD, seat: 'A-02' }));

    const created = await value<TicketDetail>(a.handle('tickets.create', { appeal: sampleAppeal({ title: '楼道漏水' }) }));
    expect(created.number).toMatch(/^离线-/);
    const numbered = await eventually(
      () => value<TicketDetail>(a.handle('tickets.get', { id: created.id })),
      (t) => t.officialNumber !== null && t.syncState === 'synced',
    );
    expect(numbered.number).toMatch(/^\d{8}-\d{6}$/);
    expect(await value(a.handle('sync.status', {}))).toMatchObject({ pending: 0 });

    const seenByB = await eventually(
      () => value<TicketSummary[]>(b.handle('tickets.list', { text: '楼道漏水' })),
      (rows) => rows.length === 1,
    );
    expect(seenByB[0]).toMatchObject({ id: created.id, number: numbered.number, callerPhoneMasked: '138****5678' });
  });

  it('shows one agent’s edit to the other, and refuses a concurrent edit as stale with its reason', async () => {
    const s = await server();
    const a = client(s.url);
    const b = client(s.url);
    await value(a.handle('session.signIn', { username: 'agent1', password: PASSWORD, seat: 'A-01' }));
    await value(b.handle('session.signIn', { username: 'agent2', password: PASSWORD, seat: 'A-02' }));
    const created = await value<TicketDetail>(a.handle('tickets.create', { appeal: sampleAppeal({ title: '井盖缺失' }) }));
    await eventually(() => value<TicketSummary[]>(b.handle('tickets.list', { text: '井盖缺失' })), (rows) => rows.length === 1 && rows[0]!.syncState === 'synced');

    await value(a.handle('tickets.edit', { id: created.id, changes: { title: '井盖缺失（路口东侧）' } }));
    const seen = await eventually(
      () => value<TicketDetail>(b.handle('tickets.get', { id: created.id })),
      (t) => t.title === '井盖缺失（路口东侧）',
    );
    expect(seen.events.map((e) => e.kind)).toContain('edited');

    // Both edit the same version while the server is down: whoever reaches it first wins, the
    // other edit is refused as stale, and that agent sees why (never silently overwritten).
    const serverDir = path.dirname(s.opened.file);
    const port = Number(new URL(s.url).port);
    await s.close();
    servers.splice(servers.indexOf(s), 1);
    await value(a.handle('tickets.edit', { id: created.id, changes: { timeTier: '24h' } }));
    await value(b.handle('tickets.edit', { id: created.id, changes: { timeTier: '2h' } }));
    await server(serverDir, port);
    const [ta, tb] = await eventually(
      async () => [await value<TicketDetail>(a.handle('tickets.get', { id: created.id })), await value<TicketDetail>(b.handle('tickets.get', { id: created.id }))],
      ([x, y]) => x!.timeTier === y!.timeTier && [x!, y!].every((t) => t.syncState !== 'pending') && [x!, y!].some((t) => t.syncState === 'rejected'),
      20_000,
    );
    const loser = ta!.syncState === 'rejected' ? ta! : tb!;
    expect(loser.syncError).toBeTruthy();
    expect(loser.events.some((e) => e.kind === 'rejected')).toBe(true);
  });

  it('keeps working offline and converges exactly once when the server comes back', async () => {
    const serverDir = tempDir();
    const first = await server(serverDir);
    const url = first.url;
    const port = Number(new URL(url).port);
    const clientDir = tempDir();
    let a = client(url, clientDir);
    await value(a.handle('session.signIn', { username: 'agent1', password: PASSWORD, seat: 'A-01' }));
    await a.close();
    cores.splice(cores.indexOf(a), 1);
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    // Server down: the agent restarts the app and signs in against this machine's verifier.
    a = client(url, clientDir);
    await value(a.handle('session.signOut', {}));
    const wrong = await a.handle('session.signIn', { username: 'agent1', password: 'bad-password', seat: 'A-01' });
    expect(wrong).toMatchObject({ ok: false, error: { fieldErrors: { password: '密码不对（离线登录）' } } });
    const offline = await value<{ offline: boolean }>(a.handle('session.signIn', { username: 'agent1', password: PASSWORD, seat: 'A-01' }));
    expect(offline.offline).toBe(true);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await value<TicketDetail>(a.handle('tickets.create', { appeal: sampleAppeal({ title: `离线工单${i}` }) }))).id);
    expect(await value(a.handle('sync.status', {}))).toMatchObject({ pending: 5 });

    // Server back on the same port and data: everything arrives once and gets its number.
    const again = await server(serverDir, port);
    const rows = await eventually(
      () => value<TicketSummary[]>(a.handle('tickets.list', { text: '离线工单' })),
      (list) => list.length === 5 && list.every((t) => t.officialNumber && t.syncState === 'synced'),
      20_000,
    );
    expect(new Set(rows.map((t) => t.number)).size).toBe(5);
    const onServer = again.opened.sqlite.prepare(`SELECT COUNT(*) AS n FROM tickets WHERE title LIKE '离线工单%'`).get() as { n: number };
    expect(onServer.n).toBe(5);
    expect(await value(a.handle('sync.status', {}))).toMatchObject({ pending: 0 });
  });

  it('dispatches a recorded appeal by the catalogue with one call, and the server confirms it', async () => {
    const s = await server();
    const a = client(s.url);
    await value(a.handle('session.signIn', { username: 'agent1', password: PASSWORD, seat: 'A-01' }));
    const ticket = await value<TicketDetail>(
      a.handle('tickets.create', {
        appeal: sampleAppeal({
          title: '小区停水',
          content: '望京西园三区从昨天晚上开始停水，到现在还没来水，家里老人没法做饭。',
          categoryPath: '城乡建设/城市建设和市政管理/自来水供应',
          timeTier: '24h',
        }),
      }),
    );
    const matches = await value<CatalogueMatch[]>(a.handle('dispatch.suggest', { ticketId: ticket.id }));
    expect(matches[0]!.unitName).toMatch(/自来水/);
    const bogus = await a.handle('dispatch.send', { ticketId: ticket.id, entryId: 'no-such-entry' });
    expect(bogus).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const sent = await value<TicketDetail>(a.handle('dispatch.send', { ticketId: ticket.id, entryId: matches[0]!.entryId }));
    expect(sent.status).toBe('dispatched');
    expect(sent.events.at(-1)!.summary).toMatch(/自来水.*待服务器确认/);
    // The server runs the state machine and sends back its own history entry (same id, no "待确认").
    const confirmed = await eventually(
      () => value<TicketDetail>(a.handle('tickets.get', { id: ticket.id })),
      (t) => t.syncState === 'synced' && t.events.some((e) => e.kind.startsWith('dispatch') && !e.summary.includes('待服务器确认')),
    );
    expect(confirmed.status).toBe('dispatched');
    expect(confirmed.events.filter((e) => e.kind.startsWith('dispatch'))).toHaveLength(1);

    // A second dispatch of the same ticket is refused locally: it is no longer 待派.
    expect(await a.handle('dispatch.send', { ticketId: ticket.id, entryId: matches[0]!.entryId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('closes a 咨询 answered on the call without dispatch', async () => {
    const s = await server();
    const a = client(s.url);
    await value(a.handle('session.signIn', { username: 'agent1', password: PASSWORD, seat: 'A-01' }));
    const ticket = await value<TicketDetail>(a.handle('tickets.create', { appeal: sampleAppeal({ appealType: '咨询', title: '社保卡补办', content: '社保卡丢了怎么补办？' }) }));
    const empty = await a.handle('tickets.closeWithoutDispatch', { ticketId: ticket.id, closure: { type: 'answer_directly', answer: ' ' } });
    expect(empty).toMatchObject({ ok: false, error: { fieldErrors: { 'closure.answer': '请填写答复内容' } } });
    await value(a.handle('tickets.closeWithoutDispatch', { ticketId: ticket.id, closure: { type: 'answer_directly', answer: '携带身份证到任一社保经办网点或银行网点补办。' } }));
    const closed = await eventually(
      () => value<TicketDetail>(a.handle('tickets.get', { id: ticket.id })),
      (t) => t.syncState === 'synced' && t.status === 'answered' && !t.events.some((e) => e.summary.includes('待服务器确认')),
    );
    expect(closed.events.map((e) => e.summary).join('\n')).toMatch(/社保经办网点/);
  });

  it('picks up a newly published catalogue version, dispatches under it, and keeps it for offline use', async () => {
    const serverDir = tempDir();
    const s = await server(serverDir);
    const clientDir = tempDir();
    let a = client(s.url, clientDir);
    await value(a.handle('session.signIn', { username: 'agent1', password: PASSWORD, seat: 'A-01' }));
    const ticket = await value<TicketDetail>(
      a.handle('tickets.create', { appeal: sampleAppeal({ title: '共享单车堆满小区门口', content: '望京西园三区门口的共享单车乱停乱放，堆满了人行道，进出不便。', categoryPath: '交通运输/建设管理/其他' }) }),
    );
    // An admin publishes version 2 with a new matter for shared bikes.
    const login = await fetch(`${s.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const admin = ((await login.json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const put = await fetch(`${s.url}/api/catalogue/draft/entries/T900`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ matter: '共享单车乱停放', categoryPath: '交通运输', keywords: ['共享单车', '乱停乱放'], responsible: 'street', coHandling: null, dispatchMode: 'direct', timeTier: '7d', legalBasis: '《北京市非机动车管理条例》' }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const published = await fetch(`${s.url}/api/catalogue/publish`, { method: 'POST', headers: auth, body: JSON.stringify({ note: '新增共享单车事项' }) });
    expect(((await published.json()) as { version: number }).version).toBe(2);

    const matches = await eventually(
      () => value<CatalogueMatch[]>(a.handle('dispatch.suggest', { ticketId: ticket.id })),
      (list) => list.some((m) => m.entryId === 'T900'),
    );
    const bikes = matches.find((m) => m.entryId === 'T900')!;
    expect(bikes).toMatchObject({ catalogueVersion: 2, unitName: expect.stringMatching(/望京/) });
    await value(a.handle('dispatch.send', { ticketId: ticket.id, entryId: 'T900' }));
    await eventually(
      () => value<TicketDetail>(a.handle('tickets.get', { id: ticket.id })),
      (t) => t.syncState === 'synced' && t.events.some((e) => e.kind.startsWith('dispatch') && !e.summary.includes('待服务器确认')),
    );

    // Offline restart: the seat still dispatches against version 2 from its cache.
    await a.close();
    cores.splice(cores.indexOf(a), 1);
    await s.close();
    servers.splice(servers.indexOf(s), 1);
    a = client('http://127.0.0.1:9', clientDir);
    const second = await value<TicketDetail>(a.handle('tickets.create', { appeal: sampleAppeal({ title: '共享单车又堆满了', content: '望京西园三区门口共享单车乱停乱放。', categoryPath: '交通运输/建设管理/其他' }) }));
    const offlineMatches = await value<CatalogueMatch[]>(a.handle('dispatch.suggest', { ticketId: second.id }));
    expect(offlineMatches.find((m) => m.entryId === 'T900')?.catalogueVersion).toBe(2);
  });

  it('shows the agent’s seat state to team leads', async () => {
    const s = await server();
    const a = client(s.url);
    await value(a.handle('session.signIn', { username: 'agent1', password: PASSWORD, seat: 'A-07' }));
    const login = await fetch(`${s.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lead1', password: PASSWORD }) });
    const lead = ((await login.json()) as { token: string }).token;
    const board = async () => {
      const res = await fetch(`${s.url}/api/seats`, { headers: { authorization: `Bearer ${lead}` } });
      return ((await res.json()) as { seats: Array<{ seat: string; state: string; displayName: string }> }).seats;
    };
    await eventually(board, (seats) => seats.some((x) => x.seat === 'A-07' && x.state === 'ready'));
    expect(await a.handle('seat.setState', { state: 'wrap_up' })).toEqual({ ok: true, value: { state: 'wrap_up' } });
    const seats = await eventually(board, (list) => list.some((x) => x.seat === 'A-07' && x.state === 'wrap_up'));
    expect(seats.find((x) => x.seat === 'A-07')).toMatchObject({ displayName: '话务员一' });
    expect(await a.handle('seat.setState', { state: 'offline' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await a.handle('seat.current', {})).toEqual({ ok: true, value: { state: 'wrap_up' } });
  });

  it('syncs a one-key 119 transfer with its record to the server', async () => {
    const s = await server();
    const a = client(s.url);
    const b = client(s.url);
    await value(a.handle('session.signIn', { username: 'agent1', password: PASSWORD, seat: 'A-01' }));
    await value(b.handle('session.signIn', { username: 'lead1', password: PASSWORD, seat: 'L-01' }));
    const instructions = await value<{ ticketId: string }>(
      a.handle('emergency.record', {
        draftId: 'd-fire', ticketId: null, action: 'transfer', service: '119', kind: '火灾', trigger: '着火了', reason: '',
        textSnapshot: '楼下饭馆着火了', appeal: { content: '楼下饭馆着火了，冒黑烟', callerPhone: '13812345678' }, manual: false,
      }),
    );
    const onLead = await eventually(
      () => value<TicketSummary[]>(b.handle('tickets.list', {})),
      (rows) => rows.some((t) => t.id === instructions.ticketId && t.officialNumber !== null),
    );
    expect(onLead.find((t) => t.id === instructions.ticketId)).toMatchObject({ status: 'transferred', timeTier: '2h' });
    const detail = await value<TicketDetail>(b.handle('tickets.get', { id: instructions.ticketId }));
    expect(detail.events.find((e) => e.kind === 'emergency_transfer')?.summary).toMatch(/119.*着火了/);
  });

  it('keeps syncing across a restart after an offline sign-in, and a failed sign-in does not stop the working agent', async () => {
    const serverDir = tempDir();
    let s = await server(serverDir);
    const port = Number(new URL(s.url).port);
    const clientDir = tempDir();
    let a = client(s.url, clientDir);
    await value(a.handle('session.signIn', { username: 'agent1', password: PASSWORD, seat: 'A-01' }));
    await a.close();
    cores.splice(cores.indexOf(a), 1);
    await s.close();
    servers.splice(servers.indexOf(s), 1);

    // Offline sign-in; then the server comes back and the engine signs in by itself.
    a = client(`http://127.0.0.1:${port}`, clientDir);
    await value(a.handle('session.signOut', {}));
    expect(await value<{ offline: boolean }>(a.handle('session.signIn', { username: 'agent1', password: PASSWORD, seat: 'A-01' }))).toMatchObject({ offline: true });
    s = await server(serverDir, port);
    const first = await value<TicketDetail>(a.handle('tickets.create', { appeal: sampleAppeal({ title: '重启前的工单' }) }));
    await eventually(() => value<TicketDetail>(a.handle('tickets.get', { id: first.id })), (t) => t.officialNumber !== null);

    // A wrong password for another account must not stop agent1's sync.
    const wrong = await a.handle('session.signIn', { username: 'agent2', password: 'wrong-password', seat: 'A-01' });
    expect(wrong.ok).toBe(false);

    // Restart: the token the engine got is kept, so syncing resumes with no password.
    await a.close();
    cores.splice(cores.indexOf(a), 1);
    a = client(s.url, clientDir);
    const second = await value<TicketDetail>(a.handle('tickets.create', { appeal: sampleAppeal({ title: '重启后的工单' }) }));
    const numbered = await eventually(() => value<TicketDetail>(a.handle('tickets.get', { id: second.id })), (t) => t.officialNumber !== null);
    expect(numbered.syncState).toBe('synced');
  });

  it('refuses a first sign-in on this machine while the server is unreachable', async () => {
    const a = client('http://127.0.0.1:9'); // nothing listens on the discard port
    const result = await a.handle('session.signIn', { username: 'agent1', password: PASSWORD, seat: 'A-01' });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/首次登录需要联网/) } });
  });
});
