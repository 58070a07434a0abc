/**
 * Drizzle table definitions of the client cache. The DDL that creates them lives in the numbered
 * migrations next to this file; a test checks both agree (tests/unit/core/migrations.test.ts).
 */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const tickets = sqliteTable('tickets', {
  id: text('id').primaryKey(), // UUIDv7 made on the client
  provisionalNo: text('provisional_no').notNull(), // 离线-0007, unique per client
  officialNo: text('official_no'), // assigned by the server on first sync
  status: text('status').notNull(),
  syncState: text('sync_state').notNull(), // pending | synced | rejected
  syncError: text('sync_error'),
  channel: text('channel').notNull(),
  appealType: text('appeal_type').notNull(),
  categoryPath: text('category_path').notNull(),
  timeTier: text('time_tier').notNull(),
  title: text('title').notNull(),
  content: text('content').notNull(),
  callerPhone: text('caller_phone'),
  callerName: text('caller_name').notNull(),
  anonymous: integer('anonymous', { mode: 'boolean' }).notNull(),
  isEnterprise: integer('is_enterprise', { mode: 'boolean' }).notNull(),
  enterpriseName: text('enterprise_name').notNull(),
  districtCode: text('district_code'),
  streetCode: text('street_code'),
  address: text('address').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  createdBy: text('created_by').notNull(),
  version: integer('version').notNull(),
  serverSeq: integer('server_seq'),
  draftId: text('draft_id'), // the draft it was saved from (migration 004); unique when set
});

export const ticketEvents = sqliteTable('ticket_events', {
  id: text('id').primaryKey(),
  ticketId: text('ticket_id').notNull(),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  kind: text('kind').notNull(),
  summary: text('summary').notNull(),
  data: text('data'), // JSON
});

export const drafts = sqliteTable('drafts', {
  id: text('id').primaryKey(),
  appeal: text('appeal').notNull(), // JSON of the partial form
  updatedAt: text('updated_at').notNull(),
});

/** Commands waiting for the server, in the order they were made (see DESIGN.md, sync model). */
export const outbox = sqliteTable('outbox', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  mutationId: text('mutation_id').notNull().unique(),
  type: text('type').notNull(),
  payload: text('payload').notNull(), // JSON
  createdAt: text('created_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  quarantined: integer('quarantined', { mode: 'boolean' }).notNull().default(false),
});

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(), // JSON
});

export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  target: text('target'),
  detail: text('detail'), // never contains a full phone number or name
});

export const draftEvents = sqliteTable('draft_events', {
  id: text('id').primaryKey(),
  draftId: text('draft_id').notNull(),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  kind: text('kind').notNull(),
  summary: text('summary').notNull(),
  data: text('data'),
});

export const assistFeedback = sqliteTable('assist_feedback', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  draftId: text('draft_id').notNull(),
  field: text('field').notNull(),
  suggested: text('suggested'),
  chosen: text('chosen'),
  accepted: integer('accepted', { mode: 'boolean' }).notNull(),
  textSnapshot: text('text_snapshot').notNull().default(''), // title + content when decided (migration 003)
});

export const catalogueCache = sqliteTable('catalogue_cache', {
  version: integer('version').primaryKey(),
  entries: text('entries').notNull(), // JSON CatalogueEntry[]
  fetchedAt: text('fetched_at').notNull(),
});
