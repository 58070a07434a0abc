/** One ticket with every field (the full phone number appears only here) and its history timeline. */
import { Alert, Button, Descriptions, Empty, Spin, Tag, Timeline } from 'antd';
import type { TicketDetail, TicketEvent } from '../../../../shared/contract';
import { CHANNEL_LABELS, TICKET_STATUS_LABELS, TIME_TIER_LABELS } from '../../../../shared/domain';
import { errorMessage } from '../../api/client';
import { useTicket } from '../../api/hooks';
import { SYNC_LABELS, formatDateTime } from '../../components/format';
import { useHotkeys } from '../../shortcuts/keys';
import { useUi } from '../../state/ui';

const EVENT_COLORS: Record<string, string> = { created: 'blue', synced: 'green', numbered: 'green', rejected: 'red', emergency_transfer: 'red', emergency_dismissed: 'gray' };

function EventItem({ event }: { event: TicketEvent }) {
  return (
    <div className="event" data-kind={event.kind}>
      <div>
        <b>{event.summary}</b>
      </div>
      <div className="muted">
        {formatDateTime(event.at)} · {event.actor}
      </div>
    </div>
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
  useHotkeys({ escape: () => go({ name: 'tickets' }) }, !helpOpen);

  return (
    <div className="ticket-page" data-testid="ticket-page">
      <div className="ticket-head">
        <Button size="small" onClick={() => go({ name: 'tickets' })}>
          返回 <kbd>Esc</kbd>
        </Button>
        <h2>{ticket.data ? `工单 ${ticket.data.number}` : '工单'}</h2>
      </div>
      {ticket.isLoading && <Spin />}
      {ticket.isError && <Alert type="error" showIcon title={errorMessage(ticket.error)} />}
      {ticket.data && (
        <div className="ticket-layout">
          <Fields t={ticket.data} />
          <div className="timeline" data-testid="ticket-timeline">
            <div className="panel-title">处理记录</div>
            {ticket.data.events.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
            ) : (
              <Timeline
                items={ticket.data.events.map((e) => ({
                  key: e.id,
                  color: EVENT_COLORS[e.kind] ?? 'blue',
                  content: <EventItem event={e} />,
                }))}
              />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
