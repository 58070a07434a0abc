/**
 * Accounts and sessions. Tokens are 256-bit random strings handed out once; only their sha256 is
 * stored, so a copy of the database does not let anyone sign in.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, gt, lt } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { ServerDb } from '../db/open';
import { sessions, users } from '../db/schema';
import { ROLES, type Role } from '../../shared/sync-wire';
import { hashPassword, randomPassword, verifyPassword } from './passwords';

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Role unit: the unit the account works for (users.unit_id); null for staff. */
  unitId?: string | null;
}

export const CREDENTIALS_FILE = 'first-start-credentials.txt';

/**
 * The accounts a first start creates: one per role, enough to try every screen, and unit accounts
 * for a street office and a utility so the whole dispatch cycle can be shown (simulate:units).
 * The dispatcher account also reviews returns and disputes (派单员/审核员).
 */
export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: Role; unitId?: string }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'lead1', displayName: '班长一', role: 'lead' },
  { username: 'agent1', displayName: '话务员一', role: 'agent' },
  { username: 'agent2', displayName: '话务员二', role: 'agent' },
  { username: 'dispatcher1', displayName: '派单审核员一', role: 'dispatcher' },
  { username: 'unit1', displayName: '望京街道办事处承办人', role: 'unit', unitId: 'st-110105026' },
  { username: 'unit2', displayName: '自来水集团承办人', role: 'unit', unitId: 'en-water' },
  { username: 'unit3', displayName: '市城管执法局承办人', role: 'unit', unitId: 'mu-cgzf' },
];

function toAuthUser(row: typeof users.$inferSelect): AuthUser {
  const role = (ROLES as readonly string[]).includes(row.role) ? (row.role as Role) : 'agent';
  return { id: row.id, username: row.username, displayName: row.displayName, role, unitId: row.unitId ?? null };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class Accounts {
  constructor(
    private readonly db: ServerDb,
    private readonly now: () => Date,
    private readonly sessionTtlMs: number,
  ) {}

  count(): number {
    return this.db.select({ id: users.id }).from(users).all().length;
  }

  async createUser(username: string, displayName: string, role: Role, password: string, unitId: string | null = null): Promise<AuthUser> {
    const row = {
      unitId,
      id: uuidv7(),
      username,
      displayName,
      role,
      passwordHash: await hashPassword(password),
      disabled: 0,
      createdAt: this.now().toISOString(),
    };
    this.db.insert(users).values(row).run();
    return toAuthUser(row);
  }

  /**
   * First start: creates the demo accounts with random passwords (or `demoPassword` for local demos
   * and tests) and writes them to a mode-600 file in the data directory. Returns that file's path,
   * or null when accounts already existed.
   */
  list(): (AuthUser & { disabled: boolean })[] {
    return this.db
      .select()
      .from(users)
      .orderBy(users.username)
      .all()
      .map((row) => ({ ...toAuthUser(row), disabled: row.disabled === 1 }));
  }

  /** Binds a unit account to its unit (accounts made before migration 003 have none). */
  setUnit(username: string, unitId: string): AuthUser | null {
    const row = this.db.select().from(users).where(eq(users.username, username)).get();
    if (!row || row.role !== 'unit') return null;
    this.db.update(users).set({ unitId }).where(eq(users.id, row.id)).run();
    return toAuthUser({ ...row, unitId });
  }

  exists(username: string): boolean {
    return this.db.select({ id: users.id }).from(users).where(eq(users.username, username)).get() !== undefined;
  }

  /** Sets a new password and ends every session of the user (other devices must sign in again). */
  async changePassword(userId: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    this.db.transaction((tx) => {
      tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
      tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    });
  }

  async seedIfEmpty(dataDir: string, demoPassword?: string): Promise<string | null> {
    if (this.count() > 0) return null;
    const lines = ['# hotline-desk 中心服务器首次启动创建的账号。请登录后修改密码，并妥善保管或删除本文件。', ''];
    for (const account of DEMO_ACCOUNTS) {
      const password = demoPassword ?? randomPassword();
      await this.createUser(account.username, account.displayName, account.role, password, account.unitId ?? null);
      lines.push(`${account.username}\t${account.role}\t${password}`);
    }
    const file = path.join(dataDir, CREDENTIALS_FILE);
    fs.writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
    fs.chmodSync(file, 0o600); // writeFileSync keeps an existing file's mode
    return file;
  }

  async verify(username: string, password: string): Promise<AuthUser | null> {
    const row = this.db.select().from(users).where(eq(users.username, username)).get();
    if (!row || row.disabled) {
      // Same cost whether or not the user exists: no user enumeration by timing.
      await verifyPassword(password, DUMMY_HASH);
      return null;
    }
    return (await verifyPassword(password, row.passwordHash)) ? toAuthUser(row) : null;
  }

  issueToken(userId: string): { token: string; expiresAt: string } {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.sessionTtlMs).toISOString();
    this.db.transaction((tx) => {
      tx.delete(sessions).where(lt(sessions.expiresAt, now.toISOString())).run();
      tx.insert(sessions).values({ tokenHash: hashToken(token), userId, createdAt: now.toISOString(), expiresAt }).run();
    });
    return { token, expiresAt };
  }

  userForToken(token: string): AuthUser | null {
    return this.sessionForToken(token)?.user ?? null;
  }

  sessionForToken(token: string): { user: AuthUser; expiresAt: number } | null {
    const row = this.db
      .select({ user: users, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, this.now().toISOString())))
      .get();
    if (!row || row.user.disabled) return null;
    return { user: toAuthUser(row.user), expiresAt: Date.parse(row.expiresAt) };
  }

  revoke(token: string): void {
    this.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).run();
  }
}

// A valid hash of a random string, computed once at load: used to spend the same time on unknown users.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
