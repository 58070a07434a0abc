/**
 * Socket.IO wiring: handshake authentication, per-event role checks, and the sync events.
 * Every message gets a structured answer: through its ack when it has one, otherwise as a
 * `protocol.error` event. Nothing a client sends (malformed, oversized, unknown, unauthorised,
 * out of order) can throw out of a handler.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { AuthUser } from './auth/accounts';
import { allowed, SOCKET_PERMISSIONS } from './auth/roles';
import type { ServerContext } from './context';
import { applyPush } from './sync/apply';
import { serverStore } from './sync/store';
import {
  HandshakeAuth,
  PullRequest,
  PushRequest,
  SeatStateRequest,
  WIRE,
  WIRE_LIMITS,
  type LiveChanges,
  type Role,
  type WireError,
  type WireErrorCode,
} from '../shared/sync-wire';

interface SocketData {
  user: AuthUser;
  clientId: string;
  expiresAt: number;
}

class WireFailure extends Error {
  constructor(
    readonly code: WireErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const FEED_ROOM = 'feed';
const LEADS_ROOM = 'leads';
const KNOWN_EVENTS = new Set<string>([WIRE.push, WIRE.pull, WIRE.seatState]);

function failure(code: WireErrorCode, message: string): { ok: false; error: WireError } {
  return { ok: false, error: { code, message } };
}

export function attachSocketServer(http: HttpServer, ctx: ServerContext): Server {
  const io = new Server(http, {
    maxHttpBufferSize: WIRE_LIMITS.socketBufferBytes,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  io.use((socket, next) => {
    const parsed = HandshakeAuth.safeParse(socket.handshake.auth);
    const session = parsed.success ? ctx.accounts.sessionForToken(parsed.data.token) : null;
    if (!parsed.success || !session) {
      const error = new Error('UNAUTHORIZED') as Error & { data: WireError };
      error.data = { code: 'UNAUTHORIZED', message: '未登录或登录已过期，请重新登录' };
      return next(error);
    }
    const data: SocketData = { user: session.user, clientId: parsed.data.clientId, expiresAt: session.expiresAt };
    socket.data = data;
    next();
  });

  io.on('connection', (socket: Socket) => {
    const data = socket.data as SocketData;
    if (allowed(data.user.role, SOCKET_PERMISSIONS.pull)) void socket.join(FEED_ROOM);
    if (allowed(data.user.role, SOCKET_PERMISSIONS.seatBoard)) {
      void socket.join(LEADS_ROOM);
      socket.emit(WIRE.seats, { seats: ctx.presence.list() });
    }

    const on = (event: string, roles: readonly Role[], handler: (payload: unknown) => unknown): void => {
      socket.on(event, (...args: unknown[]) => {
        const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (reply: unknown) => void) : null;
        const reply = (body: unknown): void => {
          if (ack) ack(body);
          else if ((body as { ok?: boolean }).ok === false) socket.emit(WIRE.protocolError, { event, ...(body as object) });
        };
        try {
          if (ctx.now().getTime() >= data.expiresAt) {
            reply(failure('UNAUTHORIZED', '登录已过期，请重新登录'));
            socket.disconnect(true);
            return;
          }
          if (!allowed(data.user.role, roles)) throw new WireFailure('FORBIDDEN', '当前账号角色无权进行此操作');
          if (!ack && event !== WIRE.seatState) throw new WireFailure('VALIDATION', '该消息需要回执（ack）');
          reply(handler(args[0]));
        } catch (error) {
          if (error instanceof WireFailure) reply(failure(error.code, error.message));
          else {
            console.error('[socket] handler failed', event, (error as Error).message);
            reply(failure('INTERNAL', '服务器内部错误，请稍后重试'));
          }
        }
      });
    };

    on(WIRE.push, SOCKET_PERMISSIONS.push, (payload) => {
      const size = JSON.stringify(payload ?? null).length;
      if (size > WIRE_LIMITS.pushBytesMax) throw new WireFailure('TOO_LARGE', '一次提交的数据过大，请分批提交');
      const parsed = PushRequest.safeParse(payload);
      if (!parsed.success) {
        throw new WireFailure('VALIDATION', `提交格式不正确：需要 {mutations: [...]}，每批 1–${WIRE_LIMITS.pushBatchMax} 条`);
      }
      const outcome = applyPush(ctx.db, data.user, data.clientId, parsed.data.mutations, ctx.now());
      if (outcome.changes.length > 0) {
        const live: LiveChanges = { changes: outcome.changes, fromSeq: outcome.fromSeq, toSeq: outcome.toSeq };
        socket.to(FEED_ROOM).emit(WIRE.changes, live);
      }
      return { ok: true, results: outcome.results, fromSeq: outcome.fromSeq, toSeq: outcome.toSeq };
    });

    on(WIRE.pull, SOCKET_PERMISSIONS.pull, (payload) => {
      const parsed = PullRequest.safeParse(payload);
      if (!parsed.success) {
        throw new WireFailure('VALIDATION', `拉取格式不正确：需要 {after: 非负整数, limit: 1–${WIRE_LIMITS.pullLimitMax}}`);
      }
      const store = serverStore(ctx.db);
      return ctx.db.transaction(() => {
        const head = store.headSeq();
        // A cursor beyond the head means the server's data went back in time (restored backup):
        // answer with the head so the client can start over rather than wait forever.
        if (parsed.data.after > head) return { ok: true, changes: [], cursor: head, hasMore: false, headSeq: head };
        const page = store.pullPage(parsed.data.after, parsed.data.limit);
        return { ok: true, ...page, cursor: page.hasMore ? page.cursor : head, headSeq: head };
      });
    });

    on(WIRE.seatState, SOCKET_PERMISSIONS.seatState, (payload) => {
      const parsed = SeatStateRequest.safeParse(payload);
      if (!parsed.success) throw new WireFailure('VALIDATION', '坐席状态格式不正确');
      ctx.presence.set(parsed.data.seat, data.user, parsed.data.state, socket.id);
      return { ok: true };
    });

    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && KNOWN_EVENTS.has(event)) return;
      const body = failure('UNKNOWN_EVENT', '不认识的消息类型');
      const ack = args[args.length - 1];
      if (typeof ack === 'function') (ack as (reply: unknown) => void)(body);
      else socket.emit(WIRE.protocolError, { event: typeof event === 'string' ? event.slice(0, 64) : null, ...body });
    });

    socket.on('disconnect', () => ctx.presence.disconnected(socket.id));
  });

  return io;
}

export { FEED_ROOM, LEADS_ROOM };
