/**
 * `npm run bench:sync`: one client goes offline, records 10,000 appeals, reconnects; how long until
 * its outbox is drained to a real server process on loopback? Compared with a baseline from the
 * same run: inserting the same rows (tickets, their history rows and the applied-mutation records)
 * in batches of the same size straight into a fresh server database, with no network, validation
 * or client bookkeeping. Targets: drain < 5 s, ratio ≤ 4.
 */
import { parseArgs } from 'node:util';
import { openServerDb } from '../src/server/db/open';
import { appliedMutations, counters, ticketEvents, tickets } from '../src/server/db/schema';
import { ClientNode, removeTempDirs, rng, spawnServer, tempDir } from '../scripts/chaos/harness';
import { sql } from 'drizzle-orm';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '10000' }, batch: { type: 'string', default: '500' } } });
const N = Number(values.tickets);
const BATCH = Number(values.batch);

const server = await spawnServer(tempDir('bench-sync-server'));
const client = new ClientNode({
  dataDir: tempDir('bench-sync-client'),
  serverUrl: server.url,
  username: 'agent1',
  sync: { batchSize: BATCH, requestTimeoutMs: 30_000, pollMs: 50 },
});

// Offline: the sync engine is not started while the agent works.
const random = rng(7);
const t0 = performance.now();
client.opened.sqlite.transaction(() => {
  for (let i = 0; i < N; i++) client.create(random, String(i));
})();
console.log(`offline: recorded ${N} appeals in ${(performance.now() - t0).toFixed(0)} ms`);

const start = performance.now();
client.start();
await client.sync.whenIdle(120_000);
const drainMs = performance.now() - start;
const synced = (client.opened.sqlite.prepare("SELECT COUNT(*) AS n FROM tickets WHERE sync_state = 'synced' AND official_no IS NOT NULL").get() as { n: number }).n;
await client.sync.stop();
await server.kill('SIGTERM');

// Baseline: the same rows straight into a fresh server database, same batch size.
const records = (client.opened.sqlite.prepare('SELECT * FROM tickets').all() as Record<string, unknown>[]).map((r) => r);
const base = openServerDb(tempDir('bench-sync-baseline'));
const b0 = performance.now();
for (let i = 0; i < records.length; i += BATCH) {
  const slice = records.slice(i, i + BATCH);
  base.db.transaction((tx) => {
    const first = tx.update(counters).set({ value: sql`${counters.value} + ${slice.length}` }).returning().get()!.value - slice.length;
    tx.insert(tickets)
      .values(
        slice.map((r, k) => ({
          id: r.id as string,
          officialNo: `base-${i + k}`,
          provisionalNo: r.provisional_no as string,
          clientId: client.clientId,
          status: r.status as string,
          channel: r.channel as string,
          appealType: r.appeal_type as string,
          categoryPath: r.category_path as string,
          timeTier: r.time_tier as string,
          title: r.title as string,
          content: r.content as string,
          callerPhone: r.caller_phone as string | null,
          callerName: r.caller_name as string,
          anonymous: r.anonymous as number,
          isEnterprise: r.is_enterprise as number,
          enterpriseName: r.enterprise_name as string,
          districtCode: r.district_code as string | null,
          streetCode: r.street_code as string | null,
          address: r.address as string,
          createdAt: r.created_at as string,
          createdBy: r.created_by as string,
          receivedAt: r.created_at as string,
          updatedAt: r.created_at as string,
          version: 1,
          seq: first + k + 1,
        })),
      )
      .run();
    tx.insert(ticketEvents)
      .values(slice.map((r, k) => ({ id: r.id as string, ticketId: r.id as string, seq: first + k + 1, at: r.created_at as string, actor: r.created_by as string, kind: 'created', summary: '登记工单', data: null })))
      .run();
    tx.insert(appliedMutations)
      .values(slice.map((r, k) => ({ clientId: client.clientId, mutationId: `m-${i + k}`, userId: 'u', type: 'ticket.create', status: 'applied', ticketId: r.id as string, seq: first + k + 1, appliedAt: r.created_at as string })))
      .run();
  });
}
const baselineMs = performance.now() - b0;
base.sqlite.close();
client.opened.sqlite.close();
removeTempDirs();

const ratio = drainMs / baselineMs;
console.log(`synced ${synced}/${N} tickets (official numbers assigned)`);
console.log(`drain ${drainMs.toFixed(0)} ms (target < 5000) · baseline direct insert ${baselineMs.toFixed(0)} ms · ratio ${ratio.toFixed(2)} (target ≤ 4)`);
if (synced !== N) process.exitCode = 1;
