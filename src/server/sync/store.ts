/**
 * Reads and writes of the server's ticket tables through drizzle's query builder (portable: no
 * SQLite-only SQL). Hot statements are built once per database as drizzle prepared queries with
 * placeholders: building SQL text per call cost more than executing it.
 */
import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { ServerDb } from '../db/open';
import { appliedMutations, counters, ticketEvents, tickets } from '../db/schema';
import type { Change, ServerTicket, ServerTicketEvent } from '../../shared/sync-wire';

export type TicketRow = typeof tickets.$inferSelect;
type EventRow = typeof ticketEvents.$inferSelect;
export type AppliedRow = typeof appliedMutations.$inferInsert;

const p = (name: string) => sql.placeholder(name);

function prepare(db: ServerDb) {
  const ticketColumns = Object.fromEntries(Object.keys(tickets).filter((k) => !k.startsWith('_') && k !== 'enableRLS').map((k) => [k, p(k)]));
  return {
    nextSeq: db
      .update(counters)
      .set({ value: sql`${counters.value} + 1` })
      .where(eq(counters.name, 'seq'))
      .returning({ value: counters.value })
      .prepare(),
    headSeq: db.select({ value: counters.value }).from(counters).where(eq(counters.name, 'seq')).prepare(),
    nextCounter: db
      .insert(counters)
      .values({ name: p('name'), value: 1 })
      .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
      .returning({ value: counters.value })
      .prepare(),
    findTicket: db.select().from(tickets).where(eq(tickets.id, p('id'))).prepare(),
    insertTicket: db.insert(tickets).values(ticketColumns as never).prepare(),
    touchTicket: db.update(tickets).set({ seq: sql`${p('seq')}` }).where(eq(tickets.id, p('id'))).prepare(),
    eventExists: db.select({ id: ticketEvents.id }).from(ticketEvents).where(eq(ticketEvents.id, p('id'))).prepare(),
    insertEvent: db
      .insert(ticketEvents)
      .values({
        id: p('id'),
        ticketId: p('ticketId'),
        seq: p('seq'),
        at: p('at'),
        actor: p('actor'),
        kind: p('kind'),
        summary: p('summary'),
        data: p('data'),
      })
      .prepare(),
    eventsOf: db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, p('ticketId')))
      .orderBy(asc(ticketEvents.seq), asc(ticketEvents.id))
      .prepare(),
    findApplied: db
      .select()
      .from(appliedMutations)
      .where(and(eq(appliedMutations.clientId, p('clientId')), eq(appliedMutations.mutationId, p('mutationId'))))
      .prepare(),
    insertApplied: db
      .insert(appliedMutations)
      .values({
        clientId: p('clientId'),
        mutationId: p('mutationId'),
        userId: p('userId'),
        type: p('type'),
        status: p('status'),
        code: p('code'),
        reason: p('reason'),
        ticketId: p('ticketId'),
        officialNo: p('officialNo'),
        seq: p('seq'),
        version: p('version'),
        appliedAt: p('appliedAt'),
      })
      .prepare(),
    foreignEditAfter: db
      .select({ clientId: appliedMutations.clientId })
      .from(appliedMutations)
      .where(
        and(
          eq(appliedMutations.ticketId, p('ticketId')),
          eq(appliedMutations.type, 'ticket.edit'),
          eq(appliedMutations.status, 'applied'),
          ne(appliedMutations.clientId, p('clientId')),
          gt(appliedMutations.version, p('version')),
        ),
      )
      .limit(1)
      .prepare(),
    pull: db
      .select()
      .from(tickets)
      .where(gt(tickets.seq, p('after')))
      .orderBy(asc(tickets.seq))
      .limit(p('limit'))
      .prepare(),
  };
}

function toEvent(row: EventRow): ServerTicketEvent {
  let data: Record<string, unknown> | null = null;
  if (row.data !== null) {
    try {
      data = JSON.parse(row.data) as Record<string, unknown>;
    } catch {
      data = null;
    }
  }
  return { id: row.id, ticketId: row.ticketId, at: row.at, actor: row.actor, kind: row.kind, summary: row.summary, data };
}

export function toServerTicket(row: TicketRow): ServerTicket {
  return {
    id: row.id,
    provisionalNo: row.provisionalNo,
    officialNo: row.officialNo,
    clientId: row.clientId,
    status: row.status as ServerTicket['status'],
    channel: row.channel as ServerTicket['channel'],
    appealType: row.appealType as ServerTicket['appealType'],
    categoryPath: row.categoryPath,
    timeTier: row.timeTier as ServerTicket['timeTier'],
    title: row.title,
    content: row.content,
    callerPhone: row.callerPhone,
    callerName: row.callerName,
    anonymous: row.anonymous === 1,
    isEnterprise: row.isEnterprise === 1,
    enterpriseName: row.enterpriseName,
    districtCode: row.districtCode,
    streetCode: row.streetCode,
    address: row.address,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
    version: row.version,
    seq: row.seq,
  };
}

/** The ticket store of one server database. Call inside a transaction where a write is involved. */
export function createServerStore(db: ServerDb) {
  const q = prepare(db);

  const store = {
    db,
    /** Takes the next number of the global change sequence. */
    nextSeq(): number {
      const row = q.nextSeq.get();
      if (!row) throw new Error('counter seq missing');
      return row.value;
    },
    headSeq(): number {
      return q.headSeq.get()?.value ?? 0;
    },
    /** Next value of a named counter, created at 1 (INSERT ... ON CONFLICT: SQLite and PostgreSQL). */
    nextCounter(name: string): number {
      const row = q.nextCounter.get({ name });
      if (!row) throw new Error(`counter ${name} missing`);
      return row.value;
    },
    findTicket(id: string): TicketRow | undefined {
      return q.findTicket.get({ id });
    },
    insertTicket(row: TicketRow): void {
      q.insertTicket.run(row);
    },
    /** Marks the ticket as changed at `seq` (it moves to the head of the change feed). */
    touchTicket(id: string, seq: number): void {
      q.touchTicket.run({ id, seq });
    },
    eventExists(id: string): boolean {
      return q.eventExists.get({ id }) !== undefined;
    },
    insertEvent(event: ServerTicketEvent, seq: number): void {
      q.insertEvent.run({ ...event, seq, data: event.data === null ? null : JSON.stringify(event.data) });
    },
    /** Did another client's edit produce a version above `version` of this ticket? */
    editedByOthersSince(ticketId: string, clientId: string, version: number): boolean {
      return q.foreignEditAfter.get({ ticketId, clientId, version }) !== undefined;
    },
    findApplied(clientId: string, mutationId: string) {
      return q.findApplied.get({ clientId, mutationId });
    },
    insertApplied(row: Required<AppliedRow>): void {
      q.insertApplied.run(row);
    },
    /** A ticket with its whole history, as a change-feed entry. */
    change(row: TicketRow): Change {
      return { seq: row.seq, ticket: toServerTicket(row), events: q.eventsOf.all({ ticketId: row.id }).map(toEvent) };
    },
    changesForIds(ids: Iterable<string>): Change[] {
      const out: Change[] = [];
      for (const id of ids) {
        const row = q.findTicket.get({ id });
        if (row) out.push(store.change(row));
      }
      return out.sort((a, b) => a.seq - b.seq);
    },
    /** One page of the compacted change feed after `after` (each ticket once, at its latest seq). */
    pullPage(after: number, limit: number): { changes: Change[]; cursor: number; hasMore: boolean } {
      const rows = q.pull.all({ after, limit: limit + 1 });
      const hasMore = rows.length > limit;
      const page = rows.slice(0, limit);
      return {
        changes: page.map((row) => store.change(row)),
        cursor: page.length > 0 ? page[page.length - 1]!.seq : after,
        hasMore,
      };
    },
  };
  return store;
}

export type ServerStore = ReturnType<typeof createServerStore>;

const stores = new WeakMap<ServerDb, ServerStore>();
/** One store (one set of prepared statements) per database handle. */
export function serverStore(db: ServerDb): ServerStore {
  let store = stores.get(db);
  if (!store) {
    store = createServerStore(db);
    stores.set(db, store);
  }
  return store;
}
