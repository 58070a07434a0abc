import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APPEAL_TYPES, TIME_TIERS } from '../../../src/shared/domain';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs the batch CLI the way `npm run --silent classify` does (tsx), feeding stdin. */
function runCli(input: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/classify/cli.ts')], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

describe('classify CLI (JSON Lines in, JSON Lines out)', () => {
  it('one output line per input line, same order, errors in place, nothing else on stdout', async () => {
    const lines = [
      JSON.stringify({ id: 'a', text: '望京这边小区停水了，请问什么时候来水' }),
      'this is not json',
      JSON.stringify({ id: 'b', title: '只有标题' }),
      JSON.stringify({ id: 'c', title: '着火了', text: '我家厨房着火了，快来人' }),
      JSON.stringify([1, 2, 3]),
      JSON.stringify({ id: 42, text: 123 }),
      JSON.stringify({ text: '举报有人在河里偷排污水' }),
    ];
    const { stdout, code } = await runCli(lines.join('\n') + '\n');
    expect(code).toBe(0);
    const out = stdout.split('\n');
    expect(out.pop()).toBe(''); // trailing newline only
    expect(out).toHaveLength(lines.length);
    const rows = out.map((l) => JSON.parse(l) as Record<string, unknown>);

    expect(rows[0]).toMatchObject({ id: 'a', district: '110105', street: '110105026', tier: '24h', emergency: null });
    expect(APPEAL_TYPES).toContain(rows[0]!.type);
    expect(TIME_TIERS).toContain(rows[0]!.tier);
    expect(String(rows[0]!.category).split('/')[0]).toBe('城乡建设');

    expect(rows[1]).toEqual({ id: null, error: expect.any(String) });
    expect(rows[2]).toEqual({ id: 'b', error: expect.stringContaining('text') });
    expect(rows[3]).toMatchObject({ id: 'c', emergency: '119', tier: '2h' });
    expect(rows[4]).toEqual({ id: null, error: expect.any(String) });
    expect(rows[5]).toEqual({ id: 42, error: expect.any(String) });
    expect(rows[6]).toMatchObject({ id: null, type: '举报', emergency: null });
    for (const r of rows) {
      if (!('error' in r)) expect(Object.keys(r).sort()).toEqual(['category', 'district', 'emergency', 'id', 'street', 'tier', 'type']);
    }
  });

  it('keeps order over many lines (streamed in chunks)', async () => {
    const n = 600;
    const input = Array.from({ length: n }, (_, i) => (i % 7 === 3 ? '{broken' : JSON.stringify({ id: i, text: `第${i}条：小区垃圾没人清理` }))).join('\n');
    const { stdout, code } = await runCli(input);
    expect(code).toBe(0);
    const rows = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: unknown; error?: string });
    expect(rows).toHaveLength(n);
    rows.forEach((r, i) => {
      if (i % 7 === 3) expect(r).toEqual({ id: null, error: expect.any(String) });
      else expect(r.id).toBe(i);
    });
  });

  it('empty input gives empty output', async () => {
    const { stdout, code } = await runCli('');
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });
});
