/**
 * The one write path for tickets on the client. Each user action is one SQLite transaction that
 * writes the ticket row, its history event and the outbox command together (DESIGN.md, sync
 * model): either all three are stored or none is, whatever crashes.
 */
import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { TicketDetail, TicketEvent, TicketListQuery, TicketSummary, Session } from '../../../shared/contract';
import { TicketListQuery as TicketListQuerySchema } from '../../../shared/contract';
import type { Command, TicketRecord } from '../../../shared/commands';
import { APPEAL_TYPES, TIME_TIERS, type TicketStatus } from '../../../shared/domain';
import { z } from 'zod';
import { AppError, validationError } from '../../../shared/errors';
import { maskName, maskPhone } from '../../../shared/privacy';
import { AppealInput, normalizePhone } from '../../../shared/validation';
import type { OpenedDatabase } from '../db/open';
import { ticketEvents, tickets } from '../db/schema';
import type { Gazetteer } from '../gazetteer/gazetteer';
import { isKnownCategoryPath } from '../taxonomy/taxonomy';
import type { TaxonomyLeaf } from '../../../shared/contract';
import { appendAudit } from '../audit/audit-log';
import { enqueueCommand } from './outbox';
import { readSetting, writeSetting } from '../settings/settings';
import { statement } from '../db/statements';

export type Clock = () => Date;

/** The appeal fields an agent may change after saving (the caller's details are not editable). */
export const EditableFields = z
  .object({
    appealType: z.enum(APPEAL_TYPES, { message: '请选择诉求类型' }),
    categoryPath: z.string().trim().min(1, { message: '请选择诉求分类' }).max(120),
    timeTier: z.enum(TIME_TIERS, { message: '请选择紧急程度' }),
    title: z.string(),
    content: z.string(),
    districtCode: z.string().nullable(),
    streetCode: z.string().nullable(),
    address: z.string(),
  })
  .partial()
  .strict();
type EditableValues = z.infer<typeof EditableFields>;
type EditableField = keyof EditableValues;
const EDITABLE_FIELD_LABELS: Record<EditableField, string> = {
  appealType: '诉求类型',
  categoryPath: '分类',
  timeTier: '办理时限',
  title: '标题',
  content: '诉求内容',
  districtCode: '区',
  streetCode: '街道乡镇',
  address: '详细地址',
};

/** A history entry to add to a ticket; `status` moves the ticket along with it. */
export interface NewEvent {
  kind: string;
  summary: string;
  data: Record<string, unknown> | null;
  status?: TicketStatus;
}

type TicketRow = typeof tickets.$inferSelect;
type EventRow = typeof ticketEvents.$inferSelect;

/** Beijing is UTC+8 all year; list filters take local dates. */
const BEIJING_OFFSET = '+08:00';

export interface TicketStoreDeps {
  opened: OpenedDatabase;
  clock: Clock;
  gazetteer: Gazetteer;
  taxonomy: readonly TaxonomyLeaf[];
}

export function createTicketStore({ opened, clock, gazetteer, taxonomy }: TicketStoreDeps) {
  const { db, sqlite } = opened;

  function actorOf(session: Session): string {
    return `${session.agentName}@${session.seat}`;
  }

  /** Field rules that need reference data: the codes must exist and agree with each other. */
  function checkReferences(appeal: AppealInput, prefix = 'appeal'): void {
    const fieldErrors: Record<string, string> = {};
    if (appeal.districtCode) {
      const district = gazetteer.get(appeal.districtCode);
      if (!district || district.districtCode !== null) fieldErrors[`${prefix}.districtCode`] = `没有代码为 ${appeal.districtCode} 的区`;
    }
    if (appeal.streetCode) {
      const street = gazetteer.get(appeal.streetCode);
      if (!street || street.districtCode === null) fieldErrors[`${prefix}.streetCode`] = `没有代码为 ${appeal.streetCode} 的街道乡镇`;
      else if (appeal.districtCode && street.districtCode !== appeal.districtCode) {
        fieldErrors[`${prefix}.streetCode`] = `${street.name}不属于所选的区（属于${street.districtName}）`;
      }
    }
    if (appeal.categoryPath && !isKnownCategoryPath(taxonomy, appeal.categoryPath)) {
      fieldErrors[`${prefix}.categoryPath`] = '分类不在三级分类目录中，请从列表中选择';
    }
    const first = Object.values(fieldErrors)[0];
    if (first) throw new AppError('VALIDATION', `输入有误：${first}`, fieldErrors);
  }

  /** Next provisional number for this client, e.g. 离线-0007 (kept in settings, inside the caller's transaction). */
  function nextProvisionalNo(): string {
    const next = (readSetting<number>(sqlite, 'provisional_seq') ?? 0) + 1;
    writeSetting(sqlite, 'provisional_seq', next);
    return `离线-${String(next).padStart(4, '0')}`;
  }

  function insertEvent(event: Omit<EventRow, 'id'> & { id?: string }): void {
    db.insert(ticketEvents).values({ id: event.id ?? uuidv7(), ...event }).run();
  }

  /** Records a new appeal: ticket + "created" event + outbox command (+ draft removal) in one transaction. */
  function create(
    rawAppeal: unknown,
    session: Session,
    options: { draftId?: string; status?: TicketStatus; extraEvents?: NewEvent[] } = {},
  ): TicketDetail {
    // Saving a draft that already became a ticket (a retried request, a second key press) returns
    // that ticket instead of making a duplicate.
    const already = options.draftId ? findByDraft(options.draftId) : null;
    if (already) return getUnaudited(already);
    const parsed = AppealInput.safeParse(rawAppeal);
    if (!parsed.success) throw validationError(parsed.error, 'appeal');
    const appeal = parsed.data;
    checkReferences(appeal);

    const now = clock().toISOString();
    const id = uuidv7();
    const actor = actorOf(session);
    const status: TicketStatus = options.status ?? 'recorded';
    sqlite.transaction(() => {
      const record: TicketRecord = {
        id,
        provisionalNo: nextProvisionalNo(),
        status,
        channel: appeal.channel,
        appealType: appeal.appealType,
        categoryPath: appeal.categoryPath,
        timeTier: appeal.timeTier,
        title: appeal.title,
        content: appeal.content,
        callerPhone: appeal.anonymous || !appeal.callerPhone ? null : normalizePhone(appeal.callerPhone),
        callerName: appeal.anonymous ? '' : appeal.callerName,
        anonymous: appeal.anonymous,
        isEnterprise: appeal.isEnterprise,
        enterpriseName: appeal.isEnterprise ? appeal.enterpriseName : '',
        districtCode: appeal.districtCode,
        streetCode: appeal.streetCode,
        address: appeal.address,
        createdAt: now,
        createdBy: actor,
      };
      db.insert(tickets)
        .values({ ...record, syncState: 'pending', syncError: null, officialNo: null, updatedAt: now, version: 1, serverSeq: null, draftId: options.draftId ?? null })
        .run();
      insertEvent({ ticketId: id, at: now, actor, kind: 'created', summary: `登记诉求（${appeal.appealType}）`, data: null });
      enqueueCommand(sqlite, { type: 'ticket.create', ticket: record }, now);
      if (options.draftId) {
        // Decisions taken while this was a draft (e.g. an emergency prompt dismissed) join its history.
        const fromDraft = statement(sqlite, 'SELECT id, at, actor, kind, summary, data FROM draft_events WHERE draft_id = ? ORDER BY at, id')
          .all(options.draftId) as Array<Omit<EventRow, 'ticketId'>>;
        for (const event of fromDraft) {
          const data = event.data ? (JSON.parse(event.data) as Record<string, unknown>) : null;
          writeEvent(id, event.actor, { ...event, data }, event.at, event.id);
        }
        statement(sqlite, 'DELETE FROM draft_events WHERE draft_id = ?').run(options.draftId);
        statement(sqlite, 'DELETE FROM drafts WHERE id = ?').run(options.draftId);
      }
      for (const event of options.extraEvents ?? []) writeEvent(id, actor, event, now);
      appendAudit(sqlite, { at: now, actor, action: 'ticket.create', target: id });
    })();
    return getUnaudited(id);
  }

  /**
   * Edits the appeal's own fields (not the caller's details). One transaction: row + history entry
   * + `ticket.edit` command. The command's base version is the server version the local content was
   * built on: the ticket's version, or, while earlier edits of it are unsent, the base of the first
   * of them — so a chain of offline edits applies in order and a concurrent edit elsewhere is
   * refused as stale by the server, never silently overwritten (docs/SYNC.md).
   */
  function edit(id: string, rawChanges: unknown, session: Session): TicketDetail {
    const parsedChanges = EditableFields.safeParse(rawChanges);
    if (!parsedChanges.success) throw validationError(parsedChanges.error, 'changes');
    const row = db.select().from(tickets).where(eq(tickets.id, id)).get();
    if (!row) throw new AppError('NOT_FOUND', '找不到该工单');
    // The edited appeal must still satisfy every field rule and reference check.
    const merged = AppealInput.safeParse({ ...appealOf(row), ...parsedChanges.data });
    if (!merged.success) throw validationError(merged.error, 'changes');
    checkReferences(merged.data, 'changes');
    // Only what really changed (after trimming) is written and sent.
    const changes: EditableValues = {};
    for (const field of Object.keys(parsedChanges.data) as EditableField[]) {
      if (merged.data[field] !== row[field]) Object.assign(changes, { [field]: merged.data[field] });
    }
    if (Object.keys(changes).length === 0) return getUnaudited(id);

    const at = clock().toISOString();
    const actor = actorOf(session);
    sqlite.transaction(() => {
      const pendingEdits = statement(sqlite, "SELECT payload FROM outbox WHERE quarantined = 0 AND type = 'ticket.edit' ORDER BY seq")
        .all() as Array<{ payload: string }>;
      const firstPending = pendingEdits
        .map((p) => JSON.parse(p.payload) as { ticketId: string; baseVersion: number })
        .find((c) => c.ticketId === id);
      const baseVersion = firstPending?.baseVersion ?? row.version;
      db.update(tickets)
        .set({ ...changes, version: row.version + 1, updatedAt: at, syncState: 'pending', syncError: null })
        .where(eq(tickets.id, id))
        .run();
      const mutationId = enqueueCommand(sqlite, { type: 'ticket.edit', ticketId: id, baseVersion, changes }, at);
      const fields = Object.keys(changes) as EditableField[];
      insertEvent({
        id: mutationId, // the server's history entry for this edit has the same id
        ticketId: id,
        at,
        actor,
        kind: 'edited',
        summary: `修改了${fields.map((f) => EDITABLE_FIELD_LABELS[f]).join('、')}`,
        data: JSON.stringify({ fields }),
      });
      appendAudit(sqlite, { at, actor, action: 'ticket.edit', target: id, detail: fields.join(',') });
    })();
    return getUnaudited(id);
  }

  /** The stored ticket as the form's fields, for re-validating an edit. */
  function appealOf(row: TicketRow): Record<string, unknown> {
    return {
      channel: row.channel,
      anonymous: row.anonymous,
      callerPhone: row.anonymous ? null : row.callerPhone,
      callerName: row.callerName,
      isEnterprise: row.isEnterprise,
      enterpriseName: row.enterpriseName,
      districtCode: row.districtCode,
      streetCode: row.streetCode,
      address: row.address,
      appealType: row.appealType,
      categoryPath: row.categoryPath,
      timeTier: row.timeTier,
      title: row.title,
      content: row.content,
    };
  }

  /** The id of the ticket saved from this draft, if any. */
  function findByDraft(draftId: string): string | null {
    return db.select({ id: tickets.id }).from(tickets).where(eq(tickets.draftId, draftId)).get()?.id ?? null;
  }

  /** Timeline entry + its sync command (+ status change); caller holds the transaction. */
  function writeEvent(ticketId: string, actor: string, event: NewEvent, at: string, id: string = uuidv7()): TicketEvent {
    insertEvent({ id, ticketId, at, actor, kind: event.kind, summary: event.summary, data: event.data ? JSON.stringify(event.data) : null });
    // The event is a command for the server: the ticket shows 待同步 until it is acknowledged.
    db.update(tickets)
      .set({ ...(event.status ? { status: event.status } : {}), updatedAt: at, syncState: 'pending', syncError: null })
      .where(eq(tickets.id, ticketId))
      .run();
    const command: Command = {
      type: 'ticket.event',
      ticketId,
      eventId: id,
      kind: event.kind,
      summary: event.summary,
      data: event.data,
      at,
      ...(event.status ? { status: event.status } : {}),
    };
    enqueueCommand(sqlite, command, at);
    appendAudit(sqlite, { at, actor, action: `ticket.event.${event.kind}`, target: ticketId });
    return { id, ticketId, at, actor, kind: event.kind, summary: event.summary, data: event.data };
  }

  /** Adds a timeline entry (and its sync command) to an existing ticket in one transaction. */
  function addEvent(ticketId: string, session: Session, event: NewEvent): TicketEvent {
    const row = db.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, ticketId)).get();
    if (!row) throw new AppError('NOT_FOUND', '找不到该工单');
    return sqlite.transaction(() => writeEvent(ticketId, actorOf(session), event, clock().toISOString()))();
  }

  function toSummary(row: TicketRow): TicketSummary {
    return {
      ...common(row),
      callerPhoneMasked: row.anonymous ? '匿名' : maskPhone(row.callerPhone),
      callerNameMasked: maskName(row.callerName),
    };
  }

  function common(row: TicketRow) {
    return {
      id: row.id,
      number: row.officialNo ?? row.provisionalNo,
      officialNumber: row.officialNo,
      status: row.status as TicketSummary['status'],
      syncState: row.syncState as TicketSummary['syncState'],
      syncError: row.syncError,
      channel: row.channel as TicketSummary['channel'],
      appealType: row.appealType as TicketSummary['appealType'],
      categoryPath: row.categoryPath,
      timeTier: row.timeTier as TicketSummary['timeTier'],
      title: row.title,
      districtCode: row.districtCode,
      streetCode: row.streetCode,
      locationLabel: gazetteer.label(row.districtCode, row.streetCode),
      isEnterprise: row.isEnterprise,
      anonymous: row.anonymous,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      createdBy: row.createdBy,
      version: row.version,
    };
  }

  function getUnaudited(id: string): TicketDetail {
    const row = db.select().from(tickets).where(eq(tickets.id, id)).get();
    if (!row) throw new AppError('NOT_FOUND', '找不到该工单');
    const events = db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(ticketEvents.at, ticketEvents.id).all();
    return {
      ...common(row),
      callerPhone: row.callerPhone,
      callerName: row.callerName,
      enterpriseName: row.enterpriseName,
      address: row.address,
      content: row.content,
      events: events.map((e) => ({ ...e, data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null })),
    };
  }

  /** The ticket page shows the caller's full number and name: every such view is audited. */
  function get(id: string, session: Session): TicketDetail {
    const detail = getUnaudited(id);
    appendAudit(sqlite, { at: clock().toISOString(), actor: actorOf(session), action: 'ticket.view_personal_data', target: id });
    return detail;
  }

  function list(rawQuery: TicketListQuery): TicketSummary[] {
    const parsed = TicketListQuerySchema.safeParse(rawQuery);
    if (!parsed.success) throw validationError(parsed.error);
    const query = parsed.data;
    const where: SQL[] = [];
    if (query.status) where.push(eq(tickets.status, query.status));
    if (query.appealType) where.push(eq(tickets.appealType, query.appealType));
    if (query.from) where.push(gte(tickets.createdAt, new Date(`${query.from}T00:00:00${BEIJING_OFFSET}`).toISOString()));
    if (query.to) {
      const end = new Date(`${query.to}T00:00:00${BEIJING_OFFSET}`);
      end.setUTCDate(end.getUTCDate() + 1);
      where.push(lt(tickets.createdAt, end.toISOString()));
    }
    const text = query.text?.trim();
    if (text) {
      // LIKE works for Chinese (no word boundaries to worry about); escape the wildcards the agent typed.
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(or(sql`${tickets.title} LIKE ${pattern} ESCAPE '\\'`, sql`${tickets.content} LIKE ${pattern} ESCAPE '\\'`)!);
    }
    const rows = db
      .select()
      .from(tickets)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(tickets.createdAt), desc(tickets.id))
      .limit(query.limit)
      .all();
    return rows.map(toSummary);
  }

  return { create, edit, addEvent, get, getUnaudited, list, findByDraft };
}

export type TicketStore = ReturnType<typeof createTicketStore>;
