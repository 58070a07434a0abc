import type { ServerMigration } from './index';

/**
 * Which version each applied edit produced, so the edit precondition can ask "did anyone else
 * change this ticket since the version this edit was made against?" (see sync/commands.ts).
 */
export const migration002: ServerMigration = {
  version: 2,
  name: 'applied mutations: version produced by an edit',
  statements: [
    `ALTER TABLE applied_mutations ADD COLUMN version INTEGER`,
    `CREATE INDEX applied_mutations_ticket_version ON applied_mutations(ticket_id, version)`,
  ],
};
