/**
 * `npm run simulate:units` against a real server: the simulated units accept, handle and reply to
 * every ticket dispatched to them (or return it, when told to always return), printing one line
 * per action, and the workflow invariants hold throughout.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulation, type SimulationOptions } from '../../../scripts/units/simulator';
import { api, dispatchState, PASSWORD, Seat, startTestServer, ticketRecord, token, type TestServer } from './support';

let t: TestServer;
let agent: Seat;
let dispatcher: string;

beforeAll(async () => {
  t = await startTestServer();
  agent = await Seat.connect(t.url, 'agent1');
  dispatcher = await token(t.url, 'dispatcher1');
});

afterAll(async () => {
  agent?.close();
  await t?.close();
});

async function dispatch(leadUnitId: string): Promise<string> {
  const ticket = ticketRecord({ title: `模拟工单 ${leadUnitId}`, categoryPath: '城乡建设', timeTier: '7d' });
  await agent.push({ type: 'ticket.create', ticket }, { type: 'ticket.workflow', ticketId: ticket.id, action: { type: 'submit' } });
  const r = await api(t.url, dispatcher, 'POST', `/api/dispatch/tickets/${ticket.id}/dispatch`, { assignment: { leadUnitId, mode: 'direct', catalogueVersion: 1 } });
  expect(r.status).toBe(200);
  return ticket.id;
}

function options(overrides: Partial<SimulationOptions>): SimulationOptions {
  return {
    server: t.url,
    password: PASSWORD,
    usernames: ['unit1', 'unit2', 'unit3'],
    maxActions: 100,
    durationMs: 10_000,
    intervalMs: 0,
    returnRate: 0,
    disputeRate: 0,
    seed: 7,
    untilIdle: true,
    log: () => {},
    ...overrides,
  };
}

describe('simulate:units', () => {
  it('accepts, handles and replies to every dispatched ticket, one line per action', async () => {
    const ids = [await dispatch('st-110105026'), await dispatch('en-water'), await dispatch('mu-cgzf')];
    const lines: string[] = [];
    const result = await runSimulation(options({ log: (l) => lines.push(l) }));
    expect(result.errors).toBe(0);
    expect(result.byKind).toEqual({ accept: 3, start: 3, reply: 3 });
    for (const id of ids) expect(dispatchState(t, id).status).toBe('replied');
    expect(lines.filter((l) => l.includes(' 签收 '))).toHaveLength(3);
    expect(lines.some((l) => l.includes('北京市自来水集团') && l.includes('反馈'))).toBe(true);
    const live = await agent.waitFor(ids[1]!, (c) => c.ticket.status === 'replied');
    expect(live.events.at(-1)!.kind).toBe('dispatch.reply');
  });

  it('returns tickets when told to, and they land in the reviewer queue (CLI run)', async () => {
    const id = await dispatch('st-110105026');
    const cli = path.resolve('scripts/simulate-units.ts');
    const { stdout } = await promisify(execFile)(path.resolve('node_modules/.bin/tsx'), [cli, '--server', t.url, '--password', PASSWORD, '--users', 'unit1', '--return-rate', '1', '--interval', '0', '--until-idle', '--seed', '3'], { timeout: 20_000 });
    expect(stdout).toMatch(/退单 .*→ dispatched/);
    expect(stdout).toMatch(/结束：共 1 个动作/);
    expect(dispatchState(t, id).returns).toHaveLength(1);
    const queues = await api(t.url, dispatcher, 'GET', '/api/dispatch/queues');
    expect(queues.body.queues.returned.map((x: { id: string }) => x.id)).toContain(id);
  });
});
