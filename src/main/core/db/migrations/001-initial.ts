import type { Migration } from './index';

export const migration001: Migration = {
  version: 1,
  name: 'initial: tickets, events, drafts, outbox, settings, audit log',
  up: (db) => {
    db.exec(`
      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        provisional_no TEXT NOT NULL UNIQUE,
        official_no TEXT UNIQUE,
        status TEXT NOT NULL,
        sync_state TEXT NOT NULL,
        sync_error TEXT,
        channel TEXT NOT NULL,
        appeal_type TEXT NOT NULL,
        category_path TEXT NOT NULL,
        time_tier TEXT NOT NULL,
        title TEXT NOT NULL,
        content TEXT NOT NULL,
        caller_phone TEXT,
        caller_name TEXT NOT NULL,
        anonymous INTEGER NOT NULL,
        is_enterprise INTEGER NOT NULL,
        enterprise_name TEXT NOT NULL,
        district_code TEXT,
        street_code TEXT,
        address TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        version INTEGER NOT NULL,
        server_seq INTEGER
      );
      CREATE INDEX tickets_created_at ON tickets(created_at);
      CREATE INDEX tickets_status ON tickets(status, created_at);

      CREATE TABLE ticket_events (
        id TEXT PRIMARY KEY,
        ticket_id TEXT NOT NULL REFERENCES tickets(id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        data TEXT
      );
      CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, at);

      CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        appeal TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        mutation_id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        quarantined INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT
      );
    `);
  },
};
