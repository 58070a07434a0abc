/**
 * The agent's side of dispatch (issue 5): catalogue suggestions for a recorded ticket, and the
 * commands that dispatch it or close it without dispatch. The server decides (it runs the state
 * machine in src/shared/dispatch); the client records the request locally in the same
 * transaction as its outbox command, so it works offline and shows "待服务器确认" until synced.
 * The local history entry uses the mutation id, which is also the id the server gives its entry,
 * so the timeline does not change when the server's version replaces it.
 */
import type { CatalogueMatch, Session, TicketDetail } from '../../../shared/contract';
import type { Command } from '../../../shared/commands';
import { LEGAL_CHANNEL_LABELS, type LegalChannel } from '../../../shared/dispatch';
import type { TicketStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { AssistProvider } from '../assist';
import { appendAudit } from '../audit/audit-log';
import { assignmentFromMatch, type ResolvedCatalogueMatch } from '../catalogue';
import type { OpenedDatabase } from '../db/open';
import { enqueueCommand } from '../tickets/outbox';
import { statement } from '../db/statements';
import type { Clock, TicketStore } from '../tickets/ticket-store';

const SUGGESTIONS = 5;

type Closure =
  | { type: 'answer_directly'; answer: string; basis?: string }
  | { type: 'refer_legal'; channel: LegalChannel; explanation: string };

export function createDispatchDesk(deps: { opened: OpenedDatabase; clock: Clock; tickets: TicketStore; assist: AssistProvider | undefined }) {
  const { opened, clock, tickets, assist } = deps;
  const { sqlite } = opened;

  function matchesFor(ticket: TicketDetail): ResolvedCatalogueMatch[] {
    if (!assist) throw new AppError('INTERNAL', '职责目录暂不可用');
    return assist.matchCatalogue({
      text: `${ticket.title}\n${ticket.content}`,
      categoryPath: ticket.categoryPath,
      districtCode: ticket.districtCode,
      streetCode: ticket.streetCode,
      limit: SUGGESTIONS,
    });
  }

  function requireDispatchable(ticket: TicketDetail): void {
    if (ticket.status !== 'recorded' && ticket.status !== 'to_dispatch') {
      throw new AppError('CONFLICT', `工单当前状态不能派单或办结（${ticket.status}）`);
    }
  }

  /** One command + its local history entry (+ status) in one transaction. */
  function record(ticketId: string, session: Session, command: Command, summary: string, status: TicketStatus, data: Record<string, unknown>): void {
    const at = clock().toISOString();
    const actor = `${session.agentName}@${session.seat}`;
    sqlite.transaction(() => {
      const mutationId = enqueueCommand(sqlite, command, at);
      sqlite
        .prepare('INSERT INTO ticket_events(id, ticket_id, at, actor, kind, summary, data) VALUES(?, ?, ?, ?, ?, ?, ?)')
        .run(mutationId, ticketId, at, actor, `dispatch.${command.type === 'ticket.dispatch' ? 'dispatch' : 'close'}`, summary, JSON.stringify({ ...data, pendingServer: true }));
      // Until the server has it, the ticket shows 待同步 (and a refusal later shows 服务器拒绝).
      statement(sqlite, "UPDATE tickets SET status = ?, updated_at = ?, sync_state = 'pending', sync_error = NULL WHERE id = ?").run(status, at, ticketId);
      appendAudit(sqlite, { at, actor, action: command.type, target: ticketId });
    })();
  }

  return {
    suggest(ticketId: string): CatalogueMatch[] {
      return matchesFor(tickets.getUnaudited(ticketId));
    },

    send(ticketId: string, entryId: string, note: string | undefined, session: Session): TicketDetail {
      const ticket = tickets.getUnaudited(ticketId);
      requireDispatchable(ticket);
      // Re-match rather than trust the renderer: the assignment is exactly what the catalogue says.
      const match = matchesFor(ticket).find((m) => m.entryId === entryId);
      if (!match) throw new AppError('VALIDATION', '该职责目录事项不适用于此工单，请重新选择', { entryId: '该事项不在推荐列表中' });
      const assignment = assignmentFromMatch(match);
      const units = [match.unitName, ...(assignment.coUnitIds?.length ? match.coUnitNames : [])];
      const summary = `${match.dispatchMode === 'dual' ? '双派' : '直派'}至 ${units.join('、')}（${match.matter}，目录第${match.catalogueVersion}版）——待服务器确认`;
      record(ticketId, session, { type: 'ticket.dispatch', ticketId, assignment: { ...assignment, coUnitIds: assignment.coUnitIds ?? [], entryId: assignment.entryId ?? null }, ...(note ? { note } : {}) }, summary, 'dispatched', {
        entryId,
        leadUnitName: match.unitName,
        catalogueVersion: match.catalogueVersion,
      });
      return tickets.getUnaudited(ticketId);
    },

    closeWithoutDispatch(ticketId: string, closure: Closure, session: Session): TicketDetail {
      const ticket = tickets.getUnaudited(ticketId);
      requireDispatchable(ticket);
      const summary =
        closure.type === 'answer_directly'
          ? `当场答复办结：${closure.answer}`
          : `引导至${LEGAL_CHANNEL_LABELS[closure.channel]}：${closure.explanation}`;
      record(ticketId, session, { type: 'ticket.closeWithoutDispatch', ticketId, closure }, `${summary}——待服务器确认`, closure.type === 'answer_directly' ? 'answered' : 'referred', {
        closure: closure.type,
      });
      return tickets.getUnaudited(ticketId);
    },
  };
}
