/**
 * The mutation applier: exactly-once application of pushed commands.
 *
 * A push batch runs in ONE database transaction; each mutation runs in a savepoint inside it and
 * writes its `(client_id, mutation_id)` row to applied_mutations next to its effects, so a command
 * that is resent (lost ack, reconnect, duplicate delivery) finds its row and gets the stored answer
 * instead of being applied again. A rejection is stored the same way and recorded in the ticket's
 * history when the ticket exists: a refused command is never dropped silently. One commit per
 * batch keeps fsyncs per batch, not per command.
 */
import { Mutation } from '../../shared/commands';
import { fieldErrorsFromZod } from '../../shared/errors';
import type { AuthUser } from '../auth/accounts';
import { ROLE_LABELS } from '../auth/roles';
import type { ServerDb } from '../db/open';
import type { Change, MutationResult, WireErrorCode } from '../../shared/sync-wire';
import { handlerFor, Rejection } from './commands';
import { serverStore, type ServerStore } from './store';

export interface PushOutcome {
  results: MutationResult[];
  /** New changes made by this batch, in seq order: broadcast to the other clients. */
  changes: Change[];
  fromSeq: number;
  toSeq: number;
}

interface Decided {
  mutationId: string | null;
  status: 'applied' | 'rejected';
  duplicate: boolean;
  code: WireErrorCode | null;
  reason: string | null;
  ticketId: string | null;
  officialNo: string | null;
  seq: number | null;
  version?: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function rawMutationId(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && 'mutationId' in raw) {
    const id = (raw as { mutationId: unknown }).mutationId;
    if (typeof id === 'string' && UUID.test(id)) return id;
  }
  return null;
}

function recordApplied(store: ServerStore, clientId: string, userId: string, type: string, d: Decided, now: Date): void {
  if (!d.mutationId) return;
  store.insertApplied({
      clientId,
      mutationId: d.mutationId,
      userId,
      type,
      status: d.status,
      code: d.code,
      reason: d.reason,
      ticketId: d.ticketId,
      officialNo: d.officialNo,
      seq: d.seq,
      version: d.version ?? null,
      appliedAt: now.toISOString(),
    });
}

const TRANSIENT = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|NOMEM|READONLY|CANTOPEN|PROTOCOL)/;

export function isTransientStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.test(code);
}

function applyOne(store: ServerStore, user: AuthUser, clientId: string, raw: unknown, now: Date): Decided {
  const parsed = Mutation.safeParse(raw);
  if (!parsed.success) {
    const fields = fieldErrorsFromZod(parsed.error);
    const [path, message] = Object.entries(fields)[0] ?? ['_', '格式错误'];
    const decided: Decided = {
      mutationId: rawMutationId(raw),
      status: 'rejected',
      duplicate: false,
      code: 'VALIDATION',
      reason: `命令格式不正确（${path}：${message}）`,
      ticketId: null,
      officialNo: null,
      seq: null,
    };
    return decided; // not recorded: a malformed command has no trustworthy identity
  }
  const mutation = parsed.data;
  const base = { mutationId: mutation.mutationId, duplicate: false, ticketId: null, officialNo: null, seq: null };
  if (mutation.clientId !== clientId) {
    return { ...base, status: 'rejected', code: 'FORBIDDEN', reason: '命令的客户端编号与本连接不符' };
  }

  const previous = store.findApplied(clientId, mutation.mutationId);
  if (previous) {
    return {
      mutationId: previous.mutationId,
      status: previous.status === 'applied' ? 'applied' : 'rejected',
      duplicate: true,
      code: (previous.code as WireErrorCode | null) ?? null,
      reason: previous.reason,
      ticketId: previous.ticketId,
      officialNo: previous.officialNo,
      seq: previous.seq,
    };
  }

  const handler = handlerFor(mutation.command);
  const ticketId = handler.ticketId(mutation.command);
  let decided: Decided;
  try {
    if (!handler.roles.includes(user.role)) {
      throw new Rejection('FORBIDDEN', `当前账号角色（${ROLE_LABELS[user.role]}）无权${handler.label}`);
    }
    // Savepoint: a rejected command leaves no partial effect behind.
    const effect = store.db.transaction(() => handler.apply({ store, user, mutation, now }, mutation.command));
    decided = { ...base, status: 'applied', code: null, reason: null, ...effect };
  } catch (error) {
    // The disk, not the command, failed: fail the whole batch so the client resends it later,
    // rather than refusing a good command for ever.
    if (isTransientStorageError(error)) throw error;
    const rejection =
      error instanceof Rejection ? error : new Rejection('INTERNAL', '服务器处理该命令时出错，已记录，请联系管理员');
    if (!(error instanceof Rejection)) console.error('[sync] handler failed', mutation.command.type, (error as Error).message);
    decided = { ...base, status: 'rejected', code: rejection.code, reason: rejection.reason, ticketId };
    const ticket = store.findTicket(ticketId);
    if (ticket && !store.eventExists(mutation.mutationId)) {
      // The refusal becomes part of the ticket's history on every replica.
      const seq = store.nextSeq();
      store.touchTicket(ticketId, seq);
      store.insertEvent(
        {
          id: mutation.mutationId,
          ticketId,
          at: now.toISOString(),
          actor: '中心服务器',
          kind: 'rejected',
          summary: `服务器拒绝了${handler.label}：${rejection.reason}`,
          data: { code: rejection.code, command: mutation.command.type, by: user.username },
        },
        seq,
      );
      decided.officialNo = ticket.officialNo;
      decided.seq = seq;
    } else {
      decided.ticketId = ticket ? ticketId : null;
    }
  }
  recordApplied(store, clientId, user.id, mutation.command.type, decided, now);
  return decided;
}

export function applyPush(db: ServerDb, user: AuthUser, clientId: string, raw: readonly unknown[], now: Date): PushOutcome {
  const store = serverStore(db);
  return db.transaction(() => {
    const fromSeq = store.headSeq();
    const decided = raw.map((item) => applyOne(store, user, clientId, item, now));
    const ids = new Set(decided.map((d) => d.ticketId).filter((id): id is string => id !== null));
    const current = new Map(store.changesForIds(ids).map((c) => [c.ticket.id, c]));
    const results: MutationResult[] = decided.map((d) => ({
      mutationId: d.mutationId,
      status: d.status,
      duplicate: d.duplicate,
      code: d.code,
      reason: d.reason,
      officialNo: d.officialNo,
      seq: d.seq,
      change: d.ticketId ? (current.get(d.ticketId) ?? null) : null,
    }));
    const fresh = new Set(decided.filter((d) => !d.duplicate && d.seq !== null).map((d) => d.ticketId));
    const changes = [...current.values()].filter((c) => fresh.has(c.ticket.id)).sort((a, b) => a.seq - b.seq);
    return { results, changes, fromSeq, toSeq: store.headSeq() };
  });
}
