/**
 * The sync engine's reads and writes of the client cache (tables owned by src/main/core/db).
 * Every function that changes state is meant to run inside one transaction with the others of
 * the same step, so a crash leaves either the old or the new state: never an outbox entry
 * removed without its result recorded.
 */
import type Database from 'better-sqlite3';
import { Command, Mutation } from '../../../shared/commands';
import type { Change, MutationResult } from '../../../shared/sync-wire';

export const CURSOR_KEY = 'sync_cursor';

export interface OutboxRow {
  seq: number;
  mutation_id: string;
  type: string;
  payload: string;
  created_at: string;
}

export type Prepared = { mutation: Mutation; row: OutboxRow } | { invalid: string; row: OutboxRow };

export function createLocalStore(sqlite: Database.Database, clientId: string) {
  const st = {
    batch: sqlite.prepare(
      'SELECT seq, mutation_id, type, payload, created_at FROM outbox WHERE quarantined = 0 ORDER BY seq LIMIT ?',
    ),
    pendingCount: sqlite.prepare('SELECT COUNT(*) AS n FROM outbox WHERE quarantined = 0'),
    quarantinedCount: sqlite.prepare('SELECT COUNT(*) AS n FROM outbox WHERE quarantined = 1'),
    pendingIds: sqlite.prepare(`SELECT DISTINCT CASE WHEN json_valid(payload)
        THEN COALESCE(json_extract(payload, '$.ticketId'), json_extract(payload, '$.ticket.id')) END AS id
      FROM outbox WHERE quarantined = 0`),
    quarantine: sqlite.prepare('UPDATE outbox SET quarantined = 1, last_error = ?, attempts = attempts + 1 WHERE seq = ?'),
    attempt: sqlite.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?'),
    removeOutbox: sqlite.prepare('DELETE FROM outbox WHERE mutation_id = ?'),
    readCursor: sqlite.prepare("SELECT value FROM settings WHERE key = 'sync_cursor'"),
    writeCursor: sqlite.prepare(
      "INSERT INTO settings(key, value) VALUES('sync_cursor', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ),
    ticketMeta: sqlite.prepare('SELECT server_seq, sync_state FROM tickets WHERE id = ?'),
    insertTicket: sqlite.prepare(`INSERT INTO tickets(id, provisional_no, official_no, status, sync_state, sync_error,
        channel, appeal_type, category_path, time_tier, title, content, caller_phone, caller_name, anonymous,
        is_enterprise, enterprise_name, district_code, street_code, address, created_at, updated_at, created_by,
        version, server_seq)
      VALUES(@id, @provisionalNo, @officialNo, @status, 'synced', NULL, @channel, @appealType, @categoryPath,
        @timeTier, @title, @content, @callerPhone, @callerName, @anonymous, @isEnterprise, @enterpriseName,
        @districtCode, @streetCode, @address, @createdAt, @updatedAt, @createdBy, @version, @seq)`),
    replaceTicket: sqlite.prepare(`UPDATE tickets SET official_no = @officialNo, status = @status,
        channel = @channel, appeal_type = @appealType, category_path = @categoryPath, time_tier = @timeTier,
        title = @title, content = @content, caller_phone = @callerPhone, caller_name = @callerName,
        anonymous = @anonymous, is_enterprise = @isEnterprise, enterprise_name = @enterpriseName,
        district_code = @districtCode, street_code = @streetCode, address = @address, created_at = @createdAt,
        updated_at = @updatedAt, created_by = @createdBy, version = @version, server_seq = @seq,
        sync_state = CASE WHEN sync_state = 'rejected' THEN 'rejected' ELSE 'synced' END
      WHERE id = @id`),
    numberTicket: sqlite.prepare('UPDATE tickets SET official_no = ?, server_seq = ? WHERE id = ?'),
    setSyncState: sqlite.prepare('UPDATE tickets SET sync_state = ?, sync_error = ? WHERE id = ?'),
    ticketExists: sqlite.prepare('SELECT 1 AS x FROM tickets WHERE id = ?'),
    pruneEvents: sqlite.prepare(
      'DELETE FROM ticket_events WHERE ticket_id = ? AND id NOT IN (SELECT value FROM json_each(?))',
    ),
    upsertEvent: sqlite.prepare(`INSERT INTO ticket_events(id, ticket_id, at, actor, kind, summary, data)
      VALUES(@id, @ticketId, @at, @actor, @kind, @summary, @data)
      ON CONFLICT(id) DO UPDATE SET ticket_id = excluded.ticket_id, at = excluded.at, actor = excluded.actor,
        kind = excluded.kind, summary = excluded.summary, data = excluded.data`),
    insertEventIfAbsent: sqlite.prepare(`INSERT INTO ticket_events(id, ticket_id, at, actor, kind, summary, data)
      VALUES(@id, @ticketId, @at, @actor, @kind, @summary, @data) ON CONFLICT(id) DO NOTHING`),
  };

  /** Reads the head of the outbox and validates each entry; corrupt ones come back as `invalid`. */
  function readBatch(limit: number): Prepared[] {
    return (st.batch.all(limit) as OutboxRow[]).map((row) => {
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        return { row, invalid: '同步记录内容损坏（不是合法的 JSON）' };
      }
      const command = Command.safeParse(payload);
      if (!command.success) {
        const issue = command.error.issues[0];
        return { row, invalid: `同步记录不符合格式（${issue?.path.join('.') || '命令'}：${issue?.message ?? '格式错误'}）` };
      }
      const mutation = Mutation.safeParse({ mutationId: row.mutation_id, clientId, createdAt: row.created_at, command: command.data });
      if (!mutation.success) return { row, invalid: '同步记录的编号或时间损坏' };
      return { row, mutation: mutation.data };
    });
  }

  /** Takes a corrupt entry out of the queue (kept for inspection) and flags its ticket when known. */
  function quarantine(row: OutboxRow, reason: string): string | null {
    st.quarantine.run(reason, row.seq);
    let ticketId: string | null = null;
    try {
      const payload = JSON.parse(row.payload) as { ticketId?: unknown; ticket?: { id?: unknown } };
      const id = payload.ticketId ?? payload.ticket?.id;
      if (typeof id === 'string' && st.ticketExists.get(id)) ticketId = id;
    } catch {
      // unparseable: no ticket to flag
    }
    if (ticketId) st.setSyncState.run('rejected', `本地同步记录损坏，已隔离：${reason}`, ticketId);
    return ticketId;
  }

  function pendingTicketIds(): Set<string> {
    return new Set((st.pendingIds.all() as { id: string | null }[]).map((r) => r.id).filter((id): id is string => !!id));
  }

  function cursor(): number {
    const row = st.readCursor.get() as { value: string } | undefined;
    const value = row ? (JSON.parse(row.value) as unknown) : 0;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
  }

  function setCursor(value: number): void {
    st.writeCursor.run(JSON.stringify(value));
  }

  /**
   * Applies the server's state of one ticket. Idempotent (upsert by id; an older snapshot than the
   * one already applied is ignored), so duplicate delivery and replays are harmless. While local
   * commands for the ticket are still unsent, only the server's numbering is taken: the local
   * edits win on screen until the server has ruled on them, and the ack brings the final state.
   * Once nothing is pending, the server's history replaces the local one (same ids everywhere).
   */
  function applyChange(change: Change, pending: Set<string>): boolean {
    const t = change.ticket;
    const local = st.ticketMeta.get(t.id) as { server_seq: number | null; sync_state: string } | undefined;
    if (local && local.server_seq !== null && local.server_seq > change.seq) return false;
    const row = {
      ...t,
      // Provisional numbers are per client (离线-0007 exists on every client): keep another
      // client's unique so it can never collide with this client's own next number.
      provisionalNo: t.clientId === clientId ? t.provisionalNo : `${t.provisionalNo}@${t.clientId}`,
      anonymous: t.anonymous ? 1 : 0,
      isEnterprise: t.isEnterprise ? 1 : 0,
      seq: change.seq,
    };
    const isPending = pending.has(t.id);
    if (!local) st.insertTicket.run(row);
    else if (isPending) st.numberTicket.run(t.officialNo, change.seq, t.id);
    else st.replaceTicket.run(row);
    if (!isPending) st.pruneEvents.run(t.id, JSON.stringify(change.events.map((e) => e.id)));
    for (const e of change.events) {
      const event = { ...e, data: e.data === null ? null : JSON.stringify(e.data) };
      if (isPending) st.insertEventIfAbsent.run(event);
      else st.upsertEvent.run(event);
    }
    return true;
  }

  /**
   * Records the server's answers to one push, in the caller's transaction: the outbox entry goes
   * only together with its recorded outcome (number assigned, or rejection shown on the ticket).
   */
  function recordResults(sent: Map<string, Mutation>, results: MutationResult[], now: string): Set<string> {
    const touched = new Set<string>();
    const answered = results.filter((r) => r.mutationId !== null && sent.has(r.mutationId));
    for (const r of answered) st.removeOutbox.run(r.mutationId);
    const pending = pendingTicketIds();
    for (const r of answered) {
      const mutation = sent.get(r.mutationId!)!;
      const command = mutation.command;
      const ticketId = command.type === 'ticket.create' ? command.ticket.id : command.ticketId;
      if (r.change) applyChange(r.change, pending);
      if (!st.ticketExists.get(ticketId)) continue;
      touched.add(ticketId);
      if (r.status === 'applied') {
        st.setSyncState.run(pending.has(ticketId) ? 'pending' : 'synced', null, ticketId);
      } else {
        const reason = r.reason ?? '服务器拒绝了该操作';
        st.setSyncState.run('rejected', reason, ticketId);
        // The server records the refusal in the history of tickets it has; for one it does not
        // have (a refused creation) the client keeps the record itself, under the same id.
        st.insertEventIfAbsent.run({
          id: mutation.mutationId,
          ticketId,
          at: now,
          actor: '中心服务器',
          kind: 'rejected',
          summary: `服务器拒绝了该操作：${reason}`,
          data: JSON.stringify({ code: r.code, command: command.type }),
        });
      }
    }
    return touched;
  }

  function noteAttempt(rows: OutboxRow[], error: string): void {
    for (const row of rows) st.attempt.run(error, row.seq);
  }

  return {
    readBatch,
    quarantine,
    pendingTicketIds,
    cursor,
    setCursor,
    applyChange,
    recordResults,
    noteAttempt,
    pendingCount: () => (st.pendingCount.get() as { n: number }).n,
    quarantinedCount: () => (st.quarantinedCount.get() as { n: number }).n,
  };
}

export type LocalStore = ReturnType<typeof createLocalStore>;
