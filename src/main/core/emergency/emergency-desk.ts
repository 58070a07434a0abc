/**
 * Records one-key transfers to 110/119/120 and their dismissals. A transfer happens while the
 * caller is on the line, often before the form is complete: the ticket is created from whatever
 * the form holds (missing fields get safe emergency defaults) and the transfer is recorded on it,
 * all in one transaction. A dismissal before save is kept against the draft and moves onto the
 * ticket when the draft is saved.
 */
import { v7 as uuidv7 } from 'uuid';
import type { EmergencyDecision, Session, TaxonomyLeaf, TransferInstructions } from '../../../shared/contract';
import { CHANNELS, EMERGENCY_CATEGORY, EMERGENCY_SERVICE_LABELS, type Channel } from '../../../shared/domain';
import type { Gazetteer } from '../gazetteer/gazetteer';
import { isKnownCategoryPath } from '../taxonomy/taxonomy';
import { AppError } from '../../../shared/errors';
import { emptyAppeal, isValidPhone } from '../../../shared/validation';
import type { OpenedDatabase } from '../db/open';
import type { TelephonyAdapter } from '../telephony/telephony';
import type { Clock, TicketStore } from '../tickets/ticket-store';

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export interface EmergencyDeskDeps {
  opened: OpenedDatabase;
  clock: Clock;
  tickets: TicketStore;
  telephony: TelephonyAdapter;
  gazetteer: Gazetteer;
  taxonomy: readonly TaxonomyLeaf[];
}

export function createEmergencyDesk(deps: EmergencyDeskDeps) {
  const { opened, clock, tickets, telephony, gazetteer, taxonomy } = deps;
  const { sqlite } = opened;

  /** The form's location codes if they are real and agree with each other; a street implies its district. */
  function cleanLocation(form: Record<string, unknown>): { districtCode: string | null; streetCode: string | null } {
    const street = typeof form.streetCode === 'string' ? gazetteer.get(form.streetCode) : undefined;
    const district = typeof form.districtCode === 'string' ? gazetteer.get(form.districtCode) : undefined;
    if (street && street.districtCode) return { districtCode: street.districtCode, streetCode: street.code };
    if (district && district.districtCode === null) return { districtCode: district.code, streetCode: null };
    return { districtCode: null, streetCode: null };
  }

  /**
   * Completes a partial form just enough to be a valid appeal, keeping every value the agent typed
   * that is valid. A transfer must never fail on form content: bad fields fall back to safe defaults.
   */
  function appealForTransfer(decision: EmergencyDecision) {
    const form = decision.appeal;
    const base = emptyAppeal();
    const categoryPath = str(form.categoryPath);
    const phone = str(form.callerPhone);
    const phoneOk = !form.anonymous && isValidPhone(phone);
    const title = str(form.title).trim() || `紧急转接${EMERGENCY_SERVICE_LABELS[decision.service]}：${decision.kind}`.slice(0, 100);
    const content = str(form.content).trim() || decision.textSnapshot.trim() || title;
    return {
      ...base,
      channel: (CHANNELS as readonly string[]).includes(str(form.channel)) ? (str(form.channel) as Channel) : base.channel,
      anonymous: !phoneOk,
      callerPhone: phoneOk ? phone : null,
      callerName: phoneOk ? str(form.callerName).slice(0, 40) : '',
      isEnterprise: false,
      enterpriseName: '',
      ...cleanLocation(form),
      address: str(form.address).slice(0, 200),
      appealType: '求助' as const,
      categoryPath: isKnownCategoryPath(taxonomy, categoryPath) ? categoryPath : EMERGENCY_CATEGORY[decision.service],
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
      const summary = `未转接${EMERGENCY_SERVICE_LABELS[decision.service]}（${decision.kind}）：${decision.reason}`;
      if (decision.ticketId) {
        tickets.addEvent(decision.ticketId, session, { kind: 'emergency_dismissed', summary, data });
      } else {
        sqlite
          .prepare('INSERT INTO draft_events(id, draft_id, at, actor, kind, summary, data) VALUES(?, ?, ?, ?, ?, ?, ?)')
          .run(uuidv7(), decision.draftId, clock().toISOString(), actor, 'emergency_dismissed', summary, JSON.stringify(data));
      }
      return null;
    }

    const summary = `${decision.manual ? '人工' : '一键'}转接${EMERGENCY_SERVICE_LABELS[decision.service]}（${decision.kind}${decision.trigger ? `，触发：“${decision.trigger}”` : ''}）`;
    // A second transfer on the same call (119 then 120, or a retried request) joins the ticket the
    // draft already became.
    let ticketId = decision.ticketId ?? tickets.findByDraft(decision.draftId);
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
