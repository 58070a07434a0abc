/**
 * Records one-key transfers to 110/119/120 and their dismissals. A transfer happens while the
 * caller is on the line, often before the form is complete: the ticket is created from whatever
 * the form holds (missing fields get safe emergency defaults) and the transfer is recorded on it,
 * all in one transaction. A dismissal before save is kept against the draft and moves onto the
 * ticket when the draft is saved.
 */
import { v7 as uuidv7 } from 'uuid';
import type { EmergencyDecision, Session, TransferInstructions } from '../../../shared/contract';
import type { EmergencyService } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { emptyAppeal, isValidPhone } from '../../../shared/validation';
import type { OpenedDatabase } from '../db/open';
import type { TelephonyAdapter } from '../telephony/telephony';
import type { Clock, TicketStore } from '../tickets/ticket-store';

const SERVICE_NAMES: Record<EmergencyService, string> = { '110': '110 报警', '119': '119 消防', '120': '120 急救' };

/** Category used when an emergency is transferred before the agent picked one. */
const FALLBACK_CATEGORY: Record<EmergencyService, string> = {
  '110': '政法/社会治安/治安案件',
  '119': '政法/社会治安/消防安全',
  '120': '卫生计生/公共卫生/突发公共卫生事件处理',
};

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function createEmergencyDesk(deps: { opened: OpenedDatabase; clock: Clock; tickets: TicketStore; telephony: TelephonyAdapter }) {
  const { opened, clock, tickets, telephony } = deps;
  const { sqlite } = opened;

  /** Completes a partial form just enough to be a valid appeal; keeps every value the agent typed. */
  function appealForTransfer(decision: EmergencyDecision) {
    const form = decision.appeal;
    const base = emptyAppeal();
    const phone = str(form.callerPhone);
    const phoneOk = !form.anonymous && isValidPhone(phone);
    const title = str(form.title).trim() || `紧急转接${SERVICE_NAMES[decision.service]}：${decision.kind}`.slice(0, 100);
    const content = str(form.content).trim() || decision.textSnapshot.trim() || title;
    return {
      ...base,
      channel: typeof form.channel === 'string' ? form.channel : base.channel,
      anonymous: !phoneOk,
      callerPhone: phoneOk ? phone : null,
      callerName: phoneOk ? str(form.callerName).slice(0, 40) : '',
      isEnterprise: false,
      enterpriseName: '',
      districtCode: typeof form.districtCode === 'string' ? form.districtCode : null,
      streetCode: typeof form.streetCode === 'string' ? form.streetCode : null,
      address: str(form.address).slice(0, 200),
      appealType: '求助' as const,
      categoryPath: str(form.categoryPath) || FALLBACK_CATEGORY[decision.service],
      timeTier: '2h' as const,
      title: title.slice(0, 100),
      content: content.slice(0, 4000),
    };
  }

  function record(decision: EmergencyDecision, session: Session): TransferInstructions | null {
    const actor = `${session.agentName}@${session.seat}`;
    const data = {
      service: decision.service,
      kind: decision.kind,
      trigger: decision.trigger,
      reason: decision.reason,
      textSnapshot: decision.textSnapshot,
      manual: decision.manual,
      agent: actor,
    };
    if (decision.action === 'dismiss') {
      const summary = `未转接${SERVICE_NAMES[decision.service]}（${decision.kind}）：${decision.reason}`;
      if (decision.ticketId) {
        tickets.addEvent(decision.ticketId, session, { kind: 'emergency_dismissed', summary, data });
      } else {
        sqlite
          .prepare('INSERT INTO draft_events(id, draft_id, at, actor, kind, summary, data) VALUES(?, ?, ?, ?, ?, ?, ?)')
          .run(uuidv7(), decision.draftId, clock().toISOString(), actor, 'emergency_dismissed', summary, JSON.stringify(data));
      }
      return null;
    }

    const summary = `${decision.manual ? '人工' : '一键'}转接${SERVICE_NAMES[decision.service]}（${decision.kind}${decision.trigger ? `，触发：“${decision.trigger}”` : ''}）`;
    let ticketId = decision.ticketId;
    if (ticketId) {
      tickets.addEvent(ticketId, session, { kind: 'emergency_transfer', summary, data, status: 'transferred' });
    } else {
      const created = tickets.create(appealForTransfer(decision), session, {
        draftId: decision.draftId,
        status: 'transferred',
        extraEvents: [{ kind: 'emergency_transfer', summary, data }],
      });
      ticketId = created.id;
    }
    const detail = tickets.getUnaudited(ticketId);
    if (!detail) throw new AppError('NOT_FOUND', '找不到该工单');
    const address = [detail.locationLabel, detail.address].filter(Boolean).join(' ');
    return telephony.transfer({ ticketId, service: decision.service, address, callbackNumber: detail.callerPhone });
  }

  return { record };
}
