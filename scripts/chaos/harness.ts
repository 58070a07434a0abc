/**
 * Shared by the fault tests, the chaos run and the benchmarks: a real server process, sync
 * clients with their own SQLite caches, ticket writes through the lead's ticket store, and the
 * convergence check (every ticket exactly once everywhere, same content and history, empty
 * outboxes, no command applied twice).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { Session } from '../../src/shared/contract';
import { APPEAL_TYPES, CHANNELS, TIME_TIERS } from '../../src/shared/domain';
import { openDatabase, type OpenedDatabase } from '../../src/main/core/db/open';
import { loadGazetteer } from '../../src/main/core/gazetteer/gazetteer';
import { loadTaxonomy } from '../../src/main/core/taxonomy/taxonomy';
import { createTicketStore, type TicketStore } from '../../src/main/core/tickets/ticket-store';
import { enqueueCommand } from '../../src/main/core/tickets/outbox';
import { createSyncClient, type SyncClient, type SyncClientOptions } from '../../src/main/core/sync';
import { SERVER_DB_FILE } from '../../src/server/db/open';
import { seededRandom } from '../../src/shared/seeded-random';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_PASSWORD = 'chaos-demo-pass';

const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hotline-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes the directories tempDir made in this process (call when done; keep them on failure to inspect). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A small deterministic PRNG so a printed seed replays the same run. */
export const rng = seededRandom;

// ---------------------------------------------------------------------------------------------
// Server process

export interface ServerProcess {
  port: number;
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `src/server/cli.ts` as a real process and waits for its "listening" line. */
export async function spawnServer(
  dataDir: string,
  options: { port?: number; demoPassword?: string | null } = {},
): Promise<ServerProcess & { stdout: () => string }> {
  const demo = options.demoPassword === undefined ? DEMO_PASSWORD : options.demoPassword;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/server/cli.ts',
      '--data-dir',
      dataDir,
      '--port',
      String(options.port ?? 0),
      '--host',
      '127.0.0.1',
      ...(demo === null ? [] : ['--demo-password', demo]),
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const actualPort = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s: ${stderr}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /hotline-server listening http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${stderr}`));
    });
  });
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}`,
    child,
    stdout: () => out,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Clients

const taxonomy = loadTaxonomy();
const gazetteer = loadGazetteer();

export function randomAppeal(random: () => number, label: string): Record<string, unknown> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const anonymous = random() < 0.2;
  const district = gazetteer.all().find((d) => d.districtCode === null && random() < 0.3) ?? null;
  return {
    channel: pick(CHANNELS),
    anonymous,
    callerPhone: anonymous ? null : `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
    callerName: anonymous ? '' : pick(['张三', '李四', '王小明', '赵女士']),
    isEnterprise: false,
    enterpriseName: '',
    districtCode: district?.code ?? null,
    streetCode: null,
    address: `测试路${Math.floor(random() * 100)}号`,
    appealType: pick(APPEAL_TYPES),
    categoryPath: pick(taxonomy).path,
    timeTier: pick(TIME_TIERS),
    title: `测试诉求 ${label}`,
    content: `第 ${label} 条诉求内容：小区门口路灯不亮，已经一周了。`,
  };
}

export interface ClientNodeOptions {
  dataDir: string;
  serverUrl: string;
  username: string;
  password?: string; // default: the demo password the harness starts servers with
  skewMs?: number; // this client's clock is off by this much
  sync?: Partial<SyncClientOptions>;
}

/** One client installation: its SQLite cache, the lead's ticket store and the sync engine. */
export class ClientNode {
  opened!: OpenedDatabase;
  store!: TicketStore;
  sync!: SyncClient;
  clientId!: string;
  readonly session: Session;
  quarantined: string[] = [];

  constructor(readonly options: ClientNodeOptions) {
    this.session = { agentId: options.username, agentName: options.username, seat: 'A01', signedInAt: new Date().toISOString() };
    this.open();
  }

  clock = (): Date => new Date(Date.now() + (this.options.skewMs ?? 0));

  private open(): void {
    this.opened = openDatabase(this.options.dataDir, this.clock);
    const row = this.opened.sqlite.prepare("SELECT value FROM settings WHERE key = 'client_id'").get() as { value: string } | undefined;
    this.clientId = row ? (JSON.parse(row.value) as string) : uuidv7();
    if (!row) this.opened.sqlite.prepare("INSERT INTO settings(key, value) VALUES('client_id', ?)").run(JSON.stringify(this.clientId));
    this.store = createTicketStore({ opened: this.opened, clock: this.clock, gazetteer, taxonomy });
    this.sync = createSyncClient({
      sqlite: this.opened.sqlite,
      serverUrl: this.options.serverUrl,
      clientId: this.clientId,
      credentials: { username: this.options.username, password: this.options.password ?? DEMO_PASSWORD },
      backoff: { baseMs: 50, maxMs: 800 },
      requestTimeoutMs: 3000,
      pollMs: 100,
      now: this.clock,
      onQuarantine: (q) => this.quarantined.push(q.mutationId),
      ...this.options.sync,
    });
  }

  start(): this {
    this.sync.start();
    return this;
  }

  create(random: () => number, label: string): string {
    return this.store.create(randomAppeal(random, label), this.session).id;
  }

  /**
   * A field edit, written like the ticket store writes its changes: row + event + outbox command,
   * one transaction. The base version is the server version the local content was built on: the
   * ticket's version, or, while earlier edits of it are still unsent, the base of the first of
   * them (the local content is that version plus this client's own pending edits).
   */
  edit(ticketId: string, title: string): boolean {
    const { sqlite } = this.opened;
    return sqlite.transaction(() => {
      const row = sqlite.prepare('SELECT version FROM tickets WHERE id = ?').get(ticketId) as { version: number } | undefined;
      if (!row) return false;
      const pendingEdits = sqlite.prepare("SELECT payload FROM outbox WHERE quarantined = 0 AND type = 'ticket.edit' ORDER BY seq").all() as { payload: string }[];
      const first = pendingEdits.map((p) => JSON.parse(p.payload) as { ticketId: string; baseVersion: number }).find((c) => c.ticketId === ticketId);
      const baseVersion = first?.baseVersion ?? row.version;
      const at = this.clock().toISOString();
      sqlite.prepare("UPDATE tickets SET title = ?, version = version + 1, updated_at = ?, sync_state = 'pending' WHERE id = ?").run(title, at, ticketId);
      const mutationId = enqueueCommand(sqlite, { type: 'ticket.edit', ticketId, baseVersion, changes: { title } }, at);
      sqlite
        .prepare('INSERT INTO ticket_events(id, ticket_id, at, actor, kind, summary, data) VALUES(?, ?, ?, ?, ?, ?, NULL)')
        .run(mutationId, ticketId, at, this.options.username, 'edited', '修改了标题');
      return true;
    })();
  }

  note(ticketId: string, summary: string): void {
    this.store.addEvent(ticketId, this.session, { kind: 'note', summary, data: { by: 'test' } });
  }

  ticketIds(): string[] {
    return (this.opened.sqlite.prepare('SELECT id FROM tickets').all() as { id: string }[]).map((r) => r.id);
  }

  /** Abrupt stop (as if the process died): no goodbye to the server, database closed as is. */
  async crash(): Promise<void> {
    await this.sync.stop();
    this.opened.sqlite.close();
  }

  restart(): this {
    this.open();
    return this.start();
  }
}

// ---------------------------------------------------------------------------------------------
// Convergence

export interface TicketSnapshot {
  id: string;
  officialNo: string | null;
  provisionalNo: string;
  fields: string; // JSON of the content fields
  version: number;
  events: string; // JSON of the history, ordered by id
}

const CONTENT_COLUMNS = [
  'status', 'channel', 'appeal_type', 'category_path', 'time_tier', 'title', 'content', 'caller_phone', 'caller_name',
  'anonymous', 'is_enterprise', 'enterprise_name', 'district_code', 'street_code', 'address', 'created_at', 'created_by',
  'updated_at',
];

function snapshotTickets(sqlite: Database.Database, provisionalColumn: string): Map<string, TicketSnapshot> {
  const rows = sqlite
    .prepare(`SELECT id, official_no, ${provisionalColumn} AS provisional_no, version, ${CONTENT_COLUMNS.join(', ')} FROM tickets`)
    .all() as Record<string, unknown>[];
  const events = sqlite.prepare('SELECT id, ticket_id, at, actor, kind, summary, data FROM ticket_events ORDER BY id').all() as Record<
    string,
    unknown
  >[];
  const byTicket = new Map<string, unknown[]>();
  for (const e of events) {
    const list = byTicket.get(e.ticket_id as string) ?? [];
    list.push([e.id, e.at, e.actor, e.kind, e.summary, e.data === null ? null : JSON.parse(e.data as string)]);
    byTicket.set(e.ticket_id as string, list);
  }
  const out = new Map<string, TicketSnapshot>();
  for (const r of rows) {
    out.set(r.id as string, {
      id: r.id as string,
      officialNo: r.official_no as string | null,
      provisionalNo: String(r.provisional_no).replace(/@.*$/, ''),
      fields: JSON.stringify(CONTENT_COLUMNS.map((c) => (typeof r[c] === 'number' && (c === 'anonymous' || c === 'is_enterprise') ? Boolean(r[c]) : r[c]))),
      version: r.version as number,
      events: JSON.stringify(byTicket.get(r.id as string) ?? []),
    });
  }
  return out;
}

export function snapshotClient(sqlite: Database.Database): { tickets: Map<string, TicketSnapshot>; outbox: number } {
  const outbox = (sqlite.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
  return { tickets: snapshotTickets(sqlite, 'provisional_no'), outbox };
}

export interface ServerSnapshot {
  tickets: Map<string, TicketSnapshot>;
  duplicates: number; // tickets sharing an id or an official number (must be 0)
  doubleApplied: string[]; // mutations whose effect appears more than once
}

/** Reads the server's database file directly (read-only; WAL lets it run beside the server). */
export function snapshotServer(dataDir: string): ServerSnapshot {
  const sqlite = new Database(path.join(dataDir, SERVER_DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const tickets = snapshotTickets(sqlite, 'provisional_no');
    const dupOfficial = (sqlite.prepare('SELECT COUNT(*) - COUNT(DISTINCT official_no) AS n FROM tickets').get() as { n: number }).n;
    // Every applied edit made exactly one 'edited' event named by its mutation id, and raised the
    // version by one: a command applied twice would show up as a version ahead of its edits.
    const drift = sqlite
      .prepare(`SELECT t.id FROM tickets t WHERE t.version <> 1 + (SELECT COUNT(*) FROM applied_mutations m
        WHERE m.ticket_id = t.id AND m.type = 'ticket.edit' AND m.status = 'applied')`)
      .all() as { id: string }[];
    const createdTwice = sqlite
      .prepare("SELECT ticket_id FROM applied_mutations WHERE type = 'ticket.create' AND status = 'applied' GROUP BY ticket_id HAVING COUNT(*) > 1")
      .all() as { ticket_id: string }[];
    return { tickets, duplicates: dupOfficial, doubleApplied: [...drift.map((d) => d.id), ...createdTwice.map((d) => d.ticket_id)] };
  } finally {
    sqlite.close();
  }
}

export interface ConvergenceReport {
  created: number;
  server: number;
  duplicates: number;
  lost: number;
  problems: string[];
}

/** Compares what clients created with what the server and every client hold. */
export function checkConvergence(
  createdIds: Set<string>,
  server: ServerSnapshot,
  clients: { name: string; snapshot: ReturnType<typeof snapshotClient> }[],
): ConvergenceReport {
  const problems: string[] = [];
  let lost = 0;
  for (const id of createdIds) if (!server.tickets.has(id)) lost += 1;
  if (lost) problems.push(`${lost} created tickets missing on the server`);
  const unknown = [...server.tickets.keys()].filter((id) => !createdIds.has(id));
  if (unknown.length) problems.push(`${unknown.length} server tickets nobody created`);
  if (server.duplicates) problems.push(`${server.duplicates} duplicate official numbers`);
  if (server.doubleApplied.length) problems.push(`commands applied twice on tickets ${server.doubleApplied.slice(0, 3).join(', ')}`);
  for (const { name, snapshot } of clients) {
    if (snapshot.outbox) problems.push(`${name}: ${snapshot.outbox} outbox entries left`);
    if (snapshot.tickets.size !== server.tickets.size) {
      problems.push(`${name}: has ${snapshot.tickets.size} tickets, server ${server.tickets.size}`);
    }
    let differing = 0;
    let example = '';
    for (const [id, s] of server.tickets) {
      const c = snapshot.tickets.get(id);
      if (!c) continue;
      if (c.officialNo !== s.officialNo || c.fields !== s.fields || c.version !== s.version || c.events !== s.events || c.provisionalNo !== s.provisionalNo) {
        differing += 1;
        example ||= `${id}: client ${JSON.stringify(c)} server ${JSON.stringify(s)}`;
      }
    }
    if (differing) problems.push(`${name}: ${differing} tickets differ from the server, e.g. ${example}`);
  }
  return { created: createdIds.size, server: server.tickets.size, duplicates: server.duplicates + server.doubleApplied.length, lost, problems };
}

/** Polls `check` until it returns no problems or the time is up; returns the last report. */
export async function waitForConvergence(
  timeoutMs: number,
  check: () => ConvergenceReport,
): Promise<ConvergenceReport & { convergedMs: number }> {
  const start = Date.now();
  let report = check();
  while (report.problems.length > 0 && Date.now() - start < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    report = check();
  }
  return { ...report, convergedMs: Date.now() - start };
}
