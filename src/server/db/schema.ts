/**
 * Drizzle tables of the central server's database. DDL lives in the numbered migrations under
 * ./migrations (portable SQL: TEXT/INTEGER/BIGINT, no SQLite-only features), so PostgreSQL can
 * replace SQLite by swapping the drizzle dialect and the driver.
 */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(), // agent | lead | dispatcher | unit | admin
  passwordHash: text('password_hash').notNull(), // scrypt$N$r$p$salt$hash
  disabled: integer('disabled').notNull().default(0),
  createdAt: text('created_at').notNull(),
});

export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(), // sha256 of the token; the token itself is never stored
  userId: text('user_id').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
});

export const tickets = sqliteTable('tickets', {
  id: text('id').primaryKey(),
  officialNo: text('official_no').notNull().unique(),
  provisionalNo: text('provisional_no').notNull(),
  clientId: text('client_id').notNull(),
  status: text('status').notNull(),
  channel: text('channel').notNull(),
  appealType: text('appeal_type').notNull(),
  categoryPath: text('category_path').notNull(),
  timeTier: text('time_tier').notNull(),
  title: text('title').notNull(),
  content: text('content').notNull(),
  callerPhone: text('caller_phone'),
  callerName: text('caller_name').notNull(),
  anonymous: integer('anonymous').notNull(),
  isEnterprise: integer('is_enterprise').notNull(),
  enterpriseName: text('enterprise_name').notNull(),
  districtCode: text('district_code'),
  streetCode: text('street_code'),
  address: text('address').notNull(),
  createdAt: text('created_at').notNull(), // client clock (may be skewed); ordering uses seq
  createdBy: text('created_by').notNull(),
  receivedAt: text('received_at').notNull(), // server clock
  updatedAt: text('updated_at').notNull(),
  version: integer('version').notNull(),
  seq: integer('seq').notNull(),
});

export const ticketEvents = sqliteTable('ticket_events', {
  id: text('id').primaryKey(),
  ticketId: text('ticket_id').notNull(),
  seq: integer('seq').notNull(),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  kind: text('kind').notNull(),
  summary: text('summary').notNull(),
  data: text('data'), // JSON
});

/** Exactly-once: a row per applied (or rejected) mutation, written in the same transaction as its effect. */
export const appliedMutations = sqliteTable(
  'applied_mutations',
  {
    clientId: text('client_id').notNull(),
    mutationId: text('mutation_id').notNull(),
    userId: text('user_id').notNull(),
    type: text('type').notNull(),
    status: text('status').notNull(), // applied | rejected
    code: text('code'),
    reason: text('reason'),
    ticketId: text('ticket_id'),
    officialNo: text('official_no'),
    seq: integer('seq'),
    version: integer('version'), // the ticket version an applied edit produced (migration 002)
    appliedAt: text('applied_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.mutationId] })],
);

/** Named counters: `seq` (the global change sequence) and `day:YYYYMMDD` (official number sequence). */
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

export const schemaMigrations = sqliteTable('schema_migrations', {
  version: integer('version').primaryKey(),
  name: text('name').notNull(),
  appliedAt: text('applied_at').notNull(),
});
