import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Accounts, CREDENTIALS_FILE, DEMO_ACCOUNTS } from '../../../src/server/auth/accounts';
import { hashPassword, verifyPassword } from '../../../src/server/auth/passwords';
import { LoginRateLimiter } from '../../../src/server/auth/rate-limit';
import { migrateServer, SERVER_MIGRATIONS } from '../../../src/server/db/migrations';
import { serverDb } from './helpers';

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies only the right password', async () => {
    const a = await hashPassword('正确的密码');
    const b = await hashPassword('正确的密码');
    expect(a).toMatch(/^scrypt\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('正确的密码', a)).toBe(true);
    expect(await verifyPassword('错误的密码', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('first start', () => {
  it('creates one account per role with distinct random passwords in a file only the owner can read', async () => {
    const { dir, db } = serverDb();
    const accounts = new Accounts(db, () => new Date(), 3600_000);
    const file = await accounts.seedIfEmpty(dir);
    expect(file).toContain(CREDENTIALS_FILE);
    expect(fs.statSync(file!).mode & 0o777).toBe(0o600);
    const lines = fs.readFileSync(file!, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toHaveLength(DEMO_ACCOUNTS.length);
    const passwords = lines.map((l) => l.split('\t')[2]!);
    expect(new Set(passwords).size).toBe(passwords.length);
    const [user, , password] = lines[0]!.split('\t') as [string, string, string];
    expect(await accounts.verify(user, password)).toMatchObject({ username: user });
    expect(await accounts.seedIfEmpty(dir)).toBeNull(); // second start: nothing recreated
  });

  it('issues tokens that expire', async () => {
    const { dir, db } = serverDb();
    let now = new Date('2026-11-26T00:00:00Z');
    const accounts = new Accounts(db, () => now, 3600_000);
    await accounts.seedIfEmpty(dir, 'demo');
    const user = (await accounts.verify('agent1', 'demo'))!;
    const { token } = accounts.issueToken(user.id);
    expect(accounts.userForToken(token)?.username).toBe('agent1');
    expect(accounts.userForToken(token + 'x')).toBeNull();
    now = new Date('2026-11-26T01:00:01Z');
    expect(accounts.userForToken(token)).toBeNull();
  });
});

describe('wrong-password rate limit', () => {
  it('locks a key after the allowed failures until the window ends', () => {
    let t = 0;
    const limiter = new LoginRateLimiter({ maxFailures: 3, windowMs: 60_000, now: () => t });
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs('user:a')).toBe(0);
      limiter.recordFailure('user:a');
    }
    expect(limiter.retryAfterMs('user:a')).toBe(60_000);
    expect(limiter.retryAfterMs('user:b')).toBe(0);
    t = 60_000;
    expect(limiter.retryAfterMs('user:a')).toBe(0);
  });
});

describe('server migrations', () => {
  it('upgrade a version-1 database with data to the latest, keeping the rows', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-unit-migrate-'));
    const sqlite = new Database(path.join(dir, 'old.db'));
    expect(migrateServer(sqlite, () => new Date(), SERVER_MIGRATIONS.slice(0, 1))).toEqual([1]);
    sqlite
      .prepare(`INSERT INTO applied_mutations(client_id, mutation_id, user_id, type, status, applied_at) VALUES ('c', 'm', 'u', 'ticket.create', 'applied', 'x')`)
      .run();
    expect(migrateServer(sqlite)).toEqual(SERVER_MIGRATIONS.slice(1).map((m) => m.version));
    expect(sqlite.prepare('SELECT mutation_id, version FROM applied_mutations').all()).toEqual([{ mutation_id: 'm', version: null }]);
    expect(sqlite.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: SERVER_MIGRATIONS.length });
    sqlite.close();
  });

  it('are forward-only and refuse a database from a newer server', () => {
    const { sqlite } = serverDb();
    expect(migrateServer(sqlite)).toEqual([]); // already at the latest
    sqlite.prepare("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, 'future', 'x')").run(SERVER_MIGRATIONS.length + 1);
    expect(() => migrateServer(sqlite)).toThrow(/新/);
  });
});
