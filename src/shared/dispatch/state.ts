/**
 * The dispatch workflow's state for one ticket: plain JSON, so the server can store it as a
 * document and clients can cache it. Open returns, disputes and consultations are not separate
 * flags: they are the last record without a decision, which keeps "every return is reviewed"
 * checkable from the history alone.
 */
import type { TicketStatus, TimeTier } from '../domain';
import type { DispatchCommandType, DispatchMode, DispatchRole, LegalChannel } from './schemas';
import type { EmergencyService } from '../domain';

/**
 * Before any unit has received the ticket the hotline centre itself answers for it, so a ticket
 * always has exactly one responsible party (首接负责 starts at the centre).
 */
export const HOTLINE_CENTER_UNIT_ID = 'center-12345';

export interface ActiveAssignment {
  leadUnitId: string;
  coUnitIds: string[];
  mode: DispatchMode;
  timeTier: TimeTier;
  catalogueVersion: number;
  entryId: string | null;
  /** 1 for the first dispatch, +1 for every re-dispatch (return approved, dispute reassigned). */
  round: number;
  dispatchedAt: string;
  /** dispatchedAt + the tier's time limit; recomputed on every re-dispatch. */
  deadlineAt: string;
  acceptedAt: string | null;
  coAcceptedUnitIds: string[];
}

export interface ReviewDecision {
  reviewerId: string;
  at: string;
  basis: string;
  /** New lead unit when the decision re-dispatched the ticket. */
  reassignedTo: string | null;
}

export interface ReturnRecord {
  unitId: string;
  round: number;
  reason: string;
  basis: string;
  requestedAt: string;
  decision: (ReviewDecision & { outcome: 'approved' | 'rejected' }) | null;
}

export interface DisputeRecord {
  unitId: string;
  round: number;
  reason: string;
  basis: string;
  raisedAt: string;
  /** Units that see the decision: the disputing unit and the lead at the time (and the new lead). */
  partyUnitIds: string[];
  decision: (ReviewDecision & { outcome: 'upheld' | 'reassigned' }) | null;
}

export interface ConsultationMessage {
  by: string;
  unitId: string | null;
  text: string;
  at: string;
}

export interface Consultation {
  topic: string;
  candidateUnitIds: string[];
  openedBy: string;
  openedAt: string;
  messages: ConsultationMessage[];
  outcome: { text: string; at: string; by: string; leadUnitId: string } | null;
}

export type Closure =
  | { kind: 'direct_answer'; at: string; by: string; answer: string; basis: string | null }
  | { kind: 'legal_referral'; at: string; by: string; channel: LegalChannel; explanation: string }
  | { kind: 'emergency_transfer'; at: string; by: string; service: EmergencyService; reason: string };

export interface UnitReply {
  unitId: string;
  text: string;
  attachmentIds: string[];
  at: string;
  round: number;
}

export interface CallbackRecord {
  by: string;
  at: string;
  solved: boolean;
  satisfied: boolean;
  reopened: boolean;
  note: string;
}

export interface DispatchState {
  ticketId: string;
  status: TicketStatus;
  /** The ticket's tier; an assignment may override it for its own deadline. */
  timeTier: TimeTier;
  /** 首接负责: exactly one unit answers for the ticket at any time. */
  responsibleUnitId: string;
  assignment: ActiveAssignment | null;
  returns: ReturnRecord[];
  disputes: DisputeRecord[];
  consultations: Consultation[];
  replies: UnitReply[];
  callbacks: CallbackRecord[];
  closure: Closure | null;
  /** Number of transitions applied; the next event's seq is seq + 1. */
  seq: number;
}

export interface DispatchEvent {
  seq: number;
  ticketId: string;
  type: DispatchCommandType;
  /** Who, when, why: the audit triple every transition carries. */
  who: { id: string; role: DispatchRole; unitId: string | null };
  at: string;
  why: string;
  /** One Chinese line for the ticket timeline. */
  summary: string;
  statusBefore: TicketStatus;
  statusAfter: TicketStatus;
  /** Units that see this event in their inbox/timeline (both sides of a dispute, etc.). */
  visibleToUnitIds: string[];
  data: Record<string, unknown>;
}

export function createDispatchState(ticketId: string, timeTier: TimeTier, status: 'recorded' | 'to_dispatch' = 'recorded'): DispatchState {
  return {
    ticketId,
    status,
    timeTier,
    responsibleUnitId: HOTLINE_CENTER_UNIT_ID,
    assignment: null,
    returns: [],
    disputes: [],
    consultations: [],
    replies: [],
    callbacks: [],
    closure: null,
    seq: 0,
  };
}

export function openReturn(state: DispatchState): ReturnRecord | null {
  const last = state.returns.at(-1);
  return last && !last.decision ? last : null;
}

export function openDispute(state: DispatchState): DisputeRecord | null {
  const last = state.disputes.at(-1);
  return last && !last.decision ? last : null;
}

export function openConsultation(state: DispatchState): Consultation | null {
  const last = state.consultations.at(-1);
  return last && !last.outcome ? last : null;
}

export const DISPATCH_QUEUES = ['to_dispatch', 'consultation', 'returned', 'disputed'] as const;
export type DispatchQueue = (typeof DISPATCH_QUEUES)[number];
export const DISPATCH_QUEUE_LABELS: Record<DispatchQueue, string> = {
  to_dispatch: '待派',
  consultation: '会商中',
  returned: '退单待审',
  disputed: '争议待裁定',
};

/** Which dispatcher/reviewer queue the ticket sits in, if any. */
export function dispatchQueueOf(state: DispatchState): DispatchQueue | null {
  if (openReturn(state)) return 'returned';
  if (openDispute(state)) return 'disputed';
  if (openConsultation(state)) return 'consultation';
  if (state.status === 'to_dispatch') return 'to_dispatch';
  return null;
}

/** The units that currently hold the ticket (lead first). */
export function assignedUnitIds(state: DispatchState): string[] {
  return state.assignment ? [state.assignment.leadUnitId, ...state.assignment.coUnitIds] : [];
}

export function isOverdue(state: DispatchState, now: number): boolean {
  if (!state.assignment) return false;
  if (!['dispatched', 'accepted', 'in_progress'].includes(state.status)) return false;
  return now > Date.parse(state.assignment.deadlineAt);
}
