/**
 * Command handlers: one per sync command type, registered in COMMAND_HANDLERS. A handler checks
 * its preconditions and writes its effects through the transaction it is given; it rejects by
 * throwing a Rejection with a Chinese reason. The applier (apply.ts) owns validation, roles,
 * exactly-once bookkeeping and transactions, so a new command type (the dispatch workflow) plugs
 * in by adding its schema to src/shared/commands.ts and a handler here.
 */
import { eq } from 'drizzle-orm';
import type { Command, Mutation } from '../../shared/commands';
import type { AuthUser } from '../auth/accounts';
import { tickets } from '../db/schema';
import type { Role } from '../../shared/sync-wire';
import { beijingDay, formatOfficialNo } from './numbering';
import { Rejection } from './rejection';
import { dispatchDomain } from '../dispatch';
import type { DispatchCommand } from '../../shared/dispatch';
import type { ServerStore } from './store';

export { Rejection };

export interface CommandContext {
  store: ServerStore; // runs in the applier's transaction (a savepoint per command)
  user: AuthUser;
  mutation: Mutation;
  now: Date;
}

export interface Effect {
  ticketId: string;
  officialNo: string;
  seq: number;
  version?: number; // the ticket version an edit produced
}

export interface CommandHandler<C extends Command = Command> {
  roles: readonly Role[];
  label: string; // what the agent reads in a rejection: “服务器拒绝了{label}”
  ticketId: (command: C) => string;
  apply: (ctx: CommandContext, command: C) => Effect;
}

type HandlerMap = { [T in Command['type']]: CommandHandler<Extract<Command, { type: T }>> };

/**
 * Statuses a client may set by itself (intake outcomes). Everything from 已派 on is decided by the
 * dispatch workflow on the server, which plugs in as its own command types.
 */
export const CLIENT_SETTABLE_STATUSES: readonly string[] = ['recorded', 'answered', 'referred', 'transferred', 'to_dispatch'];
const STATUS_LABELS: Record<string, string> = {
  recorded: '已登记',
  answered: '直接答复',
  referred: '已引导',
  transferred: '已转警/消/医',
  to_dispatch: '待派',
};

const EDITABLE_LABELS: Record<string, string> = {
  appealType: '诉求类型',
  categoryPath: '分类',
  timeTier: '时限',
  title: '标题',
  content: '内容',
  districtCode: '区',
  streetCode: '街道',
  address: '地址',
};

function workflowHandler<C extends Extract<Command, { ticketId: string }>>(
  roles: readonly Role[],
  label: string,
  toAction: (command: C) => DispatchCommand,
): CommandHandler<C> {
  return {
    roles,
    label,
    ticketId: (c) => c.ticketId,
    apply: ({ store, user, mutation, now }, command) => {
      const { workflow } = dispatchDomain(store.db);
      // The history entry's id is the mutation id: every replica derives the same timeline.
      const result = workflow.run(store, command.ticketId, toAction(command), user, now, mutation.mutationId);
      return { ticketId: result.ticketId, officialNo: result.officialNo, seq: result.seq };
    },
  };
}

export const COMMAND_HANDLERS: HandlerMap = {
  'ticket.create': {
    roles: ['agent', 'lead'],
    label: '新建工单',
    ticketId: (c) => c.ticket.id,
    apply: ({ store, mutation, now }, { ticket }) => {
      if (!CLIENT_SETTABLE_STATUSES.includes(ticket.status)) {
        throw new Rejection('VALIDATION', `新建工单的状态不合法：只能是${CLIENT_SETTABLE_STATUSES.map((x) => STATUS_LABELS[x]).join('、')}`);
      }
      if (store.findTicket(ticket.id)) throw new Rejection('CONFLICT', `工单 ${ticket.id} 已存在，不能重复新建`);
      if (store.eventExists(ticket.id)) throw new Rejection('CONFLICT', '工单编号与已有记录冲突');
      const day = beijingDay(now);
      const officialNo = formatOfficialNo(day, store.nextCounter(`day:${day}`));
      const seq = store.nextSeq();
      store.insertTicket({
        ...ticket,
        anonymous: ticket.anonymous ? 1 : 0,
        isEnterprise: ticket.isEnterprise ? 1 : 0,
        officialNo,
        clientId: mutation.clientId,
        receivedAt: now.toISOString(),
        updatedAt: ticket.createdAt,
        version: 1,
        seq,
      });
      // The creation event's id is the ticket id: every replica derives the same history.
      store.insertEvent(
        {
          id: ticket.id,
          ticketId: ticket.id,
          at: ticket.createdAt,
          actor: ticket.createdBy,
          kind: 'created',
          summary: `登记工单，正式编号 ${officialNo}（临时编号 ${ticket.provisionalNo}）`,
          data: { officialNo, provisionalNo: ticket.provisionalNo },
        },
        seq,
      );
      return { ticketId: ticket.id, officialNo, seq };
    },
  },

  'ticket.edit': {
    roles: ['agent', 'lead', 'dispatcher'],
    label: '修改工单',
    ticketId: (c) => c.ticketId,
    apply: ({ store, user, mutation }, command) => {
      const current = store.findTicket(command.ticketId);
      if (!current) throw new Rejection('NOT_FOUND', '服务器上没有这张工单（可能新建时已被拒绝）');
      // Precondition (optimistic concurrency, per client): the edit is stale when anyone else
      // changed the ticket after the version it was made against. The client's own later
      // versions do not count: several offline edits in a row are all made against what this
      // client saw, and they apply in outbox order.
      if (command.baseVersion > current.version) {
        throw new Rejection('STALE', `本次修改基于的版本 ${command.baseVersion} 在服务器上不存在（服务器版本 ${current.version}），请刷新后重新修改`);
      }
      if (store.editedByOthersSince(command.ticketId, mutation.clientId, command.baseVersion)) {
        throw new Rejection(
          'STALE',
          `工单已被他人修改（服务器版本 ${current.version}，本次修改基于版本 ${command.baseVersion}），请刷新后重新修改`,
        );
      }
      const fields = Object.keys(command.changes).filter((k) => k in EDITABLE_LABELS);
      if (fields.length === 0) throw new Rejection('VALIDATION', '修改内容为空');
      const seq = store.nextSeq();
      const version = current.version + 1;
      store.db
        .update(tickets)
        .set({ ...command.changes, version, seq, updatedAt: mutation.createdAt })
        .where(eq(tickets.id, command.ticketId))
        .run();
      store.insertEvent(
        {
          id: mutation.mutationId,
          ticketId: command.ticketId,
          at: mutation.createdAt,
          actor: user.displayName,
          kind: 'edited',
          summary: `修改了${fields.map((f) => EDITABLE_LABELS[f]).join('、')}`,
          data: { fields, version },
        },
        seq,
      );
      return { ticketId: command.ticketId, officialNo: current.officialNo, seq, version };
    },
  },

  'ticket.event': {
    roles: ['agent', 'lead', 'dispatcher'],
    label: '添加工单记录',
    ticketId: (c) => c.ticketId,
    apply: ({ store, user }, command) => {
      const current = store.findTicket(command.ticketId);
      if (!current) throw new Rejection('NOT_FOUND', '服务器上没有这张工单（可能新建时已被拒绝）');
      if (store.eventExists(command.eventId)) throw new Rejection('CONFLICT', '该记录已存在');
      // Forward-compatible: an event may move an intake ticket along (e.g. 已转 110/119/120) once
      // the shared command carries `status`; only intake statuses, and only before dispatch.
      const status = (command as { status?: unknown }).status;
      if (status !== undefined) {
        if (typeof status !== 'string' || !CLIENT_SETTABLE_STATUSES.includes(status)) {
          throw new Rejection('VALIDATION', '该记录要求的状态变更不合法');
        }
        if (!CLIENT_SETTABLE_STATUSES.includes(current.status) || dispatchDomain(store.db).workflow.hasDispatchState(store, current.id)) {
          throw new Rejection('CONFLICT', '工单已进入派单流程，不能再更改受理状态');
        }
      }
      const seq = store.nextSeq();
      if (typeof status === 'string' && status !== current.status) {
        store.db.update(tickets).set({ status, seq, updatedAt: command.at }).where(eq(tickets.id, command.ticketId)).run();
      } else store.touchTicket(command.ticketId, seq);
      store.insertEvent(
        {
          id: command.eventId,
          ticketId: command.ticketId,
          at: command.at,
          actor: user.displayName,
          kind: command.kind,
          summary: command.summary,
          data: command.data,
        },
        seq,
      );
      return { ticketId: command.ticketId, officialNo: current.officialNo, seq };
    },
  },

  // The dispatch workflow: roles are checked again, per step, by the state machine.
  'ticket.dispatch': workflowHandler(['agent', 'lead', 'dispatcher', 'admin'], '派单', (c) => ({ type: 'dispatch', assignment: c.assignment, note: c.note })),
  'ticket.closeWithoutDispatch': workflowHandler(['agent', 'lead', 'dispatcher', 'admin'], '不派单办结', (c) => c.closure),
  'ticket.workflow': workflowHandler(['agent', 'lead', 'dispatcher', 'admin'], '派单流程操作', (c) => c.action),
};

export function handlerFor(command: Command): CommandHandler {
  return COMMAND_HANDLERS[command.type] as CommandHandler;
}
