/**
 * The core promise, property-based: N clients create, edit and annotate tickets at random while a
 * fault proxy cuts connections, black-holes traffic, loses acks and adds latency; the server
 * process is SIGKILLed and restarted (often right after a burst, i.e. mid-batch); clients are
 * stopped abruptly and restarted; client clocks are skewed by up to ±12 hours. After the faults
 * stop, within a bounded time: every created ticket exists exactly once on the server and on every
 * client with identical content and history, no outbox entry is left, no command applied twice.
 *
 * The seed is printed; replay with FAULT_SEED=<seed>. FAULT_RUNS raises the number of scenarios.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaultProxy } from '../../../scripts/chaos/fault-proxy';
import {
  checkConvergence,
  ClientNode,
  removeTempDirs,
  rng,
  snapshotClient,
  snapshotServer,
  spawnServer,
  tempDir,
  waitForConvergence,
  type ServerProcess,
} from '../../../scripts/chaos/harness';

const seed = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000_000);
const runs = Number(process.env.FAULT_RUNS ?? 2);
const CLIENTS = 3;
const CONVERGE_MS = 20_000;

type Op =
  | { kind: 'create'; client: number; n: number }
  | { kind: 'edit' | 'note'; client: number; pick: number }
  | { kind: 'cut' | 'killServer' }
  | { kind: 'blackhole' | 'refuse' | 'pause'; ms: number }
  | { kind: 'loseAcks'; p: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'crashClient'; client: number };

const client = fc.nat(CLIENTS - 1);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('create' as const), client, n: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('edit' as const, 'note' as const), client, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('cut' as const, 'killServer' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('blackhole' as const, 'refuse' as const, 'pause' as const), ms: fc.integer({ min: 50, max: 1200 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('loseAcks' as const), p: fc.double({ min: 0.05, max: 0.5, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delay' as const), ms: fc.integer({ min: 0, max: 150 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crashClient' as const), client }) },
);
const scenarioArb = fc.record({
  skewHours: fc.array(fc.integer({ min: -12, max: 12 }), { minLength: CLIENTS, maxLength: CLIENTS }),
  ops: fc.array(opArb, { minLength: 10, maxLength: 24 }),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Scenario {
  skewHours: number[];
  ops: Op[];
}

async function runScenario(scenario: Scenario, runNo: number): Promise<void> {
  const serverDir = tempDir('prop-server');
  let server: ServerProcess = await spawnServer(serverDir);
  const proxy = new FaultProxy(server.port, rng(seed + runNo));
  await proxy.listen();
  const random = rng(seed * 31 + runNo);
  const nodes = scenario.skewHours.map((h, i) =>
    new ClientNode({ dataDir: tempDir(`prop-client${i}`), serverUrl: proxy.url, username: i % 2 ? 'agent2' : 'agent1', skewMs: h * 3600_000 }).start(),
  );
  const created = new Set<string>();
  let label = 0;
  let passed = false;
  try {
    for (const op of scenario.ops) {
      switch (op.kind) {
        case 'create':
          for (let i = 0; i < op.n; i++) created.add(nodes[op.client]!.create(random, `p${runNo}-${label++}`));
          break;
        case 'edit':
        case 'note': {
          const ids = nodes[op.client]!.ticketIds().sort();
          const id = ids[op.pick % Math.max(1, ids.length)];
          if (id && op.kind === 'edit') nodes[op.client]!.edit(id, `修改 ${label++}`);
          else if (id) nodes[op.client]!.note(id, `备注 ${label++}`);
          break;
        }
        case 'cut':
          proxy.cutAll();
          break;
        case 'killServer':
          await sleep(random() * 50); // often lands while a batch is in flight
          await server.kill('SIGKILL');
          await sleep(random() * 500);
          server = await spawnServer(serverDir);
          proxy.setUpstream(server.port);
          break;
        case 'blackhole':
          proxy.settings.blackhole = true;
          await sleep(op.ms);
          proxy.settings.blackhole = false;
          break;
        case 'refuse':
          proxy.settings.refuse = true;
          proxy.cutAll();
          await sleep(op.ms);
          proxy.settings.refuse = false;
          break;
        case 'loseAcks':
          proxy.settings.cutAckProbability = op.p;
          break;
        case 'delay':
          proxy.settings.delayMs = op.ms;
          break;
        case 'pause':
          await sleep(op.ms);
          break;
        case 'crashClient': {
          const node = nodes[op.client]!;
          await node.crash();
          node.restart();
          break;
        }
      }
      await sleep(random() * 60);
    }
    proxy.heal();
    const report = await waitForConvergence(CONVERGE_MS, () =>
      checkConvergence(
        created,
        snapshotServer(serverDir),
        nodes.map((n, i) => ({ name: `client${i}`, snapshot: snapshotClient(n.opened.sqlite) })),
      ),
    );
    console.log(
      `run ${runNo}: created=${report.created} server=${report.server} duplicates=${report.duplicates} lost=${report.lost} converged_ms=${report.convergedMs} proxy=${JSON.stringify(proxy.stats)}`,
    );
    expect(report.problems).toEqual([]);
    expect(report.convergedMs).toBeLessThan(CONVERGE_MS);
    passed = true;
  } finally {
    await Promise.all(nodes.map((n) => n.crash().catch(() => undefined)));
    await proxy.close();
    await server.kill('SIGKILL');
    if (passed) removeTempDirs();
    else console.log(`kept for inspection: server data ${serverDir}`);
  }
}

describe('offline sync under faults (property-based)', () => {
  it(`converges exactly once for random workloads and faults (seed ${seed}, ${runs} runs)`, { timeout: 60_000 * runs }, async () => {
    console.log(`fault property seed=${seed} (replay: FAULT_SEED=${seed} FAULT_RUNS=${runs})`);
    let runNo = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        runNo += 1;
        await runScenario(scenario, runNo);
      }),
      // Each run is seconds of real processes: report the first failing scenario, do not shrink for minutes.
      { seed, numRuns: runs, endOnFailure: true },
    );
  });
});
