/**
 * A workflow step made over HTTP (unit API, reviewer page): the same state machine and bookkeeping
 * as a pushed sync command, in one transaction, then fanned out to every connected client so the
 * agent sees the unit's reply or the reviewer's decision in the ticket timeline within a second.
 */
import { v7 as uuidv7 } from 'uuid';
import { DispatchCommand } from '../../shared/dispatch';
import type { AuthUser } from '../auth/accounts';
import type { ServerContext } from '../context';
import { HttpError, invalid, toHttpError } from './http-util';
import { serverStore } from '../sync/store';

export function parseCommand(raw: unknown): DispatchCommand {
  const parsed = DispatchCommand.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.issues);
  return parsed.data;
}

/** `check` runs first inside the same transaction (e.g. a reply's attachments); throwing refuses the step. */
export function runWorkflow(ctx: ServerContext, user: AuthUser, ticketId: string, command: DispatchCommand, check?: () => void) {
  const store = serverStore(ctx.db);
  let outcome;
  try {
    outcome = ctx.db.transaction(() => {
      check?.();
      const fromSeq = store.headSeq();
      const result = ctx.dispatch.workflow.run(store, ticketId, command, user, ctx.now(), uuidv7());
      return { result, fromSeq, toSeq: store.headSeq(), changes: store.changesForIds([ticketId]) };
    });
  } catch (error) {
    const mapped = toHttpError(error);
    if (mapped instanceof HttpError) throw mapped;
    throw error;
  }
  ctx.publish(outcome.changes, outcome.fromSeq, outcome.toSeq);
  const { state, event } = outcome.result;
  return { ok: true, ticketId, status: state.status, seq: outcome.result.seq, event: { type: event.type, summary: ctx.dispatch.workflow.names(event.summary), at: event.at } };
}
