/**
 * `npm run chaos -- --clients 4 --tickets 2000 --seed 42`
 *
 * The offline-sync promise under fire, with real processes: a server process, N client processes
 * (scripts/chaos/client-worker.ts) with clocks skewed by hours, and a fault proxy between them that
 * delays, black-holes, refuses and cuts connections and loses acks; the server is SIGKILLed and
 * restarted mid-batch and clients are SIGKILLed mid-write and restarted. When every client has
 * recorded its tickets the faults stop, and the run waits for convergence: every ticket exactly
 * once on the server and on every client, identical content and history, no outbox entry left, no
 * command applied twice. Last line: `created=N server=N duplicates=0 lost=0 converged_ms=T`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../src/main/core/db/open';
import { FaultProxy } from './chaos/fault-proxy';
import { checkConvergence, removeTempDirs, REPO_ROOT, rng, snapshotClient, snapshotServer, spawnServer, tempDir, waitForConvergence, type ServerProcess } from './chaos/harness';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '4' },
    tickets: { type: 'string', default: '2000' }, // in total, spread over the clients
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    'converge-timeout-ms': { type: 'string', default: '120000' },
    'min-fault-ms': { type: 'string', default: '15000' }, // keep injecting faults at least this long
    'pace-ms': { type: 'string', default: '10' }, // pause between a client's bursts of appeals
  },
});
const clients = Number(values.clients);
const total = Number(values.tickets);
const seed = Number(values.seed);
const random = rng(seed);
console.log(`chaos: clients=${clients} tickets=${total} seed=${seed} (replay with --seed ${seed})`);

const serverDir = tempDir('chaos-server');
let server: ServerProcess = await spawnServer(serverDir);
const proxy = new FaultProxy(server.port, random);
await proxy.listen();

interface Worker {
  name: string;
  dir: string;
  args: string[];
  child: ChildProcess | null;
  done: boolean;
  kills: number;
}

const workers: Worker[] = Array.from({ length: clients }, (_, i) => {
  const share = Math.floor(total / clients) + (i < total % clients ? 1 : 0);
  const skewHours = Math.round((random() * 2 - 1) * 6); // up to ±6 h
  return {
    name: `client${i + 1}`,
    dir: tempDir(`chaos-client${i + 1}`),
    args: ['--server-url', proxy.url, '--username', i % 2 ? 'agent2' : 'agent1', '--tickets', String(share), '--seed', String(seed + i), `--skew-ms=${skewHours * 3600_000}`, '--pace-ms', values['pace-ms']!],
    child: null,
    done: false,
    kills: 0,
  };
});

function launch(w: Worker): void {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chaos/client-worker.ts', '--data-dir', w.dir, ...w.args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  w.child = child;
  child.stdout!.on('data', (d: Buffer) => {
    if (/^done /m.test(d.toString())) w.done = true;
  });
  child.once('exit', () => {
    if (w.child === child) w.child = null;
  });
}

const stopped = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

workers.forEach(launch);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const faults: Record<string, number> = {};
const note = (kind: string) => (faults[kind] = (faults[kind] ?? 0) + 1);

// Fault schedule: one fault every 0.3–1.2 s until every client has recorded all of its tickets.
const started = Date.now();
const minFaultMs = Number(values['min-fault-ms']);
while (workers.some((w) => !w.done) || Date.now() - started < minFaultMs) {
  await sleep(300 + random() * 900);
  proxy.heal();
  const roll = random();
  if (roll < 0.15) {
    note('server_sigkill');
    await server.kill('SIGKILL');
    await sleep(random() * 800);
    server = await spawnServer(serverDir);
    proxy.setUpstream(server.port);
  } else if (roll < 0.3) {
    const w = workers[Math.floor(random() * workers.length)]!;
    if (w.child && !w.done) {
      note('client_sigkill');
      w.kills += 1;
      const child = w.child;
      child.kill('SIGKILL');
      await stopped(child);
      launch(w);
    }
  } else if (roll < 0.45) {
    note('cut_all');
    proxy.cutAll();
  } else if (roll < 0.6) {
    note('lose_acks');
    proxy.settings.cutAckProbability = 0.05;
  } else if (roll < 0.72) {
    note('blackhole');
    proxy.settings.blackhole = true;
  } else if (roll < 0.84) {
    note('refuse');
    proxy.settings.refuse = true;
    proxy.cutAll();
  } else {
    note('delay');
    proxy.settings.delayMs = Math.floor(random() * 200);
  }
  if (Date.now() - started > 600_000) throw new Error('clients did not finish recording within 10 minutes');
}
proxy.heal();
console.log(`faults: ${JSON.stringify(faults)} proxy: ${JSON.stringify(proxy.stats)}`);

const openClient = (w: Worker) => new Database(path.join(w.dir, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
const check = () => {
  const created = new Set<string>();
  const snapshots = workers.map((w) => {
    const db = openClient(w);
    try {
      for (const r of db.prepare("SELECT id FROM tickets WHERE provisional_no NOT LIKE '%@%'").all() as { id: string }[]) created.add(r.id);
      return { name: w.name, snapshot: snapshotClient(db) };
    } finally {
      db.close();
    }
  });
  return checkConvergence(created, snapshotServer(serverDir), snapshots);
};

const report = await waitForConvergence(Number(values['converge-timeout-ms']), check);
for (const w of workers) if (w.child) w.child.kill('SIGTERM');
await Promise.all(workers.map((w) => (w.child ? stopped(w.child) : Promise.resolve())));
await server.kill('SIGTERM');
await proxy.close();
for (const p of report.problems) console.log(`problem: ${p}`);
if (report.problems.length === 0) removeTempDirs();
else console.log(`kept for inspection: server ${serverDir}, clients ${workers.map((w) => w.dir).join(' ')}`);
console.log(`created=${report.created} server=${report.server} duplicates=${report.duplicates} lost=${report.lost} converged_ms=${report.convergedMs}`);
process.exit(report.problems.length === 0 ? 0 : 1);
