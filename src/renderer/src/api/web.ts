/**
 * Web-mode transport. The host prints `http://127.0.0.1:PORT/#token=TOKEN`; the token lives in the
 * URL fragment (never sent to the server in a request line or logged), is moved to sessionStorage
 * so a reload keeps working, and is removed from the visible URL.
 */
import { io, type Socket } from 'socket.io-client';
import { SESSION_TOKEN_HEADER, type ApiResult } from '../../../shared/contract';
import type { Transport } from './transport';

const TOKEN_KEY = 'hotline.sessionToken';

export function takeSessionToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const NETWORK_ERROR: ApiResult<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: '无法连接本机服务，请确认受理台程序仍在运行' },
};

export function createWebTransport(): Transport {
  const token = takeSessionToken() ?? '';
  let socket: Socket | undefined;
  const listeners = new Set<(name: string, payload: unknown) => void>();

  function ensureSocket(): void {
    if (socket) return;
    socket = io({ auth: { token }, transports: ['websocket'] });
    socket.onAny((name: string, payload: unknown) => {
      for (const l of listeners) l(name, payload);
    });
  }

  return {
    mode: 'web',
    async invoke(method, input) {
      try {
        const body = JSON.stringify(input ?? {});
        const response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SESSION_TOKEN_HEADER]: token },
          body,
          // A draft saved as the tab closes must outlive the page (browsers cap keepalive bodies at 64 KB).
          keepalive: method === 'drafts.save' && body.length < 60_000,
        });
        const result = (await response.json().catch(() => null)) as ApiResult<unknown> | null;
        if (result && typeof result === 'object' && 'ok' in result) return result;
        return { ok: false, error: { code: 'INTERNAL', message: `本机服务返回了无法识别的应答（HTTP ${response.status}）` } };
      } catch {
        return NETWORK_ERROR;
      }
    },
    onEvent(listener) {
      ensureSocket();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
