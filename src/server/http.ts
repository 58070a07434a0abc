/**
 * Plain HTTP next to Socket.IO on the same port: health, sign-in, and a small JSON API for web
 * clients and scripts. Every answer is JSON; every error is `{error: {code, message}}` in Chinese.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SOCKET_PERMISSIONS } from './auth/roles';
import type { ServerContext } from './context';
import { CATALOGUE_ROUTES } from './api/catalogue-api';
import { DISPATCH_ROUTES } from './api/dispatch-api';
import { UNIT_ROUTES } from './api/unit-api';
import { bearer, HttpError, match, readJson, requireUser, send, toHttpError, type Route } from './api/http-util';
import { serveWeb } from './web/static';
import { serverStore } from './sync/store';
import { ChangePasswordRequest, CreateUserRequest, LoginRequest, WIRE_LIMITS } from '../shared/sync-wire';

const ROUTES: Route[] = [...UNIT_ROUTES, ...DISPATCH_ROUTES, ...CATALOGUE_ROUTES];

async function login(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const parsed = LoginRequest.safeParse(await readJson(req));
  if (!parsed.success) throw new HttpError(400, 'VALIDATION', '请填写用户名和密码');
  const { username, password } = parsed.data;
  const userKey = `user:${username}`;
  const addressKey = `addr:${req.socket.remoteAddress ?? '?'}`;
  const wait = Math.max(ctx.loginLimiter.retryAfterMs(userKey), ctx.addressLimiter.retryAfterMs(addressKey));
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new HttpError(429, 'RATE_LIMITED', `密码错误次数过多，请 ${seconds} 秒后再试`, { 'retry-after': String(seconds) });
  }
  const user = await ctx.accounts.verify(username, password);
  if (!user) {
    ctx.loginLimiter.recordFailure(userKey);
    ctx.addressLimiter.recordFailure(addressKey);
    throw new HttpError(401, 'UNAUTHORIZED', '用户名或密码错误');
  }
  ctx.loginLimiter.recordSuccess(userKey);
  send(res, 200, { ...ctx.accounts.issueToken(user.id), user });
}

async function route(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const key = `${req.method} ${url.pathname}`;
  switch (key) {
    case 'GET /health':
      return send(res, 200, { ok: true, seq: serverStore(ctx.db).headSeq(), startedAt: ctx.startedAt });
    case 'POST /api/login':
      return login(ctx, req, res);
    case 'POST /api/logout': {
      requireUser(ctx, req);
      ctx.accounts.revoke(bearer(req)!);
      return send(res, 200, { ok: true });
    }
    case 'GET /api/me':
      return send(res, 200, { user: requireUser(ctx, req) });
    case 'GET /api/users':
      requireUser(ctx, req, ['admin']);
      return send(res, 200, { users: ctx.accounts.list() });
    case 'POST /api/users': {
      requireUser(ctx, req, ['admin']);
      const parsed = CreateUserRequest.safeParse(await readJson(req));
      if (!parsed.success) throw new HttpError(400, 'VALIDATION', `输入有误：${parsed.error.issues[0]?.message ?? '格式错误'}`);
      const { username, displayName, role, password, unitId } = parsed.data;
      if (ctx.accounts.exists(username)) throw new HttpError(409, 'CONFLICT', `用户名 ${username} 已存在`);
      if (unitId) {
        const problem = ctx.dispatch.units.current.dispatchProblem(unitId);
        if (problem) throw new HttpError(400, 'VALIDATION', `所属单位无效：${problem}`);
      }
      return send(res, 201, { user: await ctx.accounts.createUser(username, displayName, role, password, unitId ?? null) });
    }
    case 'POST /api/password': {
      const user = requireUser(ctx, req);
      const parsed = ChangePasswordRequest.safeParse(await readJson(req));
      if (!parsed.success) throw new HttpError(400, 'VALIDATION', `输入有误：${parsed.error.issues[0]?.message ?? '格式错误'}`);
      if (ctx.loginLimiter.retryAfterMs(`user:${user.username}`) > 0) throw new HttpError(429, 'RATE_LIMITED', '密码错误次数过多，请稍后再试');
      if (!(await ctx.accounts.verify(user.username, parsed.data.oldPassword))) {
        ctx.loginLimiter.recordFailure(`user:${user.username}`);
        throw new HttpError(403, 'FORBIDDEN', '原密码不正确');
      }
      await ctx.accounts.changePassword(user.id, parsed.data.newPassword);
      return send(res, 200, { ok: true });
    }
    case 'GET /api/seats':
      requireUser(ctx, req, SOCKET_PERMISSIONS.seatBoard);
      return send(res, 200, { seats: ctx.presence.list() });
    case 'GET /api/changes': {
      requireUser(ctx, req, SOCKET_PERMISSIONS.pull);
      const after = Number(url.searchParams.get('after') ?? '0');
      const limit = Number(url.searchParams.get('limit') ?? '200');
      if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1 || limit > WIRE_LIMITS.pullLimitMax) {
        throw new HttpError(400, 'VALIDATION', `参数有误：after 应为非负整数，limit 应为 1–${WIRE_LIMITS.pullLimitMax}`);
      }
      const store = serverStore(ctx.db);
      const page = ctx.db.transaction(() => ({ ...store.pullPage(after, limit), headSeq: store.headSeq() }));
      return send(res, 200, page);
    }
    default: {
      for (const r of ROUTES) {
        if (r.method !== req.method) continue;
        const params = match(r.path, url.pathname);
        if (params) return r.handle(ctx, req, res, params, url);
      }
      if (req.method === 'GET' && serveWeb(req, res, url.pathname)) return;
      throw new HttpError(404, 'NOT_FOUND', '没有这个接口');
    }
  }
}

export function httpHandler(ctx: ServerContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    // Socket.IO handles its own path on the same server.
    if (req.url?.startsWith('/socket.io/')) return;
    route(ctx, req, res).catch((raw: unknown) => {
      if (res.headersSent) return;
      const error = toHttpError(raw);
      if (error instanceof HttpError) {
        const details = error.details && typeof error.details === 'object' ? error.details : {};
        send(res, error.status, { error: { code: error.code, message: error.message, ...details } }, error.headers);
      } else {
        console.error('[http] failed', req.method, (req.url ?? '').split('?')[0], (error as Error).message);
        send(res, 500, { error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
      }
    });
  };
}
