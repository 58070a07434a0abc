import type { Migration } from './index';

/**
 * The draft a ticket was saved from. Unique: saving the same draft twice (a retried request, a
 * double key press, a second transfer) finds the ticket it already became instead of a duplicate.
 */
export const migration004: Migration = {
  version: 4,
  name: 'tickets remember their draft (idempotent save)',
  up: (db) => {
    db.exec(`
      ALTER TABLE tickets ADD COLUMN draft_id TEXT;
      CREATE UNIQUE INDEX tickets_draft_id ON tickets(draft_id) WHERE draft_id IS NOT NULL;
    `);
  },
};
