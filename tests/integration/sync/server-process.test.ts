/**
 * The central server as a real process on 127.0.0.1: first start, sign-in and its rate limit,
 * handshake authentication, role checks, exactly-once answers to a resent batch, and two clients
 * seeing each other's tickets and edits (including a refused stale edit) within a second.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ClientNode, removeTempDirs, rng, spawnServer, tempDir, type ClientNodeOptions, type ServerProcess } from '../../../scripts/chaos/harness';
import { WIRE } from '../../../src/shared/sync-wire';
import { connectError, login, rawSocket } from './support';

let server: ServerProcess & { stdout: () => string };
let dataDir: string;
const nodes: ClientNode[] = [];

beforeAll(async () => {
  dataDir = tempDir('it-server');
  server = await spawnServer(dataDir, { demoPassword: null });
});

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.crash()));
  await server.kill('SIGTERM');
  removeTempDirs();
});

/** The random first-start password of an account, read like an operator would. */
function password(username: string): string {
  const file = path.join(dataDir, 'first-start-credentials.txt');
  const line = fs.readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(`${username}\t`))!;
  return line.split('\t')[2]!;
}

function node(username: string, skewMs = 0, sync: ClientNodeOptions['sync'] = {}): ClientNode {
  // This server was started with random passwords: sign in with the generated one.
  const n = new ClientNode({ dataDir: tempDir('it-client'), serverUrl: server.url, username, password: password(username), skewMs, sync });
  nodes.push(n);
  return n;
}

describe('central server process', () => {
  it('creates accounts with random passwords on first start and says where they are', async () => {
    const file = path.join(dataDir, 'first-start-credentials.txt');
    expect(server.stdout()).toContain(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect((await login(server.url, 'agent1', password('agent1'))).status).toBe(200);
    const health = (await (await fetch(`${server.url}/health`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
  });

  it('rate-limits wrong passwords with a Chinese message', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(server.url, 'dispatcher1', 'wrong-password')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const locked = await login(server.url, 'dispatcher1', password('dispatcher1'));
    expect(locked.status).toBe(429); // even the right password waits out the lock
    expect((locked.body.error as { message: string }).message).toMatch(/密码错误次数过多/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other accounts signing in from the same address are not locked out.
    expect((await login(server.url, 'lead1', password('lead1'))).status).toBe(200);
  });

  it('lets the admin create accounts and users change their password; others may not', async () => {
    const admin = (await login(server.url, 'admin', password('admin'))).body.token as string;
    const agent = (await login(server.url, 'agent1', password('agent1'))).body.token as string;
    const post = (path: string, token: string, body: unknown) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const newUser = { username: 'agent9', displayName: '话务员九', role: 'agent', password: 'a-long-password-9' };
    expect((await post('/api/users', agent, newUser)).status).toBe(403);
    expect((await post('/api/users', admin, newUser)).status).toBe(201);
    const again = await post('/api/users', admin, newUser);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/已存在/);
    const user9 = (await login(server.url, 'agent9', 'a-long-password-9')).body.token as string;
    expect((await post('/api/password', user9, { oldPassword: 'wrong', newPassword: 'another-password-9' })).status).toBe(403);
    expect((await post('/api/password', user9, { oldPassword: 'a-long-password-9', newPassword: 'another-password-9' })).status).toBe(200);
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${user9}` } })).status).toBe(401); // sessions ended
    expect((await login(server.url, 'agent9', 'another-password-9')).status).toBe(200);
  });

  it('refuses sockets without a valid session token in the handshake', async () => {
    for (const auth of [{}, { token: 'x'.repeat(40), clientId: uuidv7() }, { token: 123 }]) {
      const error = await connectError(server.url, auth);
      expect(error.data).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(error.data?.message).toMatch(/登录/);
    }
  });

  it('checks every event against the role', async () => {
    const { body } = await login(server.url, 'unit1', password('unit1'));
    const { io } = await import('socket.io-client');
    const socket = io(server.url, { auth: { token: body.token, clientId: uuidv7() }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const reply = (await socket.timeout(3000).emitWithAck(WIRE.pull, { after: 0, limit: 10 })) as { ok: boolean; error: { code: string } };
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    socket.disconnect();
  });
});

describe('seat presence', () => {
  it('pushes seat states to leads, and marks a seat offline when its agent disconnects', async () => {
    const { io } = await import('socket.io-client');
    const connect = async (username: string) => {
      const { body } = await login(server.url, username, password(username));
      const socket = io(server.url, { auth: { token: body.token, clientId: uuidv7() }, transports: ['websocket'], reconnection: false, forceNew: true });
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      return socket;
    };
    const lead = await connect('lead1');
    const boards: { seats: { seat: string; state: string }[] }[] = [];
    lead.on(WIRE.seats, (b: (typeof boards)[number]) => boards.push(b));
    const agent = await connect('agent2');
    expect(await agent.timeout(3000).emitWithAck(WIRE.seatState, { seat: 'B07', state: 'on_call' })).toEqual({ ok: true });
    await expect.poll(() => boards.at(-1)?.seats.find((s) => s.seat === 'B07')?.state).toBe('on_call');
    expect(await agent.timeout(3000).emitWithAck(WIRE.seatState, { seat: 'B07', state: 'sleeping' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    agent.disconnect();
    await expect.poll(() => boards.at(-1)?.seats.find((s) => s.seat === 'B07')?.state).toBe('offline');
    lead.disconnect();
  });
});

describe('two clients through the real server', () => {
  it('see each other\'s tickets within a second, with official numbers, and converge after a refused stale edit', async () => {
    const a = node('agent1', 3 * 3600_000).start(); // clock 3 h ahead
    const b = node('agent2', -5 * 3600_000).start(); // clock 5 h behind
    await a.sync.whenIdle(10_000);
    await b.sync.whenIdle(10_000);

    const seenByB = new Promise<number>((resolve) => {
      const started = Date.now();
      const timer = setInterval(() => {
        if (b.ticketIds().length > 0) {
          clearInterval(timer);
          resolve(Date.now() - started);
        }
      }, 10);
    });
    const id = a.create(rng(1), 'live');
    await a.sync.syncNow();
    expect(await seenByB).toBeLessThan(1000);

    await a.sync.whenIdle(5000);
    const official = (sqlite: ClientNode) =>
      sqlite.opened.sqlite.prepare('SELECT official_no, sync_state, sync_error, title, version FROM tickets WHERE id = ?').get(id) as Record<string, unknown>;
    expect(official(a).official_no).toMatch(/^\d{8}-\d{6}$/);
    expect(official(a).sync_state).toBe('synced');

    // Both edit version 1 at once: the first to arrive wins, the other is refused with a reason.
    a.edit(id, '甲的修改');
    b.edit(id, '乙的修改');
    await Promise.all([a.sync.syncNow(), b.sync.syncNow()]);
    await a.sync.whenIdle(5000);
    await b.sync.whenIdle(5000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [ra, rb] = [official(a), official(b)];
    expect(ra.title).toBe(rb.title);
    expect(ra.version).toBe(2);
    const loser = ra.sync_state === 'rejected' ? a : b;
    expect([ra.sync_state, rb.sync_state].sort()).toEqual(['rejected', 'synced']);
    expect(official(loser).sync_error).toMatch(/已被他人修改/);
    const history = (n: ClientNode) => n.opened.sqlite.prepare('SELECT id, kind FROM ticket_events WHERE ticket_id = ? ORDER BY id').all(id);
    expect(history(a)).toEqual(history(b));
    // A team lead signing in later sees everything, with the same history.
    const lead = node('lead1').start();
    await lead.sync.whenIdle(5000);
    await expect.poll(() => history(lead)).toEqual(history(a));
    expect(official(lead).title).toBe(ra.title);
    expect((history(a) as { kind: string }[]).map((e) => e.kind).sort()).toEqual(['created', 'edited', 'rejected']);
  });

  it('answers a resent batch from its record: applied once, same official number', async () => {
    const { socket, clientId } = await rawSocket(server.url, 'agent1', password('agent1'));
    const n = node('agent1');
    n.create(rng(2), 'dup');
    const row = n.opened.sqlite.prepare('SELECT mutation_id, payload, created_at FROM outbox').get() as { mutation_id: string; payload: string; created_at: string };
    const mutation = { mutationId: row.mutation_id, clientId, createdAt: row.created_at, command: JSON.parse(row.payload) as unknown };
    const send = () => socket.timeout(3000).emitWithAck(WIRE.push, { mutations: [mutation] }) as Promise<{ ok: true; results: { officialNo: string; duplicate: boolean; status: string }[] }>;
    const [first, second] = await Promise.all([send(), send()]); // duplicate delivery, back to back
    expect(first.results[0]).toMatchObject({ status: 'applied', duplicate: false });
    expect(second.results[0]).toMatchObject({ status: 'applied', duplicate: true, officialNo: first.results[0]!.officialNo });
    socket.disconnect();
  });

  it('quarantines a corrupt outbox entry, reports it, and still syncs the entries behind it', async () => {
    const statuses: string[] = [];
    const n = node('agent2', 0, { onStatus: (s) => statuses.push(s.detail ?? '') });
    const random = rng(3);
    n.opened.sqlite
      .prepare('INSERT INTO outbox(mutation_id, type, payload, created_at) VALUES(?, ?, ?, ?)')
      .run(uuidv7(), 'ticket.create', '{"type":"ticket.create","ticket":{"id":', new Date().toISOString());
    const ids = [n.create(random, 'q1'), n.create(random, 'q2')];
    n.start();
    await n.sync.whenIdle(10_000);
    expect(n.quarantined).toHaveLength(1);
    const states = n.opened.sqlite.prepare(`SELECT sync_state FROM tickets WHERE id IN (?, ?)`).all(...ids) as { sync_state: string }[];
    expect(states.map((s) => s.sync_state)).toEqual(['synced', 'synced']);
    expect(n.sync.status()).toMatchObject({ state: 'error', pending: 0 });
    expect(n.sync.status().detail).toMatch(/隔离/);
    expect(statuses.some((d) => d.includes('隔离'))).toBe(true);
  });
});
