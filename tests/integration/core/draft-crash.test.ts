import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createClientCore } from '../../../src/main/core/client-core';
import { tempDir } from '../../helpers/temp-dir';

describe('drafts survive kill -9', () => {
  it('keeps every acknowledged draft save after the process is killed mid-write', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/draft-writer-child.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lastAcked = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        for (const match of chunk.toString().matchAll(/saved (\d+)/g)) lastAcked = Number(match[1]);
        // Kill while it is still writing, well into the run.
        if (lastAcked >= 300) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited early: ${code}`))));
    });
    await new Promise((r) => child.on('close', r));

    const core = createClientCore({ dataDir: dir, mode: 'web', version: 'test' });
    await core.handle('session.signIn', { agentName: '王芳', seat: 'A-07' });
    const latest = await core.handle('drafts.latest', {});
    expect(latest.ok).toBe(true);
    const draft = (latest as { value: { id: string; appeal: { version: number; content: string } } }).value;
    expect(draft.id).toBe('draft-kill');
    // Everything acknowledged before the kill is there (a save in flight may or may not be).
    expect(draft.appeal.version).toBeGreaterThanOrEqual(lastAcked);
    expect(draft.appeal.content).toBe(`第${draft.appeal.version}版：楼道漏水`);
    core.close();
  });
});
