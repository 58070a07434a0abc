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
  unitId: text('unit_id'), // role unit: the one unit the account works for (migration 003)
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

// --- dispatch workflow (migration 003) ---------------------------------------------------------

export const units = sqliteTable('units', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  type: text('type').notNull(),
  sector: text('sector').notNull(),
  districtCode: text('district_code'),
  streetCode: text('street_code'),
  contact: text('contact').notNull(),
  status: text('status').notNull(), // active | retired
  retiredAt: text('retired_at'),
  replacedBy: text('replaced_by'),
  nameHistory: text('name_history').notNull(), // JSON [{name, until}]
  updatedAt: text('updated_at').notNull(),
});

export const catalogueVersions = sqliteTable('catalogue_versions', {
  version: integer('version').primaryKey(),
  publishedAt: text('published_at').notNull(),
  publishedBy: text('published_by').notNull(),
  note: text('note').notNull(),
  entryCount: integer('entry_count').notNull(),
  entries: text('entries').notNull(), // JSON CatalogueEntry[]
});

/** At most one row (id 1): the draft the operators are editing. */
export const catalogueDraft = sqliteTable('catalogue_draft', {
  id: integer('id').primaryKey(),
  entries: text('entries').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

export const ticketDispatch = sqliteTable('ticket_dispatch', {
  ticketId: text('ticket_id').primaryKey(),
  status: text('status').notNull(),
  responsibleUnitId: text('responsible_unit_id').notNull(),
  leadUnitId: text('lead_unit_id'),
  coUnitIds: text('co_unit_ids').notNull(), // JSON string[]
  catalogueVersion: integer('catalogue_version'),
  deadlineAt: text('deadline_at'),
  queue: text('queue'), // to_dispatch | consultation | returned | disputed | null
  state: text('state').notNull(), // JSON DispatchState
  updatedAt: text('updated_at').notNull(),
});

/** Which units see a ticket: lead / co (its inbox) or party (a former lead, a disputing unit, a consultation candidate). */
export const dispatchUnitLinks = sqliteTable(
  'dispatch_unit_links',
  {
    ticketId: text('ticket_id').notNull(),
    unitId: text('unit_id').notNull(),
    relation: text('relation').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.unitId] })],
);

export const dispatchEvents = sqliteTable('dispatch_events', {
  id: text('id').primaryKey(),
  ticketId: text('ticket_id').notNull(),
  dispatchSeq: integer('dispatch_seq').notNull(),
  type: text('type').notNull(),
  whoId: text('who_id').notNull(),
  whoRole: text('who_role').notNull(),
  whoUnitId: text('who_unit_id'),
  at: text('at').notNull(),
  why: text('why').notNull(),
  summary: text('summary').notNull(),
  statusBefore: text('status_before').notNull(),
  statusAfter: text('status_after').notNull(),
  data: text('data').notNull(),
});

export const attachments = sqliteTable('attachments', {
  id: text('id').primaryKey(),
  ticketId: text('ticket_id').notNull(),
  unitId: text('unit_id'),
  name: text('name').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
});
