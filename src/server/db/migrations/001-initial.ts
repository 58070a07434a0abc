import type { ServerMigration } from './index';

/** Portable DDL: the same text runs on PostgreSQL (BIGINT for sequence numbers). */
export const migration001: ServerMigration = {
  version: 1,
  name: 'initial: users, sessions, tickets, events, applied mutations, counters',
  statements: [
    `CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    )`,
    `CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    )`,
    `CREATE TABLE tickets (
      id TEXT PRIMARY KEY,
      official_no TEXT NOT NULL UNIQUE,
      provisional_no TEXT NOT NULL,
      client_id TEXT NOT NULL,
      status TEXT NOT NULL,
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
      created_by TEXT NOT NULL,
      received_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      version INTEGER NOT NULL,
      seq BIGINT NOT NULL
    )`,
    `CREATE INDEX tickets_seq ON tickets(seq)`,
    `CREATE TABLE ticket_events (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL REFERENCES tickets(id),
      seq BIGINT NOT NULL,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      kind TEXT NOT NULL,
      summary TEXT NOT NULL,
      data TEXT
    )`,
    `CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, seq)`,
    `CREATE TABLE applied_mutations (
      client_id TEXT NOT NULL,
      mutation_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      type TEXT NOT NULL,
      status TEXT NOT NULL,
      code TEXT,
      reason TEXT,
      ticket_id TEXT,
      official_no TEXT,
      seq BIGINT,
      applied_at TEXT NOT NULL,
      PRIMARY KEY (client_id, mutation_id)
    )`,
    `CREATE TABLE counters (
      name TEXT PRIMARY KEY,
      value BIGINT NOT NULL
    )`,
    `INSERT INTO counters(name, value) VALUES ('seq', 0)`,
  ],
};
