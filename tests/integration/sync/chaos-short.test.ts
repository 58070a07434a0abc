/**
 * A short `npm run chaos` in the default test run: real client processes SIGKILLed mid-write and
 * restarted, the server process SIGKILLed and restarted, links cut and acks lost. The long run is
 * `npm run chaos -- --clients 4 --tickets 2000 --seed 42`.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../scripts/chaos/harness';

const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);

describe('chaos with real processes (short)', () => {
  it(`every ticket exactly once, nothing lost (seed ${seed})`, { timeout: 90_000 }, async () => {
    console.log(`chaos seed=${seed} (replay: npm run chaos -- --clients 2 --tickets 160 --seed ${seed} --min-fault-ms 8000 --pace-ms 120)`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chaos.ts', '--clients', '2', '--tickets', '160', '--seed', String(seed), '--converge-timeout-ms', '30000', '--min-fault-ms', '8000', '--pace-ms', '120'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const last = out.trim().split('\n').pop() ?? '';
    console.log(out.trim().split('\n').slice(-3).join('\n'));
    const match = /^created=(\d+) server=(\d+) duplicates=(\d+) lost=(\d+) converged_ms=(\d+)$/.exec(last);
    expect(match, out).not.toBeNull();
    const [, created, server, duplicates, lost] = match!.map(Number);
    expect(created).toBe(160);
    expect(server).toBe(created);
    expect(duplicates).toBe(0);
    expect(lost).toBe(0);
    expect(code).toBe(0);
  });
});
