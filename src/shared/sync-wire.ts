/**
 * The sync wire protocol between the client sync engine and the central server: socket event
 * names and the zod schemas of every message. Pure (zod only), so both sides import it; it
 * belongs in src/shared and can move there unchanged.
 *
 * Protocol (docs/SYNC.md): an outbox of commands pushed in order (`push`, acked per mutation),
 * a global change sequence pulled from a cursor (`pull`) and pushed live (`changes`).
 */
import { z } from 'zod';
import { TicketRecord } from './commands';

/** Socket.IO event names, in one place (after Excalidraw's WS_EVENTS). */
export const WIRE = {
  push: 'sync.push', // client → server, ack: PushReply
  pull: 'sync.pull', // client → server, ack: PullReply
  changes: 'sync.changes', // server → client: LiveChanges
  seatState: 'seat.state', // agent → server, ack: SimpleReply
  seats: 'seat.board', // server → leads: SeatBoard
  protocolError: 'protocol.error', // server → client: a message that could not be answered by ack
  catalogue: 'catalogue.published', // server → staff clients: CataloguePublished (fetch GET /api/catalogue?since=N)
} as const;

/** A new catalogue version is out; clients fetch `GET /api/catalogue?since=<their version>`. */
export const CataloguePublished = z.object({ version: z.number().int().min(1) });
export type CataloguePublished = z.infer<typeof CataloguePublished>;

export const ROLES = ['agent', 'lead', 'dispatcher', 'unit', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const WIRE_ERROR_CODES = [
  'VALIDATION',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'STALE',
  'TOO_LARGE',
  'RATE_LIMITED',
  'UNKNOWN_EVENT',
  'INTERNAL',
] as const;
export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

export const WireError = z.object({ code: z.enum(WIRE_ERROR_CODES), message: z.string() });
export type WireError = z.infer<typeof WireError>;

/** Limits the server enforces; the client stays under them. */
export const WIRE_LIMITS = {
  pushBatchMax: 500, // mutations per push
  pushBytesMax: 4 * 1024 * 1024, // JSON size of one push
  pullLimitMax: 1000, // changes per pull page
  socketBufferBytes: 8 * 1024 * 1024, // larger frames are cut by the transport itself
} as const;

/** The handshake: a session token from POST /api/login and the client's UUIDv7 id. */
export const HandshakeAuth = z.object({ token: z.string().min(10).max(200), clientId: z.string().uuid() }).strict();

export const ServerTicketEvent = z.object({
  id: z.string(),
  ticketId: z.string(),
  at: z.string(),
  actor: z.string(),
  kind: z.string(),
  summary: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type ServerTicketEvent = z.infer<typeof ServerTicketEvent>;

/** The server's ticket: what the client created plus what the server decided. */
export const ServerTicket = TicketRecord.extend({
  officialNo: z.string(),
  clientId: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  seq: z.number().int(),
});
export type ServerTicket = z.infer<typeof ServerTicket>;

/**
 * One entry of the change feed: the ticket as of `seq` and its whole history. Compacted: a pull
 * returns each ticket once, at its latest seq, so a client that was away for a day does not
 * replay every intermediate edit.
 */
export const Change = z.object({ seq: z.number().int(), ticket: ServerTicket, events: z.array(ServerTicketEvent) });
export type Change = z.infer<typeof Change>;

export const PushRequest = z.object({ mutations: z.array(z.unknown()).min(1).max(WIRE_LIMITS.pushBatchMax) }).strict();

export const MutationResult = z.object({
  mutationId: z.string().nullable(),
  status: z.enum(['applied', 'rejected']),
  duplicate: z.boolean(), // true when this mutation had been applied before: same answer, no new effect
  code: z.enum(WIRE_ERROR_CODES).nullable(),
  reason: z.string().nullable(), // Chinese, shown to the agent
  officialNo: z.string().nullable(),
  seq: z.number().int().nullable(), // the change this mutation made, if any
  change: Change.nullable(), // the ticket as it is now on the server
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushReply = z.union([
  z.object({
    ok: z.literal(true),
    results: z.array(MutationResult),
    // This batch made exactly the changes (fromSeq, toSeq]: a client whose cursor is fromSeq may
    // move it to toSeq without pulling.
    fromSeq: z.number().int(),
    toSeq: z.number().int(),
  }),
  z.object({ ok: z.literal(false), error: WireError }),
]);
export type PushReply = z.infer<typeof PushReply>;

export const PullRequest = z
  .object({ after: z.number().int().min(0), limit: z.number().int().min(1).max(WIRE_LIMITS.pullLimitMax) })
  .strict();
export type PullRequest = z.infer<typeof PullRequest>;

export const PullReply = z.union([
  z.object({
    ok: z.literal(true),
    changes: z.array(Change),
    cursor: z.number().int(), // pull again from here
    hasMore: z.boolean(),
    headSeq: z.number().int(),
  }),
  z.object({ ok: z.literal(false), error: WireError }),
]);
export type PullReply = z.infer<typeof PullReply>;

/** Live fan-out of one committed batch: the changes (fromSeq, toSeq], compacted per ticket. */
export const LiveChanges = z.object({ changes: z.array(Change), fromSeq: z.number().int(), toSeq: z.number().int() });
export type LiveChanges = z.infer<typeof LiveChanges>;

export const SEAT_STATES = ['ready', 'on_call', 'wrap_up', 'break', 'offline'] as const;
export type SeatState = (typeof SEAT_STATES)[number];
export const SEAT_STATE_LABELS: Record<SeatState, string> = {
  ready: '就绪',
  on_call: '通话中',
  wrap_up: '话后处理',
  break: '小休',
  offline: '离线',
};

export const SeatStateRequest = z
  .object({ seat: z.string().regex(/^[A-Za-z0-9-]{1,12}$/), state: z.enum(SEAT_STATES) })
  .strict();

export const SeatPresence = z.object({
  seat: z.string(),
  userId: z.string(),
  displayName: z.string(),
  state: z.enum(SEAT_STATES),
  since: z.string(),
});
export type SeatPresence = z.infer<typeof SeatPresence>;
export const SeatBoard = z.object({ seats: z.array(SeatPresence) });

export const SimpleReply = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: WireError })]);

export const LoginRequest = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();
export const LoginReply = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), unitId: z.string().nullable().optional() }),
});
export type LoginReply = z.infer<typeof LoginReply>;

export const PASSWORD_MIN = 10;

export const CreateUserRequest = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9_.-]{2,32}$/, { message: '用户名只能是2–32位字母、数字或 _ . -' }),
    displayName: z.string().trim().min(1).max(40),
    role: z.enum(ROLES),
    password: z.string().min(PASSWORD_MIN, { message: `密码至少${PASSWORD_MIN}位` }).max(256),
    // A unit account belongs to exactly one unit of the registry (required for role unit).
    unitId: z.string().max(64).optional(),
  })
  .strict()
  .refine((u) => (u.role === 'unit') === !!u.unitId, { message: '承办单位账号必须指定所属单位（其他角色不能指定）', path: ['unitId'] });

export const ChangePasswordRequest = z
  .object({
    oldPassword: z.string().min(1).max(256),
    newPassword: z.string().min(PASSWORD_MIN, { message: `新密码至少${PASSWORD_MIN}位` }).max(256),
  })
  .strict();
