/**
 * The client core: one object that owns the local database and answers every method of the
 * shared contract. Both transports (Electron IPC and web mode HTTP) call `handle`, which
 * validates the input against the contract's zod schema before any handler runs, so a malformed
 * call can never reach the store. Plain Node: no electron import here.
 */
import { EventEmitter } from 'node:events';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import {
  API,
  isApiMethod,
  type ApiMethod,
  type ApiOutput,
  type ApiResult,
  type ConnectionStatus,
  type EventName,
  type EventPayload,
  type Session,
} from '../../shared/contract';
import { AppError, toApiError, validationError } from '../../shared/errors';
import { redact } from '../../shared/privacy';
import { appendAudit } from './audit/audit-log';
import { openDatabase, StorageError, type OpenedDatabase, type StorageFailure } from './db/open';
import { createDraftStore } from './drafts/draft-store';
import { createDispatchDesk } from './dispatch/dispatch-desk';
import { createEmergencyDesk } from './emergency/emergency-desk';
import { loadGazetteer } from './gazetteer/gazetteer';
import { readSetting, writeSetting, deleteSetting } from './settings/settings';
import { loadTaxonomy } from './taxonomy/taxonomy';
import { manualTelephony, type TelephonyAdapter } from './telephony/telephony';
import { pendingOutboxCount } from './tickets/outbox';
import { statement } from './db/statements';
import { createTicketStore, type Clock } from './tickets/ticket-store';
import { createServerLink, type ServerLink } from './server-link';
import { createCatalogueSync } from './catalogue-sync';
import type { AssistProvider } from './assist';

export interface ClientCoreOptions {
  dataDir: string;
  mode: 'electron' | 'web';
  version: string;
  clock?: Clock;
  telephony?: TelephonyAdapter;
  assist?: AssistProvider;
  /** Central server to sync with; null or absent = local profile only. */
  serverUrl?: string | null;
}

type Handlers = {
  [M in ApiMethod]: (input: z.output<(typeof API)[M]['input']>) => ApiOutput<M> | Promise<ApiOutput<M>>;
};

export interface ClientCore {
  handle(method: unknown, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Set when the database could not be opened; every call then answers with this failure. */
  readonly storageFailure: StorageFailure | null;
  readonly opened: OpenedDatabase | null;
  setConnectionStatus(status: ConnectionStatus): void;
  /** The sync link, when a server is configured (tests wait on it). */
  readonly serverLink: ServerLink | null;
  close(): Promise<void>;
}

/** Methods that work without a signed-in seat. */
const PUBLIC_METHODS = new Set<ApiMethod>(['app.info', 'session.current', 'session.signIn', 'divisions.list', 'taxonomy.list', 'sync.status']);

export function createClientCore(options: ClientCoreOptions): ClientCore {
  const clock = options.clock ?? (() => new Date());
  const events = new EventEmitter();
  let connection: ConnectionStatus = { state: 'disabled', pending: 0, detail: '未配置服务器，仅本地保存' };

  let opened: OpenedDatabase | null = null;
  let storageFailure: StorageFailure | null = null;
  try {
    opened = openDatabase(options.dataDir, clock);
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
    storageFailure = error.failure;
  }

  const gazetteer = loadGazetteer();
  const taxonomy = loadTaxonomy();

  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => events.emit('event', name, payload);

  if (!opened) {
    const failure = storageFailure!;
    return {
      storageFailure,
      opened: null,
      async handle() {
        return { ok: false, error: { code: 'STORAGE', message: failure.message } };
      },
      onEvent: () => () => undefined,
      emit,
      setConnectionStatus: () => undefined,
      serverLink: null,
      close: async () => undefined,
    };
  }

  const db = opened;
  connection = { ...connection, pending: pendingOutboxCount(db.sqlite) };
  const ticketStore = createTicketStore({ opened: db, clock, gazetteer, taxonomy });
  const draftStore = createDraftStore({ opened: db, clock });
  const dispatchDesk = createDispatchDesk({ opened: db, clock, tickets: ticketStore, assist: options.assist });
  const emergencyDesk = createEmergencyDesk({
    opened: db,
    clock,
    tickets: ticketStore,
    telephony: options.telephony ?? manualTelephony,
    gazetteer,
    taxonomy,
  });

  // Assist feedback is kept for retraining, not for ever: 180 days.
  db.sqlite.prepare('DELETE FROM assist_feedback WHERE at < ?').run(new Date(clock().getTime() - 180 * 86_400_000).toISOString());

  // The client id names this installation to the server (idempotency key half); made once.
  if (!readSetting<string>(db.sqlite, 'client_id')) writeSetting(db.sqlite, 'client_id', uuidv7());
  const clientId = readSetting<string>(db.sqlite, 'client_id')!;

  const catalogueSync = options.assist ? createCatalogueSync({ sqlite: db.sqlite, assist: options.assist, clock }) : null;
  catalogueSync?.loadCached();

  const serverLink = options.serverUrl
    ? createServerLink({
        sqlite: db.sqlite,
        serverUrl: options.serverUrl,
        clientId,
        clock,
        onStatus: (status) => {
          connection = status;
          emit('sync.status', status);
        },
        onTicketsChanged: (ids) => emit('tickets.changed', { ids }),
        onCatalogueCheck: (token) => void catalogueSync?.refresh(options.serverUrl!, token),
      })
    : null;
  if (serverLink) {
    connection = { state: 'offline', pending: pendingOutboxCount(db.sqlite), detail: '正在连接服务器' };
    const resumed = readSetting<Session>(db.sqlite, 'session');
    if (resumed?.username) {
      serverLink.resume();
      serverLink.setSeatState(resumed.seat, readSetting<'ready' | 'on_call' | 'wrap_up' | 'break'>(db.sqlite, 'seat_state') ?? 'ready');
    }
  }

  function session(): Session {
    const current = readSetting<Session>(db.sqlite, 'session');
    if (!current) throw new AppError('NOT_SIGNED_IN', '请先登录坐席');
    return current;
  }

  // The pending count shown in the header, kept up to date without a COUNT(*) over the outbox on
  // every save (that scan grew with the backlog: 10,000 offline saves made each save slower). The
  // sync engine reports the exact count whenever it runs; `sync.status` always counts exactly.
  let lastOutboxSeq = outboxHeadSeq();
  function outboxHeadSeq(): number {
    return (statement(db.sqlite, 'SELECT COALESCE(MAX(seq), 0) AS seq FROM outbox').get() as { seq: number }).seq;
  }

  /** After a local write: show the new pending count and push it now. */
  function afterWrite(): void {
    const head = outboxHeadSeq();
    connection = { ...connection, pending: connection.pending + (head - lastOutboxSeq) };
    lastOutboxSeq = head;
    emit('sync.status', connection);
    serverLink?.nudge();
  }

  async function signIn(input: { agentName?: string; username?: string; password?: string; seat: string }): Promise<Session> {
    const signedInAt = clock().toISOString();
    let next: Session;
    if (serverLink) {
      const fieldErrors: Record<string, string> = {};
      if (!input.username) fieldErrors.username = '请填写用户名';
      if (!input.password) fieldErrors.password = '请填写密码';
      if (Object.keys(fieldErrors).length) throw new AppError('VALIDATION', '请填写用户名和密码', fieldErrors);
      const user = await serverLink.signIn(input.username!, input.password!);
      next = {
        agentId: user.username,
        agentName: user.displayName,
        seat: input.seat,
        signedInAt,
        username: user.username,
        role: user.role,
        offline: user.offline,
      };
    } else {
      if (!input.agentName) throw new AppError('VALIDATION', '请填写坐席人员姓名', { agentName: '请填写坐席人员姓名' });
      next = { agentId: `${input.seat}:${input.agentName}`, agentName: input.agentName, seat: input.seat, signedInAt };
    }
    db.sqlite.transaction(() => {
      writeSetting(db.sqlite, 'session', next);
      writeSetting(db.sqlite, 'seat_state', 'ready');
      appendAudit(db.sqlite, { at: signedInAt, actor: `${next.agentName}@${next.seat}`, action: next.offline ? 'session.sign_in_offline' : 'session.sign_in' });
    })();
    serverLink?.setSeatState(next.seat, 'ready');
    return next;
  }

  const handlers: Handlers = {
    'app.info': () => ({ version: options.version, mode: options.mode, dataDir: options.dataDir, serverUrl: options.serverUrl ?? null }),
    'session.current': () => readSetting<Session>(db.sqlite, 'session') ?? null,
    'session.signIn': (input) => signIn(input),
    'session.signOut': async () => {
      await serverLink?.signOut();
      const current = readSetting<Session>(db.sqlite, 'session');
      db.sqlite.transaction(() => {
        deleteSetting(db.sqlite, 'session');
        if (current) appendAudit(db.sqlite, { at: clock().toISOString(), actor: `${current.agentName}@${current.seat}`, action: 'session.sign_out' });
      })();
      return null;
    },
    'seat.setState': ({ state }) => {
      const current = session();
      writeSetting(db.sqlite, 'seat_state', state);
      serverLink?.setSeatState(current.seat, state);
      return { state };
    },
    'seat.current': () => ({ state: readSetting<'ready' | 'on_call' | 'wrap_up' | 'break'>(db.sqlite, 'seat_state') ?? 'ready' }),
    'divisions.list': () => gazetteer.all(),
    'taxonomy.list': () => taxonomy,
    'tickets.create': ({ appeal, draftId }) => {
      const created = ticketStore.create(appeal, session(), { draftId });
      emit('tickets.changed', { ids: [created.id] });
      afterWrite();
      return created;
    },
    'tickets.list': (query) => ticketStore.list(query),
    'tickets.edit': ({ id, changes }) => {
      const edited = ticketStore.edit(id, changes, session());
      emit('tickets.changed', { ids: [id] });
      afterWrite();
      return edited;
    },
    'tickets.get': ({ id }) => ticketStore.get(id, session()),
    'drafts.save': ({ id, appeal }) => draftStore.save(id, appeal),
    'drafts.latest': () => draftStore.latest(),
    'drafts.discard': ({ id }) => {
      const current = session();
      draftStore.discard(id, `${current.agentName}@${current.seat}`);
      return null;
    },
    'sync.status': () => ({ ...connection, pending: pendingOutboxCount(db.sqlite) }),
    'assist.suggest': (input) => {
      if (!options.assist) throw new AppError('INTERNAL', '辅助建议暂不可用');
      return options.assist.suggest(input);
    },
    'assist.feedback': (feedback) => {
      const current = session();
      db.sqlite
        .prepare(
          'INSERT INTO assist_feedback(at, actor, draft_id, field, suggested, chosen, accepted, text_snapshot) VALUES(?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          clock().toISOString(),
          `${current.agentName}@${current.seat}`,
          feedback.draftId,
          feedback.field,
          feedback.suggested,
          feedback.chosen,
          feedback.accepted ? 1 : 0,
          // Callers say their numbers aloud and agents type them into the text: mask before keeping.
          redact(feedback.textSnapshot),
        );
      return null;
    },
    'dispatch.suggest': ({ ticketId }) => dispatchDesk.suggest(ticketId),
    'dispatch.send': ({ ticketId, entryId, note }) => {
      const ticket = dispatchDesk.send(ticketId, entryId, note, session());
      emit('tickets.changed', { ids: [ticketId] });
      afterWrite();
      return ticket;
    },
    'tickets.closeWithoutDispatch': ({ ticketId, closure }) => {
      const ticket = dispatchDesk.closeWithoutDispatch(ticketId, closure, session());
      emit('tickets.changed', { ids: [ticketId] });
      afterWrite();
      return ticket;
    },
    'emergency.record': (decision) => {
      const result = emergencyDesk.record(decision, session());
      if (result) {
        emit('tickets.changed', { ids: [result.ticketId] });
        afterWrite();
      }
      return result;
    },
  };

  async function handle(method: unknown, input: unknown): Promise<ApiResult<unknown>> {
    try {
      if (!isApiMethod(method)) throw new AppError('UNKNOWN_METHOD', `未知的调用：${String(method).slice(0, 60)}`);
      const parsed = API[method].input.safeParse(input ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      if (!PUBLIC_METHODS.has(method)) session();
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (!(error instanceof AppError)) logUnexpected(method, error);
      return { ok: false, error: toApiError(error) };
    }
  }

  return {
    storageFailure: null,
    opened: db,
    handle,
    onEvent(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    emit,
    setConnectionStatus(status) {
      connection = status;
      emit('sync.status', status);
    },
    serverLink,
    async close() {
      await serverLink?.stop();
      events.removeAllListeners();
      db.sqlite.close();
    },
  };
}

/** Unexpected errors are logged by method and message only: inputs may hold personal data. */
function logUnexpected(method: unknown, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[core] ${String(method).slice(0, 60)} failed: ${redact(message)}`);
}


