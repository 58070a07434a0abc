/**
 * A real central server on 127.0.0.1 (in process, port 0) with a clock the test moves, plus small
 * HTTP and socket clients: what a unit system, the reviewer page and a seat's sync engine send.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { v7 as uuidv7 } from 'uuid';
import { startHotlineServer, type HotlineServer } from '../../../src/server/app';
import { checkDispatchInvariants, type DispatchState } from '../../../src/shared/dispatch';
import type { TicketRecord } from '../../../src/shared/commands';
import { WIRE, type Change, type LiveChanges, type PushReply } from '../../../src/shared/sync-wire';

export const PASSWORD = 'dispatch-demo-pass';

export interface TestServer {
  server: HotlineServer;
  url: string;
  clock: { now: number; advance: (ms: number) => void };
  dir: string;
  close: () => Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-dispatch-'));
  const clock = {
    now: Date.parse('2026-11-26T02:00:00.000Z'),
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const server = await startHotlineServer({ dataDir: dir, demoPassword: PASSWORD, now: () => new Date(clock.now), sessionTtlMs: 60 * 24 * 3600_000 }) // the test clock moves days;
  return {
    server,
    url: server.url,
    clock,
    dir,
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ApiReply {
  status: number;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function token(url: string, username: string, password = PASSWORD): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error(`login ${username} failed: ${response.status}`);
  return body.token;
}

export async function api(url: string, auth: string | null, method: string, pathname: string, body?: unknown, contentType = 'application/json'): Promise<ApiReply> {
  const headers: Record<string, string> = {};
  if (auth) headers.authorization = `Bearer ${auth}`;
  if (body !== undefined) headers['content-type'] = contentType;
  const response = await fetch(`${url}${pathname}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed };
}

/** A seat's socket: pushes commands like the sync engine and collects live changes. */
export class Seat {
  readonly clientId = uuidv7();
  readonly live: Change[] = [];
  /** Every server event by name (catalogue.published …). */
  readonly events: { name: string; payload: unknown }[] = [];
  private socket!: Socket;

  static async connect(url: string, username: string): Promise<Seat> {
    const seat = new Seat();
    const auth = await token(url, username);
    seat.socket = io(url, { auth: { token: auth, clientId: seat.clientId }, transports: ['websocket'], reconnection: false, forceNew: true });
    seat.socket.on(WIRE.changes, (batch: LiveChanges) => seat.live.push(...batch.changes));
    seat.socket.onAny((name: string, payload: unknown) => seat.events.push({ name, payload }));
    await new Promise<void>((resolve, reject) => {
      seat.socket.once('connect', () => resolve());
      seat.socket.once('connect_error', reject);
    });
    return seat;
  }

  async push(...commands: unknown[]): Promise<Extract<PushReply, { ok: true }>['results']> {
    const mutations = commands.map((command) => ({ mutationId: uuidv7(), clientId: this.clientId, createdAt: new Date().toISOString(), command }));
    const reply = (await this.socket.timeout(5000).emitWithAck(WIRE.push, { mutations })) as PushReply;
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.results;
  }

  /** Waits until a live change of the ticket satisfies `test`. */
  async waitFor(ticketId: string, test: (c: Change) => boolean, timeoutMs = 3000): Promise<Change> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.live.find((c) => c.ticket.id === ticketId && test(c));
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no live change for ${ticketId} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

export function ticketRecord(overrides: Partial<TicketRecord> = {}): TicketRecord {
  return {
    id: uuidv7(),
    provisionalNo: '离线-0001',
    status: 'recorded',
    channel: 'phone',
    appealType: '求助',
    categoryPath: '城乡建设/城市建设和市政管理/自来水供应',
    timeTier: '24h',
    title: '小区停水',
    content: '望京西园三区从早上开始停水，没有通知',
    callerPhone: '13912345678',
    callerName: '张三',
    anonymous: false,
    isEnterprise: false,
    enterpriseName: '',
    districtCode: '110105',
    streetCode: '110105026',
    address: '望京西园三区',
    createdAt: '2026-11-26T02:00:00.000Z',
    createdBy: 'agent1',
    ...overrides,
  };
}

/** The dispatch document the server holds for a ticket, checked against every invariant. */
export function dispatchState(t: TestServer, ticketId: string): DispatchState {
  const row = t.server.opened.sqlite.prepare('SELECT state FROM ticket_dispatch WHERE ticket_id = ?').get(ticketId) as { state: string } | undefined;
  if (!row) throw new Error(`no dispatch state for ${ticketId}`);
  const state = JSON.parse(row.state) as DispatchState;
  const violations = checkDispatchInvariants(state);
  if (violations.length) throw new Error(`invariants violated: ${violations.join('; ')}`);
  if (typeof state.responsibleUnitId !== 'string' || !state.responsibleUnitId) throw new Error('no responsible unit');
  return state;
}
