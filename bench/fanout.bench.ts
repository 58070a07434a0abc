/**
 * `npm run bench:fanout`: 200 sync clients connected to a real server process on loopback. One
 * client saves a ticket; how long until every other client has it in its local database? Prints
 * p50/p99 over all (save, receiver) pairs. Target: p99 < 200 ms.
 *
 * All clients run in this one process (one event loop applies every receiver's copy in turn), so
 * the figure includes that queueing: a real seat applies only its own copy.
 */
import { parseArgs } from 'node:util';
import { ClientNode, DEMO_PASSWORD, removeTempDirs, rng, spawnServer, tempDir } from '../scripts/chaos/harness';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '200' }, saves: { type: 'string', default: '30' } } });
const CLIENTS = Number(values.clients);
const SAVES = Number(values.saves);

const server = await spawnServer(tempDir('bench-fanout-server'));
// One sign-in, one token for all: 200 scrypt verifications would only measure the password hash.
const login = (await (
  await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent1', password: DEMO_PASSWORD }) })
).json()) as { token: string };

const arrivals = new Map<string, number[]>();
const nodes: ClientNode[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const node = new ClientNode({
    dataDir: tempDir('bench-fanout-client'),
    serverUrl: server.url,
    username: 'agent1',
    sync: {
      token: login.token,
      credentials: undefined,
      pollMs: 1000,
      onTicketsChanged: (ids) => {
        const t = performance.now();
        for (const id of ids) arrivals.get(id)?.push(t);
      },
    },
  });
  nodes.push(node.start());
}
const started = performance.now();
await Promise.all(nodes.map((n) => n.sync.whenIdle(60_000)));
console.log(`${CLIENTS} clients connected in ${(performance.now() - started).toFixed(0)} ms`);

const latencies: number[] = [];
const random = rng(11);
for (let s = 0; s < SAVES; s++) {
  const sender = nodes[s % CLIENTS]!;
  const t0 = performance.now();
  const id = sender.create(random, `fanout-${s}`);
  arrivals.set(id, []);
  void sender.sync.syncNow();
  const deadline = Date.now() + 5000;
  while (arrivals.get(id)!.length < CLIENTS - 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
  // The sender's own ack also reports the ticket changed: count only the others.
  const times = arrivals.get(id)!;
  if (times.length < CLIENTS - 1) console.log(`save ${s}: only ${times.length}/${CLIENTS - 1} receivers within 5 s`);
  latencies.push(...times.slice(0, CLIENTS - 1).map((t) => t - t0));
  await new Promise((resolve) => setTimeout(resolve, 50));
}

latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
console.log(`fan-out to ${CLIENTS - 1} receivers × ${SAVES} saves: p50 ${pct(50).toFixed(1)} ms · p99 ${pct(99).toFixed(1)} ms · max ${latencies[latencies.length - 1]!.toFixed(1)} ms (target p99 < 200)`);
await Promise.all(nodes.map((n) => n.crash()));
await server.kill('SIGTERM');
removeTempDirs();
process.exit(pct(99) < 200 ? 0 : 1);
