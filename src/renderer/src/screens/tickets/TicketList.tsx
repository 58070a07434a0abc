/**
 * "My tickets": filters (status, type, date range, text over title/content), masked personal data,
 * per-ticket sync state. Keyboard: Ctrl+F or / focuses search, ↑/↓ select, Enter opens.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, DatePicker, Input, Select, Table, Tag, Tooltip, type InputRef } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TicketListQuery, TicketSummary } from '../../../../shared/contract';
import { APPEAL_TYPES, TICKET_STATUSES, TICKET_STATUS_LABELS, TIME_TIER_LABELS, type AppealType, type TicketStatus } from '../../../../shared/domain';
import { errorMessage } from '../../api/client';
import { useTickets } from '../../api/hooks';
import { useDebounced } from '../../components/useDebounced';
import { SYNC_LABELS, formatDateTime, relativeTime } from '../../components/format';
import { useHotkeys } from '../../shortcuts/keys';
import { useUi } from '../../state/ui';

function ymd(d: Dayjs | null | undefined): string | undefined {
  return d ? d.format('YYYY-MM-DD') : undefined;
}

export function TicketList() {
  const go = useUi((s) => s.go);
  const helpOpen = useUi((s) => s.helpOpen);
  const [status, setStatus] = useState<TicketStatus | undefined>();
  const [appealType, setAppealType] = useState<AppealType | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [text, setText] = useState('');
  const debouncedText = useDebounced(text.trim(), 250);
  const [active, setActive] = useState(0);
  const searchRef = useRef<InputRef>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  const query: TicketListQuery = useMemo(
    () => ({
      ...(status ? { status } : {}),
      ...(appealType ? { appealType } : {}),
      ...(range?.[0] ? { from: ymd(range[0]) } : {}),
      ...(range?.[1] ? { to: ymd(range[1]) } : {}),
      ...(debouncedText ? { text: debouncedText.slice(0, 100) } : {}),
      limit: 200,
    }),
    [status, appealType, range, debouncedText],
  );
  const tickets = useTickets(query);
  const rows = useMemo(() => tickets.data ?? [], [tickets.data]);
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  const open = (row: TicketSummary | undefined) => {
    if (row) go({ name: 'ticket', id: row.id });
  };

  const typingInFilter = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement | null;
    return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && el.id !== 'ticket-search';
  };

  useHotkeys(
    {
      'ctrl+f': () => searchRef.current?.focus({ cursor: 'all' }),
      '/': (e) => {
        if (typingInFilter(e) || (e.target as HTMLElement | null)?.id === 'ticket-search') return false;
        searchRef.current?.focus({ cursor: 'all' });
      },
      arrowdown: (e) => {
        if (typingInFilter(e) || (e.target as HTMLElement | null)?.getAttribute('aria-expanded') === 'true') return false;
        setActive(Math.min(activeIndex + 1, rows.length - 1));
      },
      arrowup: (e) => {
        if (typingInFilter(e) || (e.target as HTMLElement | null)?.getAttribute('aria-expanded') === 'true') return false;
        setActive(Math.max(activeIndex - 1, 0));
      },
      enter: (e) => {
        if (typingInFilter(e) || (e.target as HTMLElement | null)?.getAttribute('aria-expanded') === 'true') return false;
        if ((e.target as HTMLElement | null)?.tagName === 'BUTTON') return false;
        open(rows[activeIndex]);
      },
    },
    !helpOpen,
  );

  useEffect(() => {
    tableRef.current?.querySelector('.row-active')?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  return (
    <div className="tickets">
      <div className="filters">
        <Input
          id="ticket-search"
          ref={searchRef}
          placeholder="搜索标题和内容（Ctrl+F 或 /）"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          style={{ width: 280 }}
        />
        <Select
          id="ticket-filter-status"
          allowClear
          placeholder="状态"
          showSearch={{ optionFilterProp: 'label' }}
          value={status}
          onChange={(v) => setStatus(v)}
          options={TICKET_STATUSES.map((s) => ({ value: s, label: TICKET_STATUS_LABELS[s] }))}
          style={{ width: 130 }}
        />
        <Select
          id="ticket-filter-type"
          allowClear
          placeholder="诉求类型"
          showSearch={{ optionFilterProp: 'label' }}
          value={appealType}
          onChange={(v) => setAppealType(v)}
          options={APPEAL_TYPES.map((t) => ({ value: t, label: t }))}
          style={{ width: 110 }}
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} placeholder={['开始日期', '结束日期']} style={{ width: 260 }} />
        <span className="muted">
          共 {rows.length} 条 · <kbd>↑</kbd>
          <kbd>↓</kbd> 选择 · <kbd>Enter</kbd> 打开
        </span>
      </div>
      {tickets.isError && <Alert type="error" showIcon title={errorMessage(tickets.error)} />}
      <div ref={tableRef}>
        <Table<TicketSummary>
          data-testid="ticket-table"
          size="small"
          rowKey="id"
          loading={tickets.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ y: 'calc(100vh - 170px)' }}
          locale={{ emptyText: debouncedText || status || appealType || range ? '没有符合条件的工单' : '还没有工单' }}
          rowClassName={(_row, index) => (index === activeIndex ? 'row-active' : '')}
          onRow={(row, index) => ({
            onClick: () => setActive(index ?? 0),
            onDoubleClick: () => open(row),
          })}
          columns={[
            {
              title: '工单号',
              dataIndex: 'number',
              width: 150,
              render: (n: string, row) => (
                <Tooltip title={row.officialNumber ? '正式编号' : '离线临时编号，同步后获得正式编号'}>
                  <span className="ticket-number">{n}</span>
                </Tooltip>
              ),
            },
            { title: '标题', dataIndex: 'title', ellipsis: true },
            { title: '来电号码', dataIndex: 'callerPhoneMasked', width: 130, render: (p: string, row) => (row.anonymous ? <span className="muted">匿名</span> : p) },
            { title: '类型', dataIndex: 'appealType', width: 60 },
            { title: '分类', dataIndex: 'categoryPath', width: 170, ellipsis: true, render: (p: string) => p.split('/').slice(-2).join(' / ') },
            { title: '属地', dataIndex: 'locationLabel', width: 150, ellipsis: true },
            { title: '时限', dataIndex: 'timeTier', width: 70, render: (t: keyof typeof TIME_TIER_LABELS) => TIME_TIER_LABELS[t].replace(/（.*）/, '') },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: TicketStatus) => TICKET_STATUS_LABELS[s] },
            {
              title: '同步',
              dataIndex: 'syncState',
              width: 76,
              render: (s: TicketSummary['syncState'], row) => (
                <Tooltip title={row.syncError ?? undefined}>
                  <Tag color={SYNC_LABELS[s].color}>{SYNC_LABELS[s].text}</Tag>
                </Tooltip>
              ),
            },
            {
              title: '登记时间',
              dataIndex: 'createdAt',
              width: 110,
              render: (t: string) => <Tooltip title={formatDateTime(t)}>{relativeTime(t)}</Tooltip>,
            },
          ]}
        />
      </div>
    </div>
  );
}
