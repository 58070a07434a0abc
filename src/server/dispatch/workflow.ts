/**
 * The dispatch workflow on the server, the authority over every transition. One call = one
 * command of the pure state machine (src/shared/dispatch) with the acting account's role and unit,
 * written in the caller's transaction together with:
 *   - the ticket's dispatch document and its queryable columns (status, responsible unit, lead/co
 *     units, catalogue version, deadline, queue) in `ticket_dispatch`;
 *   - the units that may see the ticket (`dispatch_unit_links`);
 *   - the audit record (who/when/why) in `dispatch_events`;
 *   - the ticket's new status, its history entry (ServerTicketEvent) and the next change `seq`, so
 *     every seat sees status changes, unit replies and decisions in the ticket timeline.
 * The invariants (exactly one responsible unit, every return reviewed …) are checked before the
 * write: a transition that would break one is refused rather than stored.
 */
import { eq } from 'drizzle-orm';
import {
  DEFAULT_DISPATCH_POLICY,
  HOTLINE_CENTER_UNIT_ID,
  apply,
  checkDispatchInvariants,
  createDispatchState,
  dispatchQueueOf,
  type Assignment,
  type DispatchActor,
  type DispatchCommand,
  type DispatchEvent,
  type DispatchRole,
  type DispatchState,
} from '../../shared/dispatch';
import { TICKET_STATUS_LABELS, type TicketStatus, type TimeTier } from '../../shared/domain';
import { resolveUnit } from '../../main/core/catalogue';
import type { AuthUser } from '../auth/accounts';
import { dispatchEvents, dispatchUnitLinks, ticketDispatch, tickets } from '../db/schema';
import { Rejection } from '../sync/rejection';
import type { ServerStore, TicketRow } from '../sync/store';
import type { CatalogueService } from './catalogue';
import { formatBeijing } from './format';
import type { UnitDirectory } from './units';

export interface WorkflowResult {
  ticketId: string;
  officialNo: string;
  seq: number;
  state: DispatchState;
  event: DispatchEvent;
}

/** Commands that carry a new assignment (and so a catalogue version and a recomputed deadline). */
function assignmentOf(command: DispatchCommand): Assignment | null {
  switch (command.type) {
    case 'dispatch':
    case 'conclude_consultation':
      return command.assignment;
    case 'review_return':
    case 'decide_dispute':
      return command.reassignment ?? null;
    default:
      return null;
  }
}

/** The server's roles as the state machine's: the dispatcher account also reviews (派单员/审核员). */
function machineRole(user: AuthUser, command: DispatchCommand): DispatchRole {
  switch (user.role) {
    case 'admin':
      return 'admin';
    case 'unit':
      return 'unit';
    case 'dispatcher':
      return command.type === 'review_return' || command.type === 'decide_dispute' ? 'reviewer' : 'dispatcher';
    default:
      return 'agent'; // agent, lead
  }
}

const INTAKE_STATUSES: TicketStatus[] = ['recorded', 'to_dispatch'];

export class DispatchWorkflow {
  constructor(
    private readonly units: UnitDirectory,
    private readonly catalogue: CatalogueService,
  ) {}

  stateOf(store: ServerStore, ticket: TicketRow): DispatchState | null {
    const row = store.db.select({ state: ticketDispatch.state }).from(ticketDispatch).where(eq(ticketDispatch.ticketId, ticket.id)).get();
    if (row) return JSON.parse(row.state) as DispatchState;
    if (INTAKE_STATUSES.includes(ticket.status as TicketStatus)) return createDispatchState(ticket.id, ticket.timeTier as TimeTier, ticket.status as 'recorded' | 'to_dispatch');
    return null;
  }

  hasDispatchState(store: ServerStore, ticketId: string): boolean {
    return store.db.select({ id: ticketDispatch.ticketId }).from(ticketDispatch).where(eq(ticketDispatch.ticketId, ticketId)).get() !== undefined;
  }

  /**
   * Applies one workflow command. Throws `Rejection` (Chinese reason) when the ticket, the actor or
   * the transition is not acceptable; the caller's transaction then rolls the savepoint back.
   */
  run(store: ServerStore, ticketId: string, command: DispatchCommand, user: AuthUser, now: Date, eventId: string): WorkflowResult {
    const ticket = store.findTicket(ticketId);
    if (!ticket) throw new Rejection('NOT_FOUND', '服务器上没有这张工单（可能新建时已被拒绝）');
    const state = this.stateOf(store, ticket);
    if (!state) {
      throw new Rejection('CONFLICT', `工单当前为「${TICKET_STATUS_LABELS[ticket.status as TicketStatus] ?? ticket.status}」，已不派单办结，不能再进入派单流程`);
    }
    // Before dispatch the ticket's own tier (agents may still edit it) sets the deadline.
    const current: DispatchState = INTAKE_STATUSES.includes(state.status) ? { ...state, timeTier: ticket.timeTier as TimeTier } : state;

    const actor: DispatchActor = { id: user.username, role: machineRole(user, command) };
    if (user.role === 'unit') {
      const problem = this.units.accountProblem(user.unitId);
      if (problem) throw new Rejection('FORBIDDEN', problem);
      actor.unitId = user.unitId!;
    }
    const assignment = assignmentOf(command);
    if (assignment) this.checkAssignment(ticket, assignment, user);

    const registry = this.units.current;
    const result = apply(current, command, actor, now.getTime(), { ...DEFAULT_DISPATCH_POLICY, checkUnit: (id) => registry.dispatchProblem(id) });
    if (!result.ok) throw new Rejection(result.code, this.names(result.reason));
    const violations = checkDispatchInvariants(result.state);
    if (violations.length) {
      console.error('[dispatch] invariant violated, transition refused', command.type, violations.join('; '));
      throw new Rejection('INTERNAL', `服务器拒绝了一个会破坏派单规则的变更（${violations[0]}），已记录，请联系管理员`);
    }
    const event = result.events[0]!;
    const seq = this.write(store, ticket, command, result.state, event, user, now, eventId);
    return { ticketId, officialNo: ticket.officialNo, seq, state: result.state, event };
  }

  /**
   * Every dispatch names a published catalogue version. Agents may dispatch only what the
   * catalogue suggests for the ticket's location (the one-key confirm of the dispatch panel);
   * anything else is the dispatcher's decision.
   */
  private checkAssignment(ticket: TicketRow, a: Assignment, user: AuthUser): void {
    const latest = this.catalogue.currentVersion;
    if (a.catalogueVersion < 1 || a.catalogueVersion > latest) {
      throw new Rejection('VALIDATION', `派单依据的职责目录第 ${a.catalogueVersion} 版不存在（当前为第 ${latest} 版），请更新职责目录后重试`);
    }
    if (user.role !== 'agent' && user.role !== 'lead') return;
    const manual = '话务员只能按职责目录的建议派单；其他单位请提交待派，由派单员派单';
    if (!a.entryId) throw new Rejection('FORBIDDEN', manual);
    const version = this.catalogue.version(a.catalogueVersion)!;
    const entry = version.entries.find((e) => e.id === a.entryId);
    if (!entry) throw new Rejection('VALIDATION', `职责目录第 ${a.catalogueVersion} 版中没有事项 ${a.entryId}`);
    const location = { districtCode: ticket.districtCode, streetCode: ticket.streetCode };
    const lead = resolveUnit(entry.responsible, location, this.units.current);
    if (lead.unit?.id !== a.leadUnitId) throw new Rejection('FORBIDDEN', `${manual}（事项「${entry.matter}」建议：${lead.unit?.name ?? lead.why}）`);
    if (a.coUnitIds.length) {
      const co = entry.coHandling ? resolveUnit(entry.coHandling, location, this.units.current).unit?.id : undefined;
      if (a.coUnitIds.length !== 1 || a.coUnitIds[0] !== co) throw new Rejection('FORBIDDEN', `${manual}（协办单位与事项「${entry.matter}」不符）`);
    }
  }

  private write(store: ServerStore, ticket: TicketRow, command: DispatchCommand, state: DispatchState, event: DispatchEvent, user: AuthUser, now: Date, eventId: string): number {
    const db = store.db;
    const at = now.toISOString();
    const a = state.assignment;
    const row = {
      status: state.status,
      responsibleUnitId: state.responsibleUnitId,
      leadUnitId: a?.leadUnitId ?? null,
      coUnitIds: JSON.stringify(a?.coUnitIds ?? []),
      catalogueVersion: a?.catalogueVersion ?? null,
      deadlineAt: a?.deadlineAt ?? null,
      queue: dispatchQueueOf(state),
      state: JSON.stringify(state),
      updatedAt: at,
    };
    db.insert(ticketDispatch)
      .values({ ticketId: ticket.id, ...row })
      .onConflictDoUpdate({ target: ticketDispatch.ticketId, set: row })
      .run();

    // Who sees the ticket: the current lead and co units (their inbox), and every unit an event
    // was shown to (a former lead sees the decision on its return, both sides of a dispute …).
    const relations = new Map<string, string>();
    for (const link of db.select().from(dispatchUnitLinks).where(eq(dispatchUnitLinks.ticketId, ticket.id)).all()) relations.set(link.unitId, 'party');
    for (const id of event.visibleToUnitIds) relations.set(id, 'party');
    for (const id of a?.coUnitIds ?? []) relations.set(id, 'co');
    if (a) relations.set(a.leadUnitId, 'lead');
    relations.delete(HOTLINE_CENTER_UNIT_ID);
    db.delete(dispatchUnitLinks).where(eq(dispatchUnitLinks.ticketId, ticket.id)).run();
    for (const [unitId, relation] of relations) db.insert(dispatchUnitLinks).values({ ticketId: ticket.id, unitId, relation }).run();

    const summary = this.names(event.summary);
    const why = this.names(event.why);
    db.insert(dispatchEvents)
      .values({
        id: eventId,
        ticketId: ticket.id,
        dispatchSeq: event.seq,
        type: event.type,
        whoId: event.who.id,
        whoRole: event.who.role,
        whoUnitId: event.who.unitId,
        at: event.at,
        why,
        summary,
        statusBefore: event.statusBefore,
        statusAfter: event.statusAfter,
        data: JSON.stringify({ ...event.data, visibleToUnitIds: event.visibleToUnitIds }),
      })
      .run();

    const seq = store.nextSeq();
    db.update(tickets).set({ status: state.status, seq, updatedAt: at }).where(eq(tickets.id, ticket.id)).run();
    const actor = user.role === 'unit' && user.unitId ? `${user.displayName}（${this.units.nameOf(user.unitId)}）` : user.displayName;
    // The reason goes into the timeline line only when a person wrote it (not a default text).
    const written = 'note' in command ? !!command.note?.trim() : true;
    const line = written && why && !summary.includes(why) ? `${summary}：${why}` : summary;
    store.insertEvent(
      {
        id: eventId,
        ticketId: ticket.id,
        at,
        actor,
        kind: `dispatch.${event.type}`,
        summary: line.length > 500 ? `${line.slice(0, 499)}…` : line,
        data: {
          status: state.status,
          statusBefore: event.statusBefore,
          why,
          unitId: event.who.unitId,
          responsibleUnitId: state.responsibleUnitId,
          responsibleUnitName: this.units.nameOf(state.responsibleUnitId),
          leadUnitId: a?.leadUnitId ?? null,
          leadUnitName: a ? this.units.nameOf(a.leadUnitId) : null,
          coUnitIds: a?.coUnitIds ?? [],
          catalogueVersion: a?.catalogueVersion ?? null,
          deadlineAt: a?.deadlineAt ?? null,
          ...event.data,
        },
      },
      seq,
    );
    return seq;
  }

  /** Unit ids and ISO times in machine text → names and Beijing time for people. */
  names(text: string): string {
    return text
      .replace(/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b/g, (id) => (this.units.get(id) ? this.units.nameOf(id) : id))
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) => formatBeijing(iso));
  }
}
