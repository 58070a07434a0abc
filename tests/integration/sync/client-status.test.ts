/**
 * What the agent sees of sync: the connection indicator and pending count while the server is
 * away, backoff reconnection when it returns, and a session that expires mid-connection being
 * renewed without losing anything. Server in-process here (its restart is what is under test).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHotlineServer, type HotlineServer } from '../../../src/server/app';
import type { ConnectionStatus } from '../../../src/shared/contract';
import { ClientNode, DEMO_PASSWORD, removeTempDirs, rng, tempDir } from '../../../scripts/chaos/harness';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  removeTempDirs();
});

async function server(dataDir: string, port = 0, extra: Partial<Parameters<typeof startHotlineServer>[0]> = {}): Promise<HotlineServer> {
  return startHotlineServer({ dataDir, port, demoPassword: DEMO_PASSWORD, ...extra });
}

describe('connection status for the UI', () => {
  it('shows offline with a growing pending count, then syncing, then online with nothing pending', async () => {
    const dir = tempDir('status-server');
    let srv = await server(dir);
    const port = srv.port;
    const statuses: ConnectionStatus[] = [];
    const node = new ClientNode({
      dataDir: tempDir('status-client'),
      serverUrl: srv.url,
      username: 'agent1',
      sync: { onStatus: (s) => statuses.push(s), backoff: { baseMs: 20, maxMs: 200 } },
    }).start();
    cleanup.push(() => node.crash());
    await node.sync.whenIdle(5000);
    expect(node.sync.status()).toEqual({ state: 'online', pending: 0, detail: null });

    await srv.close(); // the server goes away
    await expect.poll(() => node.sync.status().state).toBe('offline');
    const random = rng(5);
    for (let i = 0; i < 3; i++) node.create(random, `off-${i}`);
    await expect.poll(() => node.sync.status().pending, { timeout: 3000 }).toBe(3);
    expect(node.sync.status().detail).toMatch(/重试|重连|断开|无法/);

    srv = await server(dir, port); // back on the same address
    cleanup.push(() => srv.close());
    await node.sync.whenIdle(10_000);
    await expect.poll(() => node.sync.status()).toEqual({ state: 'online', pending: 0, detail: null });
    expect(statuses.map((s) => s.state)).toContain('syncing');
    const synced = node.opened.sqlite.prepare("SELECT COUNT(*) AS n FROM tickets WHERE sync_state = 'synced' AND official_no IS NOT NULL").get();
    expect(synced).toEqual({ n: 3 });
  });

  it('stops retrying a refused password (no account lock-out) until new credentials are given', async () => {
    const srv = await server(tempDir('badpw-server'));
    cleanup.push(() => srv.close());
    const node = new ClientNode({ dataDir: tempDir('badpw-client'), serverUrl: srv.url, username: 'agent1', password: 'not-the-password' }).start();
    cleanup.push(() => node.crash());
    node.create(rng(8), 'waiting');
    await expect.poll(() => node.sync.status().state).toBe('error');
    expect(node.sync.status()).toMatchObject({ pending: 1, detail: expect.stringMatching(/用户名或密码错误/) });
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Had it kept retrying, five failures would have locked the account and this would be refused.
    node.sync.setCredentials({ username: 'agent1', password: DEMO_PASSWORD });
    await node.sync.whenIdle(5000);
    expect(node.sync.status()).toEqual({ state: 'online', pending: 0, detail: null });
  });

  it('signs in again when the session expires mid-connection, and keeps syncing', async () => {
    const srv = await server(tempDir('expiry-server'), 0, { sessionTtlMs: 800 });
    cleanup.push(() => srv.close());
    const node = new ClientNode({ dataDir: tempDir('expiry-client'), serverUrl: srv.url, username: 'agent2' }).start();
    cleanup.push(() => node.crash());
    await node.sync.whenIdle(5000);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the token is now expired
    node.create(rng(6), 'after-expiry');
    await node.sync.syncNow();
    await node.sync.whenIdle(10_000);
    expect(node.opened.sqlite.prepare("SELECT sync_state FROM tickets").get()).toEqual({ sync_state: 'synced' });
  });
});
