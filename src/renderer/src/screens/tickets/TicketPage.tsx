/**
 * One ticket with every field (the full phone number appears only here), the dispatch panel while
 * the ticket is still 已登记/待派, and its history timeline, which follows 'tickets.changed' so unit
 * returns, re-dispatches and replies appear as the server sends them. Alt+E swaps the fields for
 * the inline edit form (screens/edit); the panel's keys rest meanwhile so Enter/Ctrl+Enter/digits
 * belong to the form.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Descriptions, Empty, Spin, Tag, Timeline } from 'antd';
import type { TicketDetail, TicketEvent } from '../../../../shared/contract';
import { CHANNEL_LABELS, TICKET_STATUS_LABELS, TIME_TIER_LABELS } from '../../../../shared/domain';
import { errorMessage, onEvent } from '../../api/client';
import { useTicket } from '../../api/hooks';
import { keys, queryClient } from '../../api/queryClient';
import { SYNC_LABELS, formatDateTime } from '../../components/format';
import { inOpenDropdown, useHotkeys } from '../../shortcuts/keys';
import { useUi } from '../../state/ui';
import { DispatchPanel, dispatchKeys, isDispatchable, type PanelMode } from '../dispatch/DispatchPanel';
import { EditForm } from '../edit/EditForm';

const EVENT_COLORS: Record<string, string> = { created: 'blue', synced: 'green', numbered: 'green', rejected: 'red', emergency_transfer: 'red', emergency_dismissed: 'gray' };

/** The core marks a dispatch step it has recorded but the server has not yet applied. */
const PENDING_SUFFIX = /——待服务器确认$/;

function eventColor(event: TicketEvent): string {
  if (PENDING_SUFFIX.test(event.summary)) return 'gold';
  if (EVENT_COLORS[event.kind]) return EVENT_COLORS[event.kind]!;
  // Dispatch steps (kind "dispatch.<step>", docs/UNITS-API.md): a unit pushing back stands out,
  // a reviewer's decision reads as a decision, results read as done.
  const step = event.kind.startsWith('dispatch.') ? event.kind.slice('dispatch.'.length) : '';
  if (step === 'request_return' || step === 'raise_dispute') return 'orange';
  if (step === 'review_return' || step === 'decide_dispute') return 'purple';
  if (['reply', 'record_callback', 'answer_directly', 'refer_legal', 'close'].includes(step)) return 'green';
  if (step === 'transfer_emergency') return 'red';
  return 'blue';
}

/**
 * Edits the server has not confirmed yet. The server's entry for an applied edit replaces the
 * local one under the same id and carries the version it produced (`data.version`, src/server/sync
 * /commands.ts); the local entry has none. While the ticket is not synced such an entry shows the
 * ticket's sync state: 待同步, or 服务器拒绝 (the reason shows next to the status in the fields).
 */
function unsyncedEdits(t: TicketDetail): Set<string> {
  if (t.syncState === 'synced') return new Set();
  return new Set(t.events.filter((e) => e.kind === 'edited' && typeof e.data?.version !== 'number').map((e) => e.id));
}

function EventItem({ event, syncTag }: { event: TicketEvent; syncTag?: { text: string; color: string } }) {
  const pending = PENDING_SUFFIX.test(event.summary);
  const summary = event.summary.replace(PENDING_SUFFIX, '');
  const why = typeof event.data?.why === 'string' && event.data.why && !summary.includes(event.data.why) ? event.data.why : null;
  return (
    <div className="event" data-kind={event.kind} data-pending={pending ? 'true' : undefined}>
      <div>
        <b>{summary}</b>
        {pending && (
          <Tag color="gold" className="event-pending">
            待服务器确认
          </Tag>
        )}
        {syncTag && (
          <Tag color={syncTag.color} className="event-pending" data-testid="event-sync">
            {syncTag.text}
          </Tag>
        )}
      </div>
      {why && <div className="event-why">{why}</div>}
      <div className="muted">
        {formatDateTime(event.at)} · {event.actor}
      </div>
    </div>
  );
}

/** Refetches this ticket (and its dispatch suggestions) whenever the core says it changed. */
function useTicketEvents(id: string): void {
  useEffect(
    () =>
      onEvent('tickets.changed', ({ ids }) => {
        if (ids.length > 0 && !ids.includes(id)) return;
        void queryClient.invalidateQueries({ queryKey: keys.ticket(id) });
        void queryClient.invalidateQueries({ queryKey: dispatchKeys.suggest(id) });
      }),
    [id],
  );
}

function Fields({ t }: { t: TicketDetail }) {
  return (
    <Descriptions size="small" bordered column={2} className="ticket-fields" styles={{ label: { width: 96 } }}>
      <Descriptions.Item label="工单号">
        {t.number} {t.officialNumber ? <Tag color="green">正式</Tag> : <Tag>临时</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label="状态">
        {TICKET_STATUS_LABELS[t.status]} <Tag color={SYNC_LABELS[t.syncState].color}>{SYNC_LABELS[t.syncState].text}</Tag>
        {t.syncError && <span className="field-error">{t.syncError}</span>}
      </Descriptions.Item>
      <Descriptions.Item label="来电号码">{t.anonymous ? '匿名' : <span data-testid="full-phone">{t.callerPhone}</span>}</Descriptions.Item>
      <Descriptions.Item label="来电人">{t.callerName || <span className="muted">未留</span>}</Descriptions.Item>
      <Descriptions.Item label="渠道">{CHANNEL_LABELS[t.channel]}</Descriptions.Item>
      <Descriptions.Item label="企业诉求">{t.isEnterprise ? `是：${t.enterpriseName}` : '否'}</Descriptions.Item>
      <Descriptions.Item label="属地">{t.locationLabel || <span className="muted">未填</span>}</Descriptions.Item>
      <Descriptions.Item label="详细地址">{t.address || <span className="muted">未填</span>}</Descriptions.Item>
      <Descriptions.Item label="诉求类型">{t.appealType}</Descriptions.Item>
      <Descriptions.Item label="办理时限">{TIME_TIER_LABELS[t.timeTier]}</Descriptions.Item>
      <Descriptions.Item label="诉求分类" span={2}>
        {t.categoryPath.split('/').join(' / ')}
      </Descriptions.Item>
      <Descriptions.Item label="标题" span={2}>
        {t.title}
      </Descriptions.Item>
      <Descriptions.Item label="诉求内容" span={2}>
        <div className="ticket-content">{t.content}</div>
      </Descriptions.Item>
      <Descriptions.Item label="登记">
        {formatDateTime(t.createdAt)} · {t.createdBy}
      </Descriptions.Item>
      <Descriptions.Item label="更新">{formatDateTime(t.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

export function TicketPage({ id }: { id: string }) {
  const go = useUi((s) => s.go);
  const helpOpen = useUi((s) => s.helpOpen);
  const ticket = useTicket(id);
  const [mode, setMode] = useState<PanelMode>('dispatch');
  const [editing, setEditing] = useState(false);
  const closeEdit = () => {
    setEditing(false);
    // Back where the agent was: the edit button, so Enter (or Alt+E) reopens the form.
    setTimeout(() => document.getElementById('ticket-edit')?.focus(), 0);
  };
  const timelineRef = useRef<HTMLDivElement>(null);
  useTicketEvents(id);
  useHotkeys(
    {
      'alt+e': () => {
        if (ticket.data) setEditing(true);
      },
      escape: (e) => {
        if (inOpenDropdown(e)) return false;
        // One Esc handler for the page: with two, the first could close the form before the
        // second looks, and the same key would also leave the page.
        if (editing) {
          closeEdit();
          return;
        }
        // In a closing form Esc steps back to the suggestions; from there it leaves the page.
        if (mode !== 'dispatch' && ticket.data && isDispatchable(ticket.data)) setMode('dispatch');
        else go({ name: 'tickets' });
      },
    },
    !helpOpen,
  );

  // The newest entry is at the bottom: keep it in view as entries arrive.
  const eventCount = ticket.data?.events.length ?? 0;
  useEffect(() => {
    const el = timelineRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [eventCount]);

  const dispatchable = ticket.data ? isDispatchable(ticket.data) : false;
  const unsynced = ticket.data ? unsyncedEdits(ticket.data) : new Set<string>();
  const editSyncTag = ticket.data ? SYNC_LABELS[ticket.data.syncState] : undefined;

  return (
    <div className="ticket-page" data-testid="ticket-page">
      <div className="ticket-head">
        <Button size="small" onClick={() => go({ name: 'tickets' })}>
          返回 <kbd>Esc</kbd>
        </Button>
        <h2>{ticket.data ? `工单 ${ticket.data.number}` : '工单'}</h2>
        {ticket.data && !editing && (
          <Button id="ticket-edit" size="small" onClick={() => setEditing(true)} data-testid="ticket-edit">
            编辑 <kbd>Alt+E</kbd>
          </Button>
        )}
      </div>
      {ticket.isLoading && <Spin />}
      {ticket.isError && <Alert type="error" showIcon title={errorMessage(ticket.error)} />}
      {ticket.data && (
        <div className={`ticket-layout${dispatchable ? ' with-dispatch' : ''}${editing ? ' editing' : ''}`}>
          {editing ? <EditForm key={`edit-${ticket.data.id}`} ticket={ticket.data} keysEnabled={!helpOpen} onClose={closeEdit} /> : <Fields t={ticket.data} />}
          {dispatchable && <DispatchPanel key={ticket.data.id} ticket={ticket.data} mode={mode} setMode={setMode} keysEnabled={!helpOpen && !editing} />}
          <div className="timeline" data-testid="ticket-timeline" ref={timelineRef}>
            <div className="panel-title">处理记录</div>
            {ticket.data.events.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
            ) : (
              <Timeline
                items={ticket.data.events.map((e) => ({
                  key: e.id,
                  color: eventColor(e),
                  content: <EventItem event={e} syncTag={unsynced.has(e.id) ? editSyncTag : undefined} />,
                }))}
              />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
