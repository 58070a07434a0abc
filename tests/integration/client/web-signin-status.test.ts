/**
 * Web mode, signing in against a real central server: the header's connection indicator must
 * show "online" even when the sync engine gets there before the page's event socket exists.
 *
 * The renderer opens its event socket only once the workspace mounts, i.e. after the sign-in
 * reply and after it has asked `sync.status` once (and it re-asks only every 15 s). An engine
 * that connects fast goes online in that gap, and its one `sync.status` event reached nobody:
 * the header stayed "离线 · 待同步 0" (E2E sync.spec.ts, agent 2, CI flake). The host now tells
 * every event socket the current status as soon as it connects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startHotlineServer, type HotlineServer } from '../../../src/server/app';
import { createClientCore, type ClientCore } from '../../../src/main/core/client-core';
import { startWebHost, type WebHost } from '../../../src/main/web/web-host';
import type { ConnectionStatus } from '../../../src/shared/contract';
import { tempDir } from '../../helpers/temp-dir';

const PASSWORD = 'demo-password-123';
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(withServer = true) {
  let serverUrl: string | null = null;
  if (withServer) {
    const server: HotlineServer = await startHotlineServer({ dataDir: tempDir(), port: 0, host: '127.0.0.1', demoPassword: PASSWORD });
    cleanup.push(() => server.close());
    serverUrl = server.url;
  }
  const core: ClientCore = createClientCore({ dataDir: tempDir(), mode: 'web', version: 'test', serverUrl });
  cleanup.push(() => core.close());
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const host: WebHost = await startWebHost({ core, rendererDir });
  cleanup.push(() => host.close());
  const base = `http://127.0.0.1:${host.port}`;
  const call = async (method: string, body: unknown) => {
    const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'x-hotline-token': host.token }, body: JSON.stringify(body) });
    return (await res.json()) as { ok: boolean; value?: unknown };
  };
  /** Opens an event socket the way the renderer does and collects what it is told. */
  const subscribe = () => {
    const statuses: ConnectionStatus[] = [];
    const socket: Socket = connect(base, { auth: { token: host.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.on('sync.status', (status: ConnectionStatus) => statuses.push(status));
    cleanup.push(() => void socket.close());
    return statuses;
  };
  return { core, call, subscribe };
}

describe('web mode: connection status after an online sign-in', () => {
  it('shows online to a page whose event socket opens after the engine already went online', async () => {
    const { core, call, subscribe } = await setup();
    const signedIn = await call('session.signIn', { username: 'agent2', password: PASSWORD, seat: 'A-02' });
    expect(signedIn).toMatchObject({ ok: true, value: { offline: false } });
    // The engine connects and finishes its first pass before any page listens (the race, made certain).
    await core.serverLink!.whenIdle(5_000);
    expect(await call('sync.status', {})).toEqual({ ok: true, value: { state: 'online', pending: 0, detail: null } });

    const statuses = subscribe();
    // Well under the renderer's 15 s re-poll: the page must not depend on it.
    await expect.poll(() => statuses.at(-1), { timeout: 2_000 }).toEqual({ state: 'online', pending: 0, detail: null });
  });

  it('tells a late page the current status without a server too (local profile)', async () => {
    const { subscribe } = await setup(false);
    const statuses = subscribe();
    await expect.poll(() => statuses.at(-1)?.state, { timeout: 2_000 }).toBe('disabled');
  });
});
