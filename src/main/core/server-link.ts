/**
 * The client's link to the central server: signing in (online, or offline against a verifier kept
 * from the last online sign-in on this machine), keeping the session token across restarts, and
 * running the sync engine. Without a configured server the app works as a local profile only.
 *
 * What is stored: the session token (expires; the server keeps only its hash) and, per user, a
 * scrypt verifier of the password, never the password itself. The password lives in memory only,
 * so the sync engine can sign in again by itself when a token expires while the agent works.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ConnectionStatus } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { LoginReply, type Role, type SeatState } from '../../shared/sync-wire';
import { deleteSetting, readSetting, writeSetting } from './settings/settings';
import { createSyncClient, type SyncClient } from './sync';

const LOGIN_TIMEOUT_MS = 5_000;

interface StoredToken {
  token: string;
  expiresAt: string;
  username: string;
}

interface OfflineVerifier {
  salt: string;
  hash: string;
  displayName: string;
  role: Role;
}

export interface ServerUser {
  username: string;
  displayName: string;
  role: Role;
  offline: boolean; // signed in against the local verifier because the server was unreachable
}

export interface ServerLinkOptions {
  sqlite: Database.Database;
  serverUrl: string;
  clientId: string;
  clock: () => Date;
  onStatus: (status: ConnectionStatus) => void;
  onTicketsChanged: (ids: string[]) => void;
  /** Connected, or a new catalogue version was announced: time to fetch the catalogue delta. */
  onCatalogueCheck?: (token: string) => void;
}

function verifierHash(password: string, salt: string): string {
  return crypto.scryptSync(password, Buffer.from(salt, 'base64'), 32, { N: 16384, r: 8, p: 1 }).toString('base64');
}

export function createServerLink(options: ServerLinkOptions) {
  const { sqlite, serverUrl, clientId, clock } = options;
  let sync: SyncClient | null = null;
  let seatState: { seat: string; state: Exclude<SeatState, 'offline'> } | null = null; // re-sent by every new engine

  async function startSync(auth: { token?: string; credentials?: { username: string; password: string } }): Promise<void> {
    // One engine at a time: a second one would push the same outbox with another session.
    // (No await when none runs, so the engine exists as soon as this call returns.)
    if (sync) await stopSync();
    sync = createSyncClient({
      sqlite,
      serverUrl,
      clientId,
      ...auth,
      onStatus: options.onStatus,
      onTicketsChanged: options.onTicketsChanged,
      onLogin: (reply) => storeToken(reply),
      onConnected: (token) => options.onCatalogueCheck?.(token),
      onCataloguePublished: (_version, token) => options.onCatalogueCheck?.(token),
    });
    sync.start();
    if (seatState) sync.setSeatState(seatState.seat, seatState.state);
  }

  function storeToken(reply: LoginReply): void {
    writeSetting(sqlite, 'server_token', { token: reply.token, expiresAt: reply.expiresAt, username: reply.user.username } satisfies StoredToken);
  }

  /** Sign-in and sign-out run one after the other: a double Enter must not start two engines. */
  let queue: Promise<unknown> = Promise.resolve();
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function stopSync(): Promise<void> {
    const running = sync;
    sync = null;
    await running?.stop();
  }

  /** Asks the server; returns null when it cannot be reached (as opposed to a refusal). */
  async function loginOnline(username: string, password: string): Promise<LoginReply | null> {
    let response: Response;
    try {
      response = await fetch(new URL('/api/login', serverUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
        signal: AbortSignal.timeout(LOGIN_TIMEOUT_MS),
      });
    } catch {
      return null;
    }
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (response.status === 401 || response.status === 429 || response.status === 400) {
      const message = body?.error?.message ?? '用户名或密码不对';
      throw new AppError('VALIDATION', message, { password: message });
    }
    if (!response.ok) return null; // a server error: treat like unreachable, allow offline sign-in
    const reply = LoginReply.safeParse(body);
    if (!reply.success) throw new AppError('INTERNAL', '服务器的登录应答格式不对，请联系管理员');
    return reply.data;
  }

  /**
   * Online first; if the server cannot be reached, against this machine's verifier from the last
   * online sign-in. The running engine is replaced only once the new sign-in has succeeded, so a
   * wrong password never cuts off the agent who is working.
   */
  async function signIn(username: string, password: string): Promise<ServerUser> {
    const reply = await loginOnline(username, password);
    const verifierKey = `offline_verifier:${username}`;
    if (reply) {
      const salt = crypto.randomBytes(16).toString('base64');
      sqlite.transaction(() => {
        storeToken(reply);
        writeSetting(sqlite, verifierKey, {
          salt,
          hash: verifierHash(password, salt),
          displayName: reply.user.displayName,
          role: reply.user.role,
        } satisfies OfflineVerifier);
      })();
      await startSync({ token: reply.token, credentials: { username, password } });
      return { username, displayName: reply.user.displayName, role: reply.user.role, offline: false };
    }
    const verifier = readSetting<OfflineVerifier>(sqlite, verifierKey);
    if (!verifier) {
      throw new AppError('VALIDATION', '连不上服务器：本机首次登录需要联网，请检查网络后重试', { password: '连不上服务器，本机首次登录需要联网' });
    }
    const given = Buffer.from(verifierHash(password, verifier.salt), 'base64');
    if (!crypto.timingSafeEqual(given, Buffer.from(verifier.hash, 'base64'))) {
      throw new AppError('VALIDATION', '密码不对（离线登录）', { password: '密码不对（离线登录）' });
    }
    // Works offline now; the engine signs in by itself once the server is reachable, and keeps
    // the token it gets (onLogin), so a restart after that resumes without a password.
    deleteSetting(sqlite, 'server_token');
    await startSync({ credentials: { username, password } });
    return { username, displayName: verifier.displayName, role: verifier.role, offline: true };
  }

  return {
    serverUrl,

    /** On start: resume syncing with the stored token of the signed-in user, if there is one. */
    resume(): void {
      const stored = readSetting<StoredToken>(sqlite, 'server_token');
      if (stored && new Date(stored.expiresAt) > clock()) void startSync({ token: stored.token });
      else options.onStatus({ state: 'error', pending: 0, detail: '登录已过期，请签退后重新登录以同步' });
    },

    signIn(username: string, password: string): Promise<ServerUser> {
      return serialized(() => signIn(username, password));
    },

    signOut(): Promise<void> {
      return serialized(async () => {
        const stored = readSetting<StoredToken>(sqlite, 'server_token');
        await stopSync();
        deleteSetting(sqlite, 'server_token');
        // Revoke the session on the server too (best effort: offline, it simply expires).
        if (stored) {
          await fetch(new URL('/api/logout', serverUrl), {
            method: 'POST',
            headers: { authorization: `Bearer ${stored.token}` },
            signal: AbortSignal.timeout(LOGIN_TIMEOUT_MS),
          }).catch(() => undefined);
        }
      });
    },

    setSeatState(seat: string, state: Exclude<SeatState, 'offline'>): void {
      seatState = { seat, state };
      sync?.setSeatState(seat, state);
    },

    /** Push now (after a local write) instead of waiting for the engine's poll. */
    nudge(): void {
      void sync?.syncNow().catch(() => undefined);
    },

    status(): ConnectionStatus | null {
      return sync?.status() ?? null;
    },

    whenIdle(timeoutMs: number): Promise<void> {
      return sync ? sync.whenIdle(timeoutMs) : Promise.reject(new Error('sync not running'));
    },

    stop: stopSync,
  };
}

export type ServerLink = ReturnType<typeof createServerLink>;
