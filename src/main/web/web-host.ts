/**
 * Web mode: the same client core served to a browser on 127.0.0.1 (E2E tests, VDI seats, machines
 * without the Electron binary). Every API request and socket must carry the random per-start
 * session token; the Host header must name the loopback address (defeats DNS rebinding).
 * Static files are the built renderer and hold no data, so they need no token.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Server as SocketServer } from 'socket.io';
import { SESSION_TOKEN_HEADER, type ApiError, type ErrorCode } from '../../shared/contract';
import type { ClientCore } from '../core/client-core';
import { CONTENT_SECURITY_POLICY } from './csp';

export const MAX_BODY_BYTES = 1024 * 1024;


const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNKNOWN_METHOD: 404,
  UNAUTHORIZED: 401,
  NOT_SIGNED_IN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STORAGE: 503,
  INTERNAL: 500,
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface WebHost {
  url: string; // includes the token in the fragment (never sent to the server by browsers)
  port: number;
  token: string;
  close(): Promise<void>;
}

function tokensEqual(given: unknown, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(json);
}

function sendError(res: http.ServerResponse, error: ApiError): void {
  sendJson(res, STATUS_BY_CODE[error.code], { ok: false, error });
}

export async function startWebHost(options: { core: ClientCore; rendererDir: string; port?: number; host?: string }): Promise<WebHost> {
  const { core, rendererDir } = options;
  const host = options.host ?? '127.0.0.1';
  const token = crypto.randomBytes(24).toString('base64url');
  let port = 0;

  function hostAllowed(req: http.IncomingMessage): boolean {
    const header = req.headers.host ?? '';
    return header === `127.0.0.1:${port}` || header === `localhost:${port}`;
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    let relative: string;
    try {
      relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    } catch {
      sendError(res, { code: 'VALIDATION', message: '地址格式不对' });
      return;
    }
    const file = path.resolve(rendererDir, relative);
    if (!file.startsWith(path.resolve(rendererDir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(fs.existsSync(path.join(rendererDir, 'index.html')) ? '404' : '界面尚未构建：请先运行 npm run build');
      return;
    }
    const isIndex = file.endsWith('index.html');
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  async function serveApi(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    if (!tokensEqual(req.headers[SESSION_TOKEN_HEADER], token)) {
      sendError(res, { code: 'UNAUTHORIZED', message: '缺少或错误的会话令牌，请用启动时打印的地址重新打开' });
      return;
    }
    if (req.method !== 'POST') {
      sendError(res, { code: 'UNKNOWN_METHOD', message: '接口只接受 POST 请求' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        sendError(res, { code: 'VALIDATION', message: `请求过大（超过 ${MAX_BODY_BYTES / 1024} KB）` });
        req.destroy();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    let input: unknown = {};
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim()) {
      try {
        input = JSON.parse(text);
      } catch {
        sendError(res, { code: 'VALIDATION', message: '请求体不是合法的 JSON' });
        return;
      }
    }
    const result = await core.handle(method, input);
    if (result.ok) sendJson(res, 200, result);
    else sendError(res, result.error);
  }

  const server = http.createServer((req, res) => {
    try {
      route(req, res);
    } catch (error) {
      // One bad request must never take the agent's session down.
      console.error(`[web] request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendError(res, { code: 'INTERNAL', message: '系统内部错误' });
      else res.destroy();
    }
  });

  function route(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!hostAllowed(req)) {
      sendError(res, { code: 'UNAUTHORIZED', message: '只接受来自本机 127.0.0.1 的访问' });
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname.startsWith('/api/')) {
      serveApi(req, res, pathname.slice('/api/'.length)).catch(() => {
        if (!res.headersSent) sendError(res, { code: 'INTERNAL', message: '系统内部错误' });
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, { code: 'UNKNOWN_METHOD', message: '不支持的请求' });
      return;
    }
    serveStatic(req, res, pathname);
  }

  const io = new SocketServer(server, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  io.use((socket, next) => {
    if (tokensEqual((socket.handshake.auth as { token?: unknown }).token, token)) next();
    else next(new Error('UNAUTHORIZED'));
  });
  let statusEvents = 0; // sync.status events pushed so far (a snapshot older than one is not sent)
  const unsubscribe = core.onEvent((name, payload) => {
    if (name === 'sync.status') statusEvents += 1;
    io.emit(name, payload);
  });
  // A page opens its event socket only once the workspace mounts, after the sign-in reply and its
  // first `sync.status` read. A sync engine that connects fast changes state in between, and that
  // one event reached nobody: the header said "离线" until the page's next poll (15 s). So every
  // socket is told the current status as soon as it connects; events after that arrive as usual.
  io.on('connection', (socket) => {
    const seen = statusEvents;
    void core.handle('sync.status', {}).then((result) => {
      // A newer status pushed meanwhile already reached this socket: do not follow it with an older one.
      if (result.ok && socket.connected && seen === statusEvents) socket.emit('sync.status', result.value);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      await io.close();
      // Browsers keep idle keep-alive connections open; without this close() waits for them.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
