/**
 * Drafts of the intake form. The renderer saves every few hundred milliseconds while the agent
 * types; each save is one small transaction with synchronous=FULL, so the last save survives a
 * kill -9 or a power cut. A draft is deleted only in the transaction that turns it into a ticket.
 */
import { desc, eq } from 'drizzle-orm';
import type { Draft } from '../../../shared/contract';
import { LIMITS } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { OpenedDatabase } from '../db/open';
import { drafts } from '../db/schema';
import type { Clock } from '../tickets/ticket-store';
import { appendAudit } from '../audit/audit-log';
import { redact } from '../../../shared/privacy';
import { statement } from '../db/statements';

export function createDraftStore({ opened, clock }: { opened: OpenedDatabase; clock: Clock }) {
  const { db } = opened;

  function save(id: string, appeal: Record<string, unknown>): Draft | null {
    const json = JSON.stringify(appeal);
    if (Buffer.byteLength(json, 'utf8') > LIMITS.draftBytesMax) {
      throw new AppError('VALIDATION', `草稿过大（超过 ${LIMITS.draftBytesMax / 1024} KB），请精简内容`, { appeal: '草稿过大' });
    }
    // An autosave still in flight when the draft was saved must not bring the draft back: it is
    // normal (the agent saved within the autosave delay), so it is answered with null, not an error.
    if (statement(opened.sqlite, 'SELECT 1 FROM tickets WHERE draft_id = ?').get(id)) return null;
    const updatedAt = clock().toISOString();
    db.insert(drafts)
      .values({ id, appeal: json, updatedAt })
      .onConflictDoUpdate({ target: drafts.id, set: { appeal: json, updatedAt } })
      .run();
    return { id, appeal, updatedAt };
  }

  function latest(): Draft | null {
    const row = db.select().from(drafts).orderBy(desc(drafts.updatedAt)).limit(1).get();
    return row ? { id: row.id, appeal: JSON.parse(row.appeal) as Record<string, unknown>, updatedAt: row.updatedAt } : null;
  }

  function get(id: string): Draft | null {
    const row = db.select().from(drafts).where(eq(drafts.id, id)).get();
    return row ? { id: row.id, appeal: JSON.parse(row.appeal) as Record<string, unknown>, updatedAt: row.updatedAt } : null;
  }

  /**
   * Drops a draft. Decisions taken on it (an emergency prompt dismissed) have no ticket to go to;
   * they are kept in the audit log, in the same transaction, rather than vanishing.
   */
  function discard(id: string, actor: string): void {
    const { sqlite } = opened;
    sqlite.transaction(() => {
      const orphans = statement(sqlite, 'SELECT at, kind, summary FROM draft_events WHERE draft_id = ?').all(id) as Array<{ at: string; kind: string; summary: string }>;
      for (const event of orphans) {
        appendAudit(sqlite, { at: event.at, actor, action: `draft.${event.kind}`, target: `draft:${id}`, detail: redact(event.summary) });
      }
      statement(sqlite, 'DELETE FROM draft_events WHERE draft_id = ?').run(id);
      db.delete(drafts).where(eq(drafts.id, id)).run();
    })();
  }

  return { save, latest, get, discard };
}

export type DraftStore = ReturnType<typeof createDraftStore>;
