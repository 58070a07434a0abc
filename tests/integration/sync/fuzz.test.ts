/**
 * Bad input against the real server process: thousands of random events and payloads (fast-check,
 * printed seed), oversized and out-of-order messages. The server must answer every one with a
 * structured result or error and stay up.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { removeTempDirs, spawnServer, tempDir, type ServerProcess } from '../../../scripts/chaos/harness';
import { MutationResult, WIRE, WIRE_ERROR_CODES, WireError } from '../../../src/shared/sync-wire';
import { rawSocket } from './support';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_000);
const COUNT = Number(process.env.FUZZ_COUNT ?? 3000);
let server: ServerProcess;

beforeAll(async () => {
  server = await spawnServer(tempDir('it-fuzz'));
});
afterAll(async () => {
  await server.kill('SIGTERM');
  removeTempDirs();
});

const Reply = z.union([
  z.object({ ok: z.literal(false), error: WireError }),
  z.object({ ok: z.literal(true), results: z.array(MutationResult) }).passthrough(),
  z.object({ ok: z.literal(true), changes: z.array(z.unknown()), cursor: z.number() }).passthrough(),
  z.object({ ok: z.literal(true) }).strict(),
]);

const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

describe('fuzzing the socket protocol', () => {
  it(`answers ${COUNT} random messages with structured replies and stays up (seed ${seed})`, async () => {
    console.log(`fuzz seed=${seed} (replay: FUZZ_SEED=${seed})`);
    const { socket, clientId } = await rawSocket(server.url, 'agent1');
    const anything = fc.anything({ maxDepth: 3, maxKeys: 5 });
    const mutationLike = fc.record({
      mutationId: fc.oneof(fc.uuid(), fc.string(), anything),
      clientId: fc.oneof(fc.constant(clientId), fc.uuid(), anything),
      createdAt: fc.oneof(fc.string(), anything),
      command: fc.oneof(
        anything,
        fc.record({
          type: fc.constantFrom('ticket.create', 'ticket.edit', 'ticket.event', 'ticket.delete'),
          ticket: anything,
          ticketId: fc.oneof(fc.uuid(), anything),
          baseVersion: fc.oneof(fc.integer(), anything),
          changes: fc.oneof(fc.record({ title: fc.string() }), anything),
        }),
      ),
    });
    const message = fc.oneof(
      fc.record({ event: fc.constant(WIRE.push), payload: fc.oneof(anything, fc.record({ mutations: fc.array(fc.oneof(mutationLike, anything), { maxLength: 4 }) })) }),
      fc.record({ event: fc.constant(WIRE.pull), payload: fc.oneof(anything, fc.record({ after: fc.integer(), limit: fc.integer() })) }),
      fc.record({ event: fc.constant(WIRE.seatState), payload: fc.oneof(anything, fc.record({ seat: fc.string(), state: fc.string() })) }),
      fc.record({ event: fc.string({ maxLength: 20 }).filter((e) => !RESERVED.has(e)), payload: anything }),
    );
    const samples = fc.sample(message, { numRuns: COUNT, seed });
    let answered = 0;
    for (let i = 0; i < samples.length; i += 100) {
      const replies = await Promise.all(
        samples.slice(i, i + 100).map(({ event, payload }) => socket.timeout(5000).emitWithAck(event, payload) as Promise<unknown>),
      );
      for (const [k, reply] of replies.entries()) {
        const parsed = Reply.safeParse(reply);
        if (!parsed.success) throw new Error(`unstructured reply to ${JSON.stringify(samples[i + k]).slice(0, 300)}: ${JSON.stringify(reply)}`);
        if (!parsed.data.ok) expect(WIRE_ERROR_CODES).toContain(parsed.data.error.code);
        answered += 1;
      }
    }
    expect(answered).toBe(samples.length);

    // Messages without an ack get their error as a protocol.error event.
    const errors: unknown[] = [];
    socket.on(WIRE.protocolError, (e: unknown) => errors.push(e));
    for (let i = 0; i < 20; i++) socket.emit(i % 2 ? 'no.such.event' : WIRE.push, { garbage: i });
    await expect.poll(() => errors.length, { timeout: 5000 }).toBe(20);
    expect(errors[0]).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
    socket.disconnect();

    const health = (await (await fetch(`${server.url}/health`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
  });

  it('refuses an oversized push with TOO_LARGE, and survives one beyond the transport limit', async () => {
    const { socket, clientId } = await rawSocket(server.url, 'agent1');
    const big = { mutations: [{ mutationId: uuidv7(), clientId, createdAt: 'x', command: { type: 'ticket.event', blob: 'x'.repeat(5_000_000) } }] };
    expect(await socket.timeout(10_000).emitWithAck(WIRE.push, big)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    socket.emit(WIRE.push, { blob: 'y'.repeat(9_000_000) });
    await disconnected; // the transport cuts a frame over its limit
    const again = await rawSocket(server.url, 'agent1');
    expect(await again.socket.timeout(3000).emitWithAck(WIRE.pull, { after: 0, limit: 1 })).toMatchObject({ ok: true });
    again.socket.disconnect();
  });

  it('answers out-of-order messages: an edit before its ticket exists, a cursor from the future', async () => {
    const { socket, clientId } = await rawSocket(server.url, 'agent2');
    const ticketId = uuidv7();
    const edit = { mutationId: uuidv7(), clientId, createdAt: 'x', command: { type: 'ticket.edit', ticketId, baseVersion: 1, changes: { title: '先改后建' } } };
    const reply = (await socket.timeout(3000).emitWithAck(WIRE.push, { mutations: [edit] })) as { ok: true; results: MutationResult[] };
    expect(reply.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_FOUND', reason: expect.stringMatching(/没有这张工单/) });
    const future = (await socket.timeout(3000).emitWithAck(WIRE.pull, { after: 10_000_000, limit: 10 })) as { ok: true; cursor: number; headSeq: number };
    expect(future).toMatchObject({ ok: true, changes: [] });
    expect(future.cursor).toBe(future.headSeq);
    socket.disconnect();
  });
});
