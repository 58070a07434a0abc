/**
 * What units, dispatchers and reviewers read: inbox and queue lists, and one ticket with its
 * dispatch record and audited history. Caller names and phones are masked in every list; the full
 * phone appears only on the ticket page of the lead unit and of staff. A unit sees only the history
 * entries shown to it (both sides of a dispute see the decision; a unit whose return was approved
 * sees the re-dispatch, not what the next unit does afterwards).
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { dispatchQueueOf, isOverdue, type DispatchQueue, type DispatchState } from '../../shared/dispatch';
import { TICKET_STATUS_LABELS, type TicketStatus } from '../../shared/domain';
import { maskName, maskPhone } from '../../shared/privacy';
import type { ServerDb } from '../db/open';
import { attachments, dispatchEvents, dispatchUnitLinks, ticketDispatch, tickets } from '../db/schema';
import type { UnitDirectory } from './units';

type TicketRow = typeof tickets.$inferSelect;
type DispatchRow = typeof ticketDispatch.$inferSelect;

export interface Viewer {
  /** null for staff (dispatcher, reviewer, admin, agent): they see everything. */
  unitId: string | null;
}

export interface TicketListItem {
  id: string;
  officialNo: string;
  title: string;
  appealType: string;
  categoryPath: string;
  status: string;
  statusLabel: string;
  timeTier: string;
  address: string;
  callerName: string;
  callerPhone: string;
  relation: string | null;
  leadUnit: { id: string; name: string } | null;
  coUnits: { id: string; name: string }[];
  responsibleUnit: { id: string; name: string };
  catalogueVersion: number | null;
  deadlineAt: string | null;
  overdue: boolean;
  queue: DispatchQueue | null;
  updatedAt: string;
}

export class DispatchViews {
  constructor(
    private readonly db: ServerDb,
    private readonly units: UnitDirectory,
  ) {}

  private unitRef(id: string) {
    return { id, name: this.units.nameOf(id) };
  }

  private item(t: TicketRow, d: DispatchRow | null, relation: string | null, now: number): TicketListItem {
    const state = d ? (JSON.parse(d.state) as DispatchState) : null;
    const coUnitIds = d ? (JSON.parse(d.coUnitIds) as string[]) : [];
    return {
      id: t.id,
      officialNo: t.officialNo,
      title: t.title,
      appealType: t.appealType,
      categoryPath: t.categoryPath,
      status: t.status,
      statusLabel: TICKET_STATUS_LABELS[t.status as TicketStatus] ?? t.status,
      timeTier: t.timeTier,
      address: t.address,
      callerName: t.anonymous ? '匿名' : maskName(t.callerName),
      callerPhone: t.anonymous ? '' : maskPhone(t.callerPhone),
      relation,
      leadUnit: d?.leadUnitId ? this.unitRef(d.leadUnitId) : null,
      coUnits: coUnitIds.map((id) => this.unitRef(id)),
      responsibleUnit: this.unitRef(d?.responsibleUnitId ?? 'center-12345'),
      catalogueVersion: d?.catalogueVersion ?? null,
      deadlineAt: d?.deadlineAt ?? null,
      overdue: state ? isOverdue(state, now) : false,
      queue: state ? dispatchQueueOf(state) : t.status === 'to_dispatch' ? 'to_dispatch' : null,
      updatedAt: t.updatedAt,
    };
  }

  /** Tickets the unit currently holds as lead or co-handling unit, newest change first. */
  inbox(unitId: string, now: number, limit = 200): TicketListItem[] {
    return this.linked(unitId, ['lead', 'co'], now, limit);
  }

  /** Tickets the unit no longer holds but took part in (returned, disputed, consulted). */
  related(unitId: string, now: number, limit = 100): TicketListItem[] {
    return this.linked(unitId, ['party'], now, limit);
  }

  /** Tickets linked to the unit with one of these relations, newest first. */
  private linked(unitId: string, relations: Array<'lead' | 'co' | 'party'>, now: number, limit: number): TicketListItem[] {
    return this.db
      .select({ t: tickets, d: ticketDispatch, relation: dispatchUnitLinks.relation })
      .from(dispatchUnitLinks)
      .innerJoin(tickets, eq(tickets.id, dispatchUnitLinks.ticketId))
      .innerJoin(ticketDispatch, eq(ticketDispatch.ticketId, dispatchUnitLinks.ticketId))
      .where(and(eq(dispatchUnitLinks.unitId, unitId), inArray(dispatchUnitLinks.relation, relations)))
      .orderBy(desc(tickets.seq))
      .limit(limit)
      .all()
      .map((r) => this.item(r.t, r.d, r.relation, now));
  }

  /**
   * The dispatcher/reviewer queues. 待派 also lists tickets an agent marked 待派 that have no
   * dispatch record yet (they enter the workflow with the first command).
   */
  queues(now: number, limit = 200): Record<DispatchQueue, TicketListItem[]> {
    const out: Record<DispatchQueue, TicketListItem[]> = { to_dispatch: [], consultation: [], returned: [], disputed: [] };
    const rows = this.db
      .select({ t: tickets, d: ticketDispatch })
      .from(ticketDispatch)
      .innerJoin(tickets, eq(tickets.id, ticketDispatch.ticketId))
      .where(inArray(ticketDispatch.queue, ['to_dispatch', 'consultation', 'returned', 'disputed']))
      .orderBy(asc(tickets.seq))
      .limit(limit * 4)
      .all();
    for (const r of rows) {
      const item = this.item(r.t, r.d, null, now);
      if (item.queue && out[item.queue].length < limit) out[item.queue].push(item);
    }
    const fresh = this.db
      .select({ t: tickets, d: ticketDispatch })
      .from(tickets)
      .leftJoin(ticketDispatch, eq(ticketDispatch.ticketId, tickets.id))
      .where(eq(tickets.status, 'to_dispatch'))
      .orderBy(asc(tickets.seq))
      .limit(limit)
      .all();
    for (const r of fresh) if (!r.d && out.to_dispatch.length < limit) out.to_dispatch.push(this.item(r.t, null, null, now));
    return out;
  }

  /** How the viewer relates to the ticket: lead, co, party, or null (no access for units). */
  relationOf(ticketId: string, unitId: string): string | null {
    return (
      this.db
        .select({ relation: dispatchUnitLinks.relation })
        .from(dispatchUnitLinks)
        .where(and(eq(dispatchUnitLinks.ticketId, ticketId), eq(dispatchUnitLinks.unitId, unitId)))
        .get()?.relation ?? null
    );
  }

  /** One ticket for the viewer, or null when it does not exist. Access is checked by the caller. */
  detail(ticketId: string, viewer: Viewer, now: number) {
    const t = this.db.select().from(tickets).where(eq(tickets.id, ticketId)).get();
    if (!t) return null;
    const d = this.db.select().from(ticketDispatch).where(eq(ticketDispatch.ticketId, ticketId)).get() ?? null;
    const relation = viewer.unitId ? this.relationOf(ticketId, viewer.unitId) : null;
    const item = this.item(t, d, relation, now);
    const state = d ? (JSON.parse(d.state) as DispatchState) : null;
    const seesContact = !t.anonymous && (viewer.unitId === null || relation === 'lead');
    const names = (ids: string[]) => ids.map((id) => this.unitRef(id));
    const history = this.db
      .select()
      .from(dispatchEvents)
      .where(eq(dispatchEvents.ticketId, ticketId))
      .orderBy(asc(dispatchEvents.dispatchSeq))
      .all()
      .filter((e) => {
        if (!viewer.unitId) return true;
        const data = JSON.parse(e.data) as { visibleToUnitIds?: string[] };
        return e.whoUnitId === viewer.unitId || (data.visibleToUnitIds ?? []).includes(viewer.unitId);
      })
      .map((e) => ({
        id: e.id,
        at: e.at,
        type: e.type,
        who: e.whoId,
        whoRole: e.whoRole,
        whoUnit: e.whoUnitId ? this.unitRef(e.whoUnitId) : null,
        summary: e.summary,
        why: e.why,
        statusAfter: e.statusAfter,
        statusAfterLabel: TICKET_STATUS_LABELS[e.statusAfter as TicketStatus] ?? e.statusAfter,
      }));
    const files = this.db
      .select({ id: attachments.id, name: attachments.name, mime: attachments.mime, size: attachments.size, unitId: attachments.unitId, createdAt: attachments.createdAt })
      .from(attachments)
      .where(eq(attachments.ticketId, ticketId))
      .orderBy(asc(attachments.createdAt))
      .all();
    return {
      ...item,
      content: t.content,
      callerPhoneFull: seesContact ? t.callerPhone : null,
      assignment: state?.assignment
        ? { ...state.assignment, lead: this.unitRef(state.assignment.leadUnitId), co: names(state.assignment.coUnitIds) }
        : null,
      returns: (state?.returns ?? []).filter((r) => !viewer.unitId || r.unitId === viewer.unitId || relation === 'lead').map((r) => ({ ...r, unit: this.unitRef(r.unitId) })),
      disputes: (state?.disputes ?? [])
        .filter((x) => !viewer.unitId || x.partyUnitIds.includes(viewer.unitId))
        .map((x) => ({ ...x, unit: this.unitRef(x.unitId) })),
      consultations: (state?.consultations ?? [])
        .filter((c) => !viewer.unitId || c.candidateUnitIds.includes(viewer.unitId))
        .map((c) => ({ ...c, candidates: names(c.candidateUnitIds) })),
      // A unit that only was a party (e.g. its return was approved) sees its own replies, not the next unit's.
      replies: (state?.replies ?? [])
        .filter((r) => !viewer.unitId || relation === 'lead' || relation === 'co' || r.unitId === viewer.unitId)
        .map((r) => ({ ...r, unit: this.unitRef(r.unitId) })),
      attachments: files.filter((f) => !viewer.unitId || f.unitId === viewer.unitId || relation === 'lead'),
      history,
    };
  }
}
