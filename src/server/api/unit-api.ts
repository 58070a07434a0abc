/**
 * The unit REST API (docs/UNITS-API.md): a unit account belongs to one unit and sees the tickets
 * dispatched to it. Every step goes through the dispatch state machine, so a reply or return from a
 * unit that does not own the ticket is refused with 403 and a Chinese reason, and an account of a
 * retired or unknown unit cannot act at all.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AuthUser } from '../auth/accounts';
import type { ServerContext } from '../context';
import { tickets } from '../db/schema';
import { DispatchViews } from '../dispatch/views';
import { HttpError, invalid, readJson, requireUser, send, type Route } from './http-util';
import { ATTACHMENT_BODY_MAX, checkReplyAttachments, discardCandidates, storeAttachment } from './attachments';
import { parseCommand, runWorkflow } from './workflow-http';
import type { IncomingMessage } from 'node:http';

function unitUser(ctx: ServerContext, req: IncomingMessage): AuthUser & { unitId: string } {
  const user = requireUser(ctx, req, ['unit']);
  const problem = ctx.dispatch.units.accountProblem(user.unitId);
  if (problem) throw new HttpError(403, 'FORBIDDEN', problem);
  return user as AuthUser & { unitId: string };
}

function requireTicket(ctx: ServerContext, id: string): void {
  if (!ctx.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, id)).get()) throw new HttpError(404, 'NOT_FOUND', '没有这张工单');
}

const views = new WeakMap<ServerContext, DispatchViews>();
export function viewsOf(ctx: ServerContext): DispatchViews {
  let v = views.get(ctx);
  if (!v) {
    v = new DispatchViews(ctx.db, ctx.dispatch.units);
    views.set(ctx, v);
  }
  return v;
}

const Note = z.object({ note: z.string().max(2000).optional() }).strict();
const Text = z.object({ text: z.string() }).strict();
const Reply = z.object({ text: z.string(), attachmentIds: z.array(z.string().max(64)).max(20).default([]) }).strict();
const ReasonBasis = z.object({ reason: z.string(), basis: z.string() }).strict();

async function body<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const raw = req.headers['content-length'] === '0' ? {} : await readJson(req);
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw invalid(parsed.error.issues);
  return parsed.data;
}

/** A step on a ticket: the unit's own commands, checked by the state machine. */
function step(build: (input: Record<string, unknown>) => unknown, schema: z.ZodType<Record<string, unknown>>): Route['handle'] {
  return async (ctx, req, res, params) => {
    const user = unitUser(ctx, req);
    requireTicket(ctx, params.id!);
    const input = await body(req, schema);
    send(res, 200, runWorkflow(ctx, user, params.id!, parseCommand(build(input))));
  };
}

export const UNIT_ROUTES: Route[] = [
  {
    method: 'GET',
    path: '/api/unit/me',
    handle: (ctx, req, res) => {
      const user = unitUser(ctx, req);
      send(res, 200, { user, unit: ctx.dispatch.units.get(user.unitId) });
    },
  },
  {
    method: 'GET',
    path: '/api/unit/inbox',
    handle: (ctx, req, res) => {
      const user = unitUser(ctx, req);
      const now = ctx.now().getTime();
      const v = viewsOf(ctx);
      send(res, 200, { unit: ctx.dispatch.units.get(user.unitId), tickets: v.inbox(user.unitId, now), related: v.related(user.unitId, now) });
    },
  },
  {
    method: 'GET',
    path: '/api/unit/tickets/:id',
    handle: (ctx, req, res, params) => {
      const user = unitUser(ctx, req);
      requireTicket(ctx, params.id!);
      const v = viewsOf(ctx);
      if (!v.relationOf(params.id!, user.unitId)) throw new HttpError(403, 'FORBIDDEN', '本单位不是该工单的承办单位，无权查看');
      send(res, 200, { ticket: v.detail(params.id!, { unitId: user.unitId }, ctx.now().getTime()) });
    },
  },
  { method: 'POST', path: '/api/unit/tickets/:id/accept', handle: step((b) => ({ type: 'accept', note: b.note }), Note) },
  { method: 'POST', path: '/api/unit/tickets/:id/start', handle: step((b) => ({ type: 'start_handling', note: b.note }), Note) },
  { method: 'POST', path: '/api/unit/tickets/:id/progress', handle: step((b) => ({ type: 'progress_note', text: b.text }), Text) },
  { method: 'POST', path: '/api/unit/tickets/:id/return', handle: step((b) => ({ type: 'request_return', reason: b.reason, basis: b.basis }), ReasonBasis) },
  { method: 'POST', path: '/api/unit/tickets/:id/dispute', handle: step((b) => ({ type: 'raise_dispute', reason: b.reason, basis: b.basis }), ReasonBasis) },
  { method: 'POST', path: '/api/unit/tickets/:id/consultation', handle: step((b) => ({ type: 'consultation_message', text: b.text }), Text) },
  {
    method: 'POST',
    path: '/api/unit/tickets/:id/reply',
    handle: async (ctx, req, res, params) => {
      const user = unitUser(ctx, req);
      requireTicket(ctx, params.id!);
      const input = await body(req, Reply);
      const attachmentIds = [...new Set(input.attachmentIds)];
      let outcome;
      try {
        const command = parseCommand({ type: 'reply', text: input.text, attachmentIds });
        outcome = runWorkflow(ctx, user, params.id!, command, () => checkReplyAttachments(ctx, user.unitId, params.id!, attachmentIds));
      } catch (error) {
        // A refused reply gives back the slots of the uploads it listed (never of referenced ones).
        discardCandidates(ctx, user.unitId, params.id!, attachmentIds);
        throw error;
      }
      send(res, 200, outcome);
    },
  },
  {
    method: 'POST',
    path: '/api/unit/tickets/:id/attachments',
    handle: async (ctx, req, res, params) => {
      const user = unitUser(ctx, req);
      requireTicket(ctx, params.id!);
      if (viewsOf(ctx).relationOf(params.id!, user.unitId) !== 'lead') throw new HttpError(403, 'FORBIDDEN', '只有该工单的主办单位可以上传附件');
      const { meta, created } = storeAttachment(ctx, user, params.id!, await readJson(req, ATTACHMENT_BODY_MAX));
      send(res, created ? 201 : 200, { attachment: meta });
    },
  },
];
