/**
 * `npm run bench:store`: saves 10,000 tickets through the client core's public API (validation,
 * reference checks, ticket + event + outbox + audit in one FULL-sync WAL transaction) and compares
 * with a plain prepared INSERT loop on a fresh better-sqlite3 database in the same run.
 * Targets: p99 < 2 ms per save, ratio ≤ 3.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createClientCore } from '../src/main/core/client-core';
import { sampleAppeal } from '../tests/helpers/appeals';
import { ms, summarize } from './stats';

const N = Number(process.env.BENCH_N ?? 10_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));

function baseline(): number[] {
  const db = new Database(path.join(dir, 'baseline.db'));
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, title TEXT, content TEXT, phone TEXT, created_at TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const start = performance.now();
    insert.run(`id-${i}`, `标题 ${i}`, `内容 ${i} 小区楼道堆放杂物，堵塞消防通道`, '13812345678', new Date().toISOString());
    samples.push(performance.now() - start);
  }
  db.close();
  return samples;
}

async function core(): Promise<number[]> {
  const client = createClientCore({ dataDir: path.join(dir, 'core'), mode: 'web', version: 'bench' });
  await client.handle('session.signIn', { agentName: '压测', seat: 'B-01' });
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const appeal = sampleAppeal({ title: `标题 ${i}`, content: `内容 ${i} 小区楼道堆放杂物，堵塞消防通道` });
    const start = performance.now();
    const result = await client.handle('tickets.create', { appeal });
    samples.push(performance.now() - start);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  }
  client.close();
  return samples;
}

const base = summarize(baseline());
const ours = summarize(await core());
fs.rmSync(dir, { recursive: true, force: true });
console.log(`tickets saved: ${N}   node flags: ${process.execArgv.filter((a) => a.startsWith('--max-semi')).join(' ') || '(V8 defaults)'} — npm start runs the app with the same GC setting`);
console.log(`baseline prepared INSERT (default pragmas): p50 ${ms(base.p50)}  p99 ${ms(base.p99)}  mean ${ms(base.mean)}`);
console.log(`core tickets.create:                        p50 ${ms(ours.p50)}  p99 ${ms(ours.p99)}  mean ${ms(ours.mean)}`);
console.log(`ratio (mean core / mean baseline): ${(ours.mean / base.mean).toFixed(2)}   target ≤ 3`);
console.log(`p99 per save: ${ms(ours.p99)}   target < 2 ms   ${ours.p99 < 2 ? 'OK' : 'MISSED'}`);
