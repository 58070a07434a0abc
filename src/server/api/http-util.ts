/**
 * HTTP plumbing shared by the JSON APIs: errors as `{error: {code, message}}` in Chinese, bounded
 * body reading, bearer-token users with role checks, and `:param` route matching.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthUser } from '../auth/accounts';
import { allowed } from '../auth/roles';
import type { ServerContext } from '../context';
import { Rejection } from '../sync/rejection';
import { CatalogueError } from '../../main/core/catalogue';
import type { Role, WireErrorCode } from '../../shared/sync-wire';

export const BODY_MAX = 64 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: WireErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const STATUS_OF: Partial<Record<WireErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
};

/** Domain errors (workflow rejections, catalogue/registry problems) as HTTP errors. */
export function toHttpError(error: unknown): unknown {
  if (error instanceof Rejection) return new HttpError(STATUS_OF[error.code] ?? 500, error.code, error.reason);
  if (error instanceof CatalogueError) {
    return new HttpError(400, 'VALIDATION', error.message, {}, error.problems.length ? { problems: error.problems } : undefined);
  }
  return error;
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export function readBody(req: IncomingMessage, max = BODY_MAX): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        reject(new HttpError(413, 'TOO_LARGE', `请求内容过大（上限 ${Math.round(max / 1024)} KB）`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function readJson(req: IncomingMessage, max = BODY_MAX): Promise<unknown> {
  const body = await readBody(req, max);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'VALIDATION', '请求内容不是合法的 JSON');
  }
}

export function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : null;
}

export function requireUser(ctx: ServerContext, req: IncomingMessage, roles?: readonly Role[]): AuthUser {
  const token = bearer(req);
  const user = token ? ctx.accounts.userForToken(token) : null;
  if (!user) throw new HttpError(401, 'UNAUTHORIZED', '未登录或登录已过期，请重新登录');
  if (roles && !allowed(user.role, roles)) throw new HttpError(403, 'FORBIDDEN', '当前账号无权进行此操作');
  return user;
}

/** `/api/unit/tickets/:id/accept` against a path: the params, or null. */
export function match(pattern: string, pathname: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = pathname.split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    if (part.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(s[i]!);
      } catch {
        return null;
      }
      if (!value) return null;
      params[part.slice(1)] = value;
    } else if (part !== s[i]) return null;
  }
  return params;
}

/** A zod failure's first message, for a 400. */
export function invalid(issues: readonly { message: string; path: PropertyKey[] }[]): HttpError {
  const first = issues[0];
  const where = first?.path.length ? `（${first.path.map(String).join('.')}）` : '';
  return new HttpError(400, 'VALIDATION', `输入有误：${first?.message ?? '格式错误'}${where}`);
}

export interface Route {
  method: string;
  path: string;
  handle: (ctx: ServerContext, req: IncomingMessage, res: ServerResponse, params: Record<string, string>, url: URL) => Promise<void> | void;
}
