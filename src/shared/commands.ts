/**
 * Sync commands: every local change is one of these, written to the outbox in the same SQLite
 * transaction as the change itself (DESIGN.md, "Sync model"). The server validates each with
 * these same schemas and applies it exactly once per (clientId, mutationId).
 */
import { z } from 'zod';
import { APPEAL_TYPES, CHANNELS, TICKET_STATUSES, TIME_TIERS } from './domain';
import { AnswerDirectlyCommand, Assignment, DispatchCommand, ReferLegalCommand, TransferEmergencyCommand } from './dispatch/schemas';

/** The ticket as the client knows it at creation; the server adds the official number. */
export const TicketRecord = z
  .object({
    id: z.string().uuid(),
    provisionalNo: z.string().max(32),
    status: z.enum(TICKET_STATUSES),
    channel: z.enum(CHANNELS),
    appealType: z.enum(APPEAL_TYPES),
    categoryPath: z.string().max(120),
    timeTier: z.enum(TIME_TIERS),
    title: z.string().max(200),
    content: z.string().max(10_000),
    callerPhone: z.string().max(32).nullable(),
    callerName: z.string().max(40),
    anonymous: z.boolean(),
    isEnterprise: z.boolean(),
    enterpriseName: z.string().max(100),
    districtCode: z.string().max(12).nullable(),
    streetCode: z.string().max(12).nullable(),
    address: z.string().max(200),
    createdAt: z.string(),
    createdBy: z.string().max(64),
  })
  .strict();
export type TicketRecord = z.infer<typeof TicketRecord>;

export const TicketCreateCommand = z
  .object({ type: z.literal('ticket.create'), ticket: TicketRecord })
  .strict();

/** A field edit with the version it was made against: the server rejects a stale one. */
export const TicketEditCommand = z
  .object({
    type: z.literal('ticket.edit'),
    ticketId: z.string().uuid(),
    baseVersion: z.number().int().min(1),
    changes: TicketRecord.pick({
      appealType: true,
      categoryPath: true,
      timeTier: true,
      title: true,
      content: true,
      districtCode: true,
      streetCode: true,
      address: true,
    }).partial(),
  })
  .strict();

/** A timeline entry made on the client (transfer to 110/119/120, note, direct answer, ...). */
export const TicketEventCommand = z
  .object({
    type: z.literal('ticket.event'),
    ticketId: z.string().uuid(),
    eventId: z.string().uuid(),
    kind: z.string().max(40),
    summary: z.string().max(500),
    data: z.record(z.string(), z.unknown()).nullable(),
    at: z.string(),
    status: z.enum(TICKET_STATUSES).optional(), // the status the event moves the ticket to, if any
  })
  .strict();

/**
 * Dispatch workflow commands (src/shared/dispatch). The server runs them through the dispatch state
 * machine with the user's role; an illegal transition is rejected with a Chinese reason that the
 * sync engine records on the ticket like any other rejection.
 *
 * - `ticket.dispatch`: 直派/双派 to the assignment's units; `assignment.catalogueVersion` names the
 *   catalogue version the dispatch was made under (agents: only as the catalogue suggests).
 * - `ticket.closeWithoutDispatch`: direct answer, referral to a legal channel or emergency transfer.
 * - `ticket.workflow`: every other step staff take (submit to 待派, consultation, review of a return,
 *   dispute decision, callback), as one dispatch command.
 */
export const TicketDispatchCommand = z
  .object({ type: z.literal('ticket.dispatch'), ticketId: z.string().uuid(), assignment: Assignment, note: z.string().trim().max(2000).optional() })
  .strict();

export const TicketCloseWithoutDispatchCommand = z
  .object({
    type: z.literal('ticket.closeWithoutDispatch'),
    ticketId: z.string().uuid(),
    closure: z.discriminatedUnion('type', [AnswerDirectlyCommand, ReferLegalCommand, TransferEmergencyCommand]),
  })
  .strict();

export const TicketWorkflowCommand = z
  .object({ type: z.literal('ticket.workflow'), ticketId: z.string().uuid(), action: DispatchCommand })
  .strict();

export const Command = z.discriminatedUnion('type', [
  TicketCreateCommand,
  TicketEditCommand,
  TicketEventCommand,
  TicketDispatchCommand,
  TicketCloseWithoutDispatchCommand,
  TicketWorkflowCommand,
]);
export type Command = z.infer<typeof Command>;

/** One outbox entry as pushed to the server. */
export const Mutation = z
  .object({
    mutationId: z.string().uuid(),
    clientId: z.string().uuid(),
    createdAt: z.string(),
    command: Command,
  })
  .strict();
export type Mutation = z.infer<typeof Mutation>;
