/**
 * The client sync engine (DESIGN.md "Sync model", docs/SYNC.md): a transactional outbox pushed
 * in order, a cursor-based pull of the server's change feed, live changes, reconnects with
 * backoff. Plain Node (socket.io-client); no electron.
 *
 * API:
 *   const sync = createSyncClient({ sqlite, serverUrl, credentials | token, clientId, onStatus, onTicketsChanged })
 *   sync.start()     connect and keep connected (reconnects with exponential backoff + full jitter)
 *   sync.syncNow()   push/pull now (call after writing to the outbox; a poll also notices new entries)
 *   sync.status()    { state: 'online'|'offline'|'syncing'|'error', pending, detail }
 *   sync.setCredentials({username, password})   after a refused password or a change of user
 *   await sync.stop()
 *
 * Guarantees: an outbox entry is deleted only in the transaction that records the server's answer
 * for it; entries are sent in outbox order, one batch in flight; a batch whose answer is lost is
 * resent and the server answers it from its applied-mutations record (no double application).
 */
import type Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import type { ConnectionStatus } from '../../../shared/contract';
import type { Mutation } from '../../../shared/commands';
import { CataloguePublished, LoginReply, LiveChanges, type SeatState, PullReply, PushReply, WIRE, WIRE_LIMITS, type Change } from '../../../shared/sync-wire';
import { fullJitterDelay } from './backoff';
import { createLocalStore, type OutboxRow } from './local-store';

export interface SyncClientOptions {
  sqlite: Database.Database;
  serverUrl: string;
  clientId: string;
  credentials?: { username: string; password: string };
  token?: string;
  onStatus?: (status: ConnectionStatus) => void;
  onTicketsChanged?: (ids: string[]) => void;
  /** The engine signed in by itself (offline sign-in, expired token): here is the new session. */
  onLogin?: (reply: LoginReply) => void;
  /** Connected with this token (e.g. to fetch the catalogue over HTTP with the same session). */
  onConnected?: (token: string) => void;
  /** The server published a new responsibility catalogue version. */
  onCataloguePublished?: (version: number, token: string) => void;
  /** A corrupt outbox entry was set aside (reason in Chinese). */
  onQuarantine?: (info: { mutationId: string; reason: string; ticketId: string | null }) => void;
  batchSize?: number; // mutations per push (default 200, max 500)
  pullLimit?: number; // changes per pull page (default 500)
  requestTimeoutMs?: number; // an ack not back by then counts as lost (default 15 s)
  backoff?: { baseMs: number; maxMs: number };
  pollMs?: number; // how often to look for new outbox entries when idle (default 500 ms)
  random?: () => number;
  now?: () => Date;
}

export interface SyncClient {
  start(): void;
  stop(): Promise<void>;
  syncNow(): Promise<void>;
  status(): ConnectionStatus;
  /** New sign-in details (after a refused password or a change of user): reconnects with them. */
  setCredentials(credentials: { username: string; password: string }): void;
  /** The agent's seat state (就绪/通话中/话后处理/小休), sent now if connected and again on every reconnect. */
  setSeatState(seat: string, state: Exclude<SeatState, 'offline'>): void;
  /** Tests and benches: resolves when connected and nothing is pending (or rejects after timeoutMs). */
  whenIdle(timeoutMs: number): Promise<void>;
}

type SyncState = ConnectionStatus['state'];

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createSyncClient(options: SyncClientOptions): SyncClient {
  const { sqlite, clientId } = options;
  const store = createLocalStore(sqlite, clientId);
  const now = options.now ?? (() => new Date());
  const backoff = { ...(options.backoff ?? { baseMs: 500, maxMs: 30_000 }), random: options.random };
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  let batchSize = Math.min(options.batchSize ?? 200, WIRE_LIMITS.pushBatchMax);
  const pullLimit = Math.min(options.pullLimit ?? 500, WIRE_LIMITS.pullLimitMax);

  let running = false;
  let socket: Socket | null = null;
  let connected = false;
  let token: string | null = options.token ?? null;
  let credentialsNow = options.credentials;
  // The connection's own durability setting (FULL, see db/open.ts), restored after each relaxed commit.
  const durableSync = sqlite.pragma('synchronous', { simple: true }) as number;
  let attempt = 0;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let cycle: Promise<void> | null = null;
  let connecting: Promise<void> | null = null;
  let again = false; // another cycle was asked for while one ran
  let pullWanted = false;
  let current: ConnectionStatus = { state: 'offline', pending: store.pendingCount(), detail: '尚未连接服务器' };
  let lastError: string | null = null;
  let seatState: { seat: string; state: Exclude<SeatState, 'offline'> } | null = null;

  /** Presence is best effort: a lost update is corrected by the next one or the next reconnect. */
  function sendSeatState(): void {
    if (socket && connected && seatState) socket.emit(WIRE.seatState, seatState, () => undefined);
  }

  function setStatus(state: SyncState, detail: string | null): void {
    const quarantined = store.quarantinedCount();
    const note = quarantined > 0 ? `${quarantined} 条本地同步记录损坏，已隔离，请联系管理员` : null;
    const next: ConnectionStatus = {
      state: state !== 'offline' && quarantined > 0 && state !== 'syncing' ? 'error' : state,
      pending: store.pendingCount(),
      detail: [detail, note].filter(Boolean).join('；') || null,
    };
    if (next.state === current.state && next.pending === current.pending && next.detail === current.detail) return;
    current = next;
    options.onStatus?.(next);
  }

  function changed(ids: Iterable<string>): void {
    const list = [...ids];
    if (list.length > 0) options.onTicketsChanged?.(list);
  }

  async function login(): Promise<string> {
    if (!credentialsNow) throw new Error('没有登录凭据');
    const response = await fetch(new URL('/api/login', options.serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentialsNow),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as unknown;
    if (!response.ok) {
      const message = (body as { error?: { message?: string } }).error?.message ?? `登录失败（HTTP ${response.status}）`;
      throw Object.assign(new Error(message), { fatal: response.status === 401 });
    }
    const reply = LoginReply.parse(body);
    options.onLogin?.(reply); // the host keeps the token, so a restart resumes without a password
    return reply.token;
  }

  function scheduleReconnect(): void {
    if (!running || reconnectTimer) return;
    const delay = fullJitterDelay(attempt, backoff);
    attempt += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connecting = connect();
    }, delay);
  }

  function dropSocket(): void {
    connected = false;
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
      socket = null;
    }
  }

  let signingIn = false;

  async function connect(): Promise<void> {
    if (!running || socket || signingIn) return;
    try {
      signingIn = true;
      if (!token) token = await login();
    } catch (error) {
      if (!running) return; // stopped while signing in: the database may be closed already
      lastError = (error as Error).message;
      if ((error as { fatal?: boolean }).fatal) {
        // Wrong credentials: retrying would only lock the account. Wait for new credentials.
        setStatus('error', `无法登录服务器：${lastError}，请重新登录`);
        return;
      }
      setStatus('offline', `无法登录服务器：${lastError}`);
      scheduleReconnect();
      return;
    } finally {
      signingIn = false;
    }
    if (!running || socket) return;
    const s = io(options.serverUrl, {
      auth: { token, clientId },
      reconnection: false, // our own backoff with jitter (see backoff.ts)
      transports: ['websocket'],
      timeout: timeoutMs,
      forceNew: true,
    });
    socket = s;
    s.on('connect', () => {
      connected = true; // the backoff resets only after a whole sync pass succeeds
      setStatus('syncing', '正在同步');
      pullWanted = true;
      void runCycle();
      sendSeatState();
      if (token) options.onConnected?.(token);
    });
    s.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      if (socket !== s) return;
      dropSocket();
      if (error.data?.code === 'UNAUTHORIZED') {
        token = null; // stale token: sign in again (with credentials) on the next attempt
        if (!credentialsNow) {
          setStatus('error', error.data.message ?? '登录已失效');
          return; // nothing to retry with
        }
      }
      setStatus('offline', '无法连接服务器，稍后自动重试');
      scheduleReconnect();
    });
    s.on('disconnect', () => {
      if (socket !== s) return;
      dropSocket();
      setStatus('offline', '与服务器的连接已断开，稍后自动重连');
      scheduleReconnect();
    });
    s.on(WIRE.changes, (payload: unknown) => onLive(payload));
    s.on(WIRE.catalogue, (payload: unknown) => {
      const published = CataloguePublished.safeParse(payload);
      if (published.success && token) options.onCataloguePublished?.(published.data.version, token);
    });
  }

  /** Live fan-out from other clients. A gap between our cursor and the batch triggers a pull. */
  function onLive(payload: unknown): void {
    const parsed = LiveChanges.safeParse(payload);
    if (!parsed.success) return;
    const { changes, fromSeq, toSeq } = parsed.data;
    const touched = applyChanges(changes, (cursor) => (fromSeq <= cursor ? Math.max(cursor, toSeq) : cursor));
    if (store.cursor() < toSeq) {
      pullWanted = true;
      void runCycle();
    }
    changed(touched);
  }

  /**
   * Applies server changes in one transaction and moves the cursor as `advance` says.
   *
   * Committed without waiting for the disk (synchronous=NORMAL for this transaction only): what
   * the server sent can always be fetched again, and the cursor lives in the same transaction, so
   * a power cut can only roll both back together. WAL keeps commits in order, and the next
   * FULL commit of a local change flushes these too. Saves one fsync per live change per seat.
   */
  const applyTx = sqlite.transaction((changes: Change[], advance: (cursor: number) => number): string[] => {
    const touched: string[] = [];
    const pending = store.pendingTicketIds();
    for (const change of changes) if (store.applyChange(change, pending)) touched.push(change.ticket.id);
    const before = store.cursor();
    const after = advance(before);
    if (after !== before) store.setCursor(after);
    return touched;
  });
  const relaxSync = sqlite.prepare('PRAGMA synchronous = NORMAL');
  const restoreSync = sqlite.prepare(`PRAGMA synchronous = ${durableSync}`);

  function applyChanges(changes: Change[], advance: (cursor: number) => number): string[] {
    relaxSync.run();
    try {
      return applyTx(changes, advance);
    } finally {
      restoreSync.run();
    }
  }

  async function request<T>(event: string, payload: unknown, schema: { parse: (v: unknown) => T }): Promise<T> {
    const s = socket;
    if (!s || !connected) throw new Error('未连接');
    const reply = (await s.timeout(timeoutMs).emitWithAck(event, payload)) as unknown;
    return schema.parse(reply);
  }

  async function pullAll(): Promise<void> {
    while (connected) {
      pullWanted = false;
      const after = store.cursor();
      const reply = await request(WIRE.pull, { after, limit: pullLimit }, PullReply);
      if (!reply.ok) throw new Error(reply.error.message);
      // The server's data went back in time (restored backup): start over from zero.
      const restart = reply.cursor < after && reply.changes.length === 0;
      const next = restart ? 0 : reply.cursor;
      const touched = applyChanges(reply.changes, (cursor) => (cursor === after ? next : cursor));
      changed(touched);
      if (!reply.hasMore && !pullWanted && !restart) return;
      await yieldToLoop();
    }
  }

  /** Pushes the outbox head in bounded batches, one in flight, yielding to the event loop between them. */
  async function pushAll(): Promise<void> {
    while (connected) {
      const batch = store.readBatch(batchSize);
      const sendable: { mutation: Mutation; row: OutboxRow }[] = [];
      for (const item of batch) {
        if ('invalid' in item) {
          const ticketId = sqlite.transaction(() => store.quarantine(item.row, item.invalid))();
          options.onQuarantine?.({ mutationId: item.row.mutation_id, reason: item.invalid, ticketId });
          if (ticketId) changed([ticketId]);
        } else sendable.push(item);
      }
      if (batch.length === 0) return;
      if (sendable.length === 0) continue;
      setStatus('syncing', `正在上传 ${store.pendingCount()} 条`);
      let reply: PushReply;
      try {
        reply = await request(WIRE.push, { mutations: sendable.map((s) => s.mutation) }, PushReply);
      } catch (error) {
        sqlite.transaction(() => store.noteAttempt(sendable.map((s) => s.row), (error as Error).message))();
        throw error;
      }
      if (!reply.ok) {
        if (reply.error.code === 'TOO_LARGE' && batchSize > 1) {
          batchSize = Math.max(1, Math.floor(batchSize / 2));
          continue;
        }
        sqlite.transaction(() => store.noteAttempt(sendable.map((s) => s.row), reply.error.message))();
        throw new Error(reply.error.message);
      }
      const sent = new Map(sendable.map((s) => [s.mutation.mutationId, s.mutation]));
      const { fromSeq, toSeq, results } = reply;
      let touched = new Set<string>();
      sqlite.transaction(() => {
        touched = store.recordResults(sent, results, now().toISOString());
        const cursor = store.cursor();
        if (fromSeq <= cursor && toSeq > cursor) store.setCursor(toSeq);
        else if (fromSeq > cursor) pullWanted = true;
      })();
      changed(touched);
      if (pullWanted) await pullAll();
      await yieldToLoop();
    }
  }

  /** One sync pass (pull, then push), serialized: a request during a pass schedules one more. */
  function runCycle(): Promise<void> {
    if (cycle) {
      again = true;
      return cycle;
    }
    cycle = (async () => {
      try {
        do {
          again = false;
          if (!connected) break;
          if (pullWanted) await pullAll();
          await pushAll();
        } while (again && connected);
        if (connected) {
          lastError = null;
          attempt = 0;
          setStatus('online', null);
        }
      } catch (error) {
        lastError = (error as Error).message;
        // Unknown state (lost ack, server error): reconnect and start over; resends are safe.
        if (socket) {
          dropSocket();
          setStatus('offline', `同步中断：${lastError}，稍后自动重试`);
          scheduleReconnect();
        }
      } finally {
        cycle = null;
      }
    })();
    return cycle;
  }

  function poll(): void {
    if (!running) return;
    if (connected && !cycle && store.pendingCount() > 0) void runCycle();
    else if (!connected) setStatus(current.state === 'error' ? 'error' : 'offline', current.detail);
  }

  return {
    start() {
      if (running) return;
      running = true;
      pollTimer = setInterval(poll, options.pollMs ?? 500);
      connecting = connect();
    },
    async stop() {
      running = false;
      if (pollTimer) clearInterval(pollTimer);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      pollTimer = reconnectTimer = null;
      dropSocket();
      await connecting?.catch(() => undefined);
      dropSocket(); // a sign-in that finished meanwhile may have opened one
      await cycle?.catch(() => undefined);
      setStatus('offline', '同步已停止');
    },
    async syncNow() {
      if (!running) return;
      if (connected) return runCycle();
      if (reconnectTimer) {
        clearTimeout(reconnectTimer);
        reconnectTimer = null;
      }
      connecting = connect();
    },
    status: () => current,
    setCredentials(credentials) {
      credentialsNow = credentials;
      token = null;
      dropSocket();
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      attempt = 0;
      if (running) connecting = connect();
    },
    setSeatState(seat, state) {
      seatState = { seat, state };
      sendSeatState();
    },
    async whenIdle(waitMs) {
      const deadline = Date.now() + waitMs;
      while (Date.now() < deadline) {
        if (connected && !cycle && store.pendingCount() === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`同步在 ${waitMs} ms 内未完成（待上传 ${store.pendingCount()} 条，最近错误：${lastError ?? '无'}）`);
    },
  };
}
