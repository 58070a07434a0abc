/**
 * Writes sync commands into the outbox. Must be called inside the transaction of the change it
 * describes, so the command exists exactly when the change does. The sync engine
 * (src/main/core/sync) reads, pushes and removes entries.
 */
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { Command } from '../../../shared/commands';
import { statement } from '../db/statements';

export function enqueueCommand(sqlite: Database.Database, command: Command, createdAt: string): string {
  if (!sqlite.inTransaction) throw new Error('enqueueCommand must run inside the transaction of its change');
  const mutationId = uuidv7();
  statement(sqlite, 'INSERT INTO outbox(mutation_id, type, payload, created_at) VALUES(?, ?, ?, ?)')
    .run(mutationId, command.type, JSON.stringify(command), createdAt);
  return mutationId;
}

export function pendingOutboxCount(sqlite: Database.Database): number {
  return (statement(sqlite, 'SELECT COUNT(*) AS n FROM outbox WHERE quarantined = 0').get() as { n: number }).n;
}
