/**
 * Dispatcher/reviewer API (派单员/审核员): the four queues, a ticket with its dispatch record, and
 * the decisions: dispatch, approve/reject a return (approve = re-dispatch with a new deadline),
 * decide a dispute, consultation thread (open, messages, outcome). Each is one state-machine step.
 */
import { eq } from 'drizzle-orm';
import type { ServerContext } from '../context';
import { tickets } from '../db/schema';
import { HttpError, readJson, requireUser, send, type Route } from './http-util';
import { findAttachment, readAttachment } from './attachments';
import { viewsOf } from './unit-api';
import { parseCommand, runWorkflow } from './workflow-http';
import type { IncomingMessage } from 'node:http';
import type { Role } from '../../shared/sync-wire';

const STAFF: readonly Role[] = ['dispatcher', 'admin'];
const READERS: readonly Role[] = ['dispatcher', 'admin', 'lead', 'agent'];

async function input(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readJson(req);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new HttpError(400, 'VALIDATION', '请求内容应为 JSON 对象');
  return raw as Record<string, unknown>;
}

function decision(build: (b: Record<string, unknown>) => unknown): Route['handle'] {
  return async (ctx, req, res, params) => {
    const user = requireUser(ctx, req, STAFF);
    const b = await input(req);
    send(res, 200, runWorkflow(ctx, user, params.id!, parseCommand(build(b))));
  };
}

function ticketOr404(ctx: ServerContext, id: string) {
  const detail = viewsOf(ctx).detail(id, { unitId: null }, ctx.now().getTime());
  if (!detail) throw new HttpError(404, 'NOT_FOUND', '没有这张工单');
  return detail;
}

export const DISPATCH_ROUTES: Route[] = [
  {
    method: 'GET',
    path: '/api/dispatch/queues',
    handle: (ctx, req, res) => {
      requireUser(ctx, req, READERS);
      send(res, 200, { queues: viewsOf(ctx).queues(ctx.now().getTime()), catalogueVersion: ctx.dispatch.catalogue.currentVersion });
    },
  },
  {
    method: 'GET',
    path: '/api/dispatch/tickets/:id',
    handle: (ctx, req, res, params) => {
      requireUser(ctx, req, READERS);
      send(res, 200, { ticket: ticketOr404(ctx, params.id!) });
    },
  },
  {
    method: 'GET',
    path: '/api/dispatch/tickets/:id/suggestions',
    handle: (ctx, req, res, params) => {
      requireUser(ctx, req, READERS);
      const t = ticketOr404(ctx, params.id!);
      const version = ctx.dispatch.catalogue.currentVersion;
      const matcher = ctx.dispatch.catalogue.matcher(version);
      const where = ctx.db.select({ d: tickets.districtCode, s: tickets.streetCode }).from(tickets).where(eq(tickets.id, params.id!)).get();
      const matches = matcher ? matcher.match({ text: `${t.title} ${t.content}`, categoryPath: t.categoryPath, districtCode: where?.d, streetCode: where?.s, limit: 5 }) : [];
      send(res, 200, { catalogueVersion: version, matches });
    },
  },
  { method: 'POST', path: '/api/dispatch/tickets/:id/submit', handle: decision((b) => ({ type: 'submit', note: b.note })) },
  { method: 'POST', path: '/api/dispatch/tickets/:id/dispatch', handle: decision((b) => ({ type: 'dispatch', assignment: b.assignment, note: b.note })) },
  {
    method: 'POST',
    path: '/api/dispatch/tickets/:id/return-review',
    handle: decision((b) => ({ type: 'review_return', decision: b.decision, basis: b.basis, reassignment: b.reassignment })),
  },
  {
    method: 'POST',
    path: '/api/dispatch/tickets/:id/dispute-decision',
    handle: decision((b) => ({ type: 'decide_dispute', decision: b.decision, basis: b.basis, reassignment: b.reassignment })),
  },
  {
    method: 'POST',
    path: '/api/dispatch/tickets/:id/consultation',
    handle: decision((b) => ({ type: 'open_consultation', candidateUnitIds: b.candidateUnitIds, topic: b.topic })),
  },
  { method: 'POST', path: '/api/dispatch/tickets/:id/consultation/messages', handle: decision((b) => ({ type: 'consultation_message', text: b.text })) },
  {
    method: 'POST',
    path: '/api/dispatch/tickets/:id/consultation/outcome',
    handle: decision((b) => ({ type: 'conclude_consultation', outcome: b.outcome, assignment: b.assignment })),
  },
  /** Any other workflow command (callback, close without dispatch …) as `{action: DispatchCommand}`. */
  { method: 'POST', path: '/api/dispatch/tickets/:id/actions', handle: decision((b) => b.action) },
  {
    method: 'GET',
    path: '/api/attachments/:id',
    handle: (ctx, req, res, params) => {
      const user = requireUser(ctx, req);
      const file = findAttachment(ctx, params.id!);
      if (!file) throw new HttpError(404, 'NOT_FOUND', '没有这个附件');
      if (user.role === 'unit') {
        const relation = user.unitId ? viewsOf(ctx).relationOf(file.ticketId, user.unitId) : null;
        if (file.unitId !== user.unitId && relation !== 'lead') throw new HttpError(403, 'FORBIDDEN', '无权下载该附件');
      }
      const bytes = readAttachment(ctx, file.id);
      res.writeHead(200, {
        'content-type': file.mime,
        'content-length': String(bytes.length),
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(bytes);
    },
  },
];
