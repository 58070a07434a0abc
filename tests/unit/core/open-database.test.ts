import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase, StorageError } from '../../../src/main/core/db/open';
import { createClientCore } from '../../../src/main/core/client-core';
import { tempDir } from '../../helpers/temp-dir';

function failureOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StorageError);
    return (error as StorageError).failure;
  }
  throw new Error('expected a StorageError');
}

describe('opening the local database', () => {
  it('moves a corrupt file aside byte for byte and explains it in Chinese', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE_NAME);
    const garbage = Buffer.from('这不是一个 SQLite 数据库'.repeat(500));
    fs.writeFileSync(file, garbage);
    const failure = failureOf(() => openDatabase(dir));
    expect(failure.kind).toBe('corrupt');
    expect(failure.message).toMatch(/已损坏.*原样保留/);
    expect(fs.readFileSync(failure.keptAs!)).toEqual(garbage);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('detects a database whose pages are damaged', () => {
    const dir = tempDir();
    const opened = openDatabase(dir);
    opened.sqlite.exec(`CREATE TABLE filler (x); INSERT INTO filler WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT randomblob(1000) FROM n;`);
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.sqlite.close();
    const file = path.join(dir, DATABASE_FILE_NAME);
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096 * 2, 4096 * 6); // smash a few pages past the header
    fs.writeFileSync(file, bytes);
    const failure = failureOf(() => openDatabase(dir));
    expect(failure.kind).toBe('corrupt');
    expect(fs.readFileSync(failure.keptAs!)).toEqual(bytes);
  });

  it('reports a read-only file and leaves it exactly as it was', () => {
    const dir = tempDir();
    openDatabase(dir).sqlite.close();
    const file = path.join(dir, DATABASE_FILE_NAME);
    const before = fs.readFileSync(file);
    fs.chmodSync(file, 0o444);
    fs.chmodSync(dir, 0o555);
    // Root ignores permissions: open it as an unprivileged user, as a real agent's account would.
    const asRoot = process.getuid?.() === 0;
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/helpers/open-db-child.ts', dir], {
      encoding: 'utf8',
      ...(asRoot ? { uid: 65534, gid: 65534, env: { ...process.env, HOME: os.tmpdir() } } : {}),
    });
    const result = JSON.parse(out.trim().split('\n').pop()!);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'read_only' } });
    expect(result.failure.message).toMatch(/只读/);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('makes every API call answer with the storage failure instead of crashing', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DATABASE_FILE_NAME), 'garbage'.repeat(1000));
    const core = createClientCore({ dataDir: dir, mode: 'web', version: 'test' });
    expect(core.storageFailure?.kind).toBe('corrupt');
    const result = await core.handle('tickets.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
  });
});
