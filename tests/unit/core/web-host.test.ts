import fs from 'node:fs';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createClientCore } from '../../../src/main/core/client-core';
import { startWebHost, type WebHost } from '../../../src/main/web/web-host';
import { tempDir } from '../../helpers/temp-dir';

let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start() {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const core = createClientCore({ dataDir: tempDir(), mode: 'web', version: 'test' });
  host = await startWebHost({ core, rendererDir });
  const base = `http://127.0.0.1:${host.port}`;
  const call = (method: string, body: unknown, headers: Record<string, string> = { 'x-hotline-token': host!.token }) =>
    fetch(`${base}/api/${method}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { base, call, host };
}

describe('web mode host', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token in the fragment', async () => {
    const { host } = await start();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
  });

  it('refuses API calls without the right token', async () => {
    const { call } = await start();
    for (const headers of [{}, { 'x-hotline-token': 'wrong' }] as Array<Record<string, string>>) {
      const res = await call('session.current', {}, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect((await call('session.current', {})).status).toBe(200);
  });

  it('gives structured errors for malformed requests', async () => {
    const { call } = await start();
    const bad = await call('session.signIn', '{not json');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'VALIDATION', message: '请求体不是合法的 JSON' } });
    const wrongTypes = await call('session.signIn', { agentName: 5, seat: ['x'] });
    expect(await wrongTypes.json()).toMatchObject({ error: { code: 'VALIDATION', fieldErrors: { agentName: expect.any(String), seat: expect.any(String) } } });
    const huge = await call('session.signIn', JSON.stringify({ agentName: 'x'.repeat(2 * 1024 * 1024) })).catch(() => null);
    if (huge) expect(huge.status).toBe(400);
  });

  it('survives a malformed URL and keeps serving', async () => {
    const { base, call } = await start();
    expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(400);
    expect((await call('session.current', {})).status).toBe(200);
  });

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    const { host } = await start();
    const res = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port: host.port, path: '/api/session.current', method: 'POST', headers: { host: 'evil.example:80', 'x-hotline-token': host.token } }, (r) => resolve(r.statusCode ?? 0));
        req.on('error', reject);
        req.end('{}');
      });
    });
    expect(res).toBe(401);
  });

  it('serves the renderer with a strict CSP and never a path outside it', async () => {
    const { base } = await start();
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect((await fetch(`${base}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('accepts event sockets only with the token', async () => {
    const { base, host } = await start();
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(base, { auth: { token: 'nope' }, reconnection: false, transports: ['websocket'] });
      socket.on('connect_error', (e) => { socket.close(); resolve(e.message); });
      socket.on('connect', () => { socket.close(); resolve('connected'); });
    });
    expect(refused).toBe('UNAUTHORIZED');
    const accepted = await new Promise<string>((resolve) => {
      const socket = connect(base, { auth: { token: host.token }, reconnection: false, transports: ['websocket'] });
      socket.on('connect', () => { socket.close(); resolve('connected'); });
      socket.on('connect_error', (e) => { socket.close(); resolve(e.message); });
    });
    expect(accepted).toBe('connected');
  });
});
