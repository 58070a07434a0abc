import type { ServerMigration } from './index';

/**
 * The dispatch workflow's storage: the unit registry (never deleted: renames keep the former name,
 * retired units keep their rows), published catalogue versions and the one draft, each ticket's
 * dispatch state (the state machine's JSON document plus the columns queues and inboxes query),
 * the audit trail of every transition, which units may see a ticket, and unit attachments.
 * Unit accounts name their unit in users.unit_id.
 */
export const migration003: ServerMigration = {
  version: 3,
  name: 'dispatch: units, catalogue versions, dispatch state and events, attachments',
  statements: [
    `ALTER TABLE users ADD COLUMN unit_id TEXT`,
    `CREATE TABLE units (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      short_name TEXT NOT NULL,
      type TEXT NOT NULL,
      sector TEXT NOT NULL,
      district_code TEXT,
      street_code TEXT,
      contact TEXT NOT NULL,
      status TEXT NOT NULL,
      retired_at TEXT,
      replaced_by TEXT,
      name_history TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE TABLE catalogue_versions (
      version INTEGER PRIMARY KEY,
      published_at TEXT NOT NULL,
      published_by TEXT NOT NULL,
      note TEXT NOT NULL,
      entry_count INTEGER NOT NULL,
      entries TEXT NOT NULL
    )`,
    `CREATE TABLE catalogue_draft (
      id INTEGER PRIMARY KEY,
      entries TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    )`,
    `CREATE TABLE ticket_dispatch (
      ticket_id TEXT PRIMARY KEY REFERENCES tickets(id),
      status TEXT NOT NULL,
      responsible_unit_id TEXT NOT NULL,
      lead_unit_id TEXT,
      co_unit_ids TEXT NOT NULL,
      catalogue_version INTEGER,
      deadline_at TEXT,
      queue TEXT,
      state TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX ticket_dispatch_queue ON ticket_dispatch(queue)`,
    `CREATE INDEX ticket_dispatch_lead ON ticket_dispatch(lead_unit_id)`,
    `CREATE TABLE dispatch_unit_links (
      ticket_id TEXT NOT NULL REFERENCES tickets(id),
      unit_id TEXT NOT NULL,
      relation TEXT NOT NULL,
      PRIMARY KEY (ticket_id, unit_id)
    )`,
    `CREATE INDEX dispatch_unit_links_unit ON dispatch_unit_links(unit_id, relation)`,
    `CREATE TABLE dispatch_events (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL REFERENCES tickets(id),
      dispatch_seq INTEGER NOT NULL,
      type TEXT NOT NULL,
      who_id TEXT NOT NULL,
      who_role TEXT NOT NULL,
      who_unit_id TEXT,
      at TEXT NOT NULL,
      why TEXT NOT NULL,
      summary TEXT NOT NULL,
      status_before TEXT NOT NULL,
      status_after TEXT NOT NULL,
      data TEXT NOT NULL
    )`,
    `CREATE INDEX dispatch_events_ticket ON dispatch_events(ticket_id, dispatch_seq)`,
    `CREATE TABLE attachments (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL REFERENCES tickets(id),
      unit_id TEXT,
      name TEXT NOT NULL,
      mime TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
    `CREATE INDEX attachments_ticket ON attachments(ticket_id)`,
  ],
};
