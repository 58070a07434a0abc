/**
 * Append-only audit trail: who did what to which record, and every view of personal data.
 * `detail` must never hold a full phone number or name (callers pass masked values only).
 */
import type Database from 'better-sqlite3';
import { statement } from '../db/statements';

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target?: string | null;
  detail?: string | null;
}

export function appendAudit(sqlite: Database.Database, entry: AuditEntry): void {
  statement(sqlite, 'INSERT INTO audit_log(at, actor, action, target, detail) VALUES(?, ?, ?, ?, ?)')
    .run(entry.at, entry.actor, entry.action, entry.target ?? null, entry.detail ?? null);
}
