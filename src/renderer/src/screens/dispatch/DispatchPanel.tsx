/**
 * The agent's dispatch panel on a recorded / 待派 ticket (issue 5). Three ways out of intake:
 * - 派单: the responsibility catalogue's suggestions; 1–5 selects, then ONE key (Enter or Ctrl+D)
 *   sends it. The core re-matches and records the command in its outbox, so it works offline and the
 *   timeline shows "待服务器确认" until the server's own entry replaces it.
 * - 当场答复办结 (Alt+A) and 引导至法定途径 (Alt+L): close without dispatch, Ctrl+Enter submits.
 * Field rules come from the contract's own schema, so the panel and the core say the same thing.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Empty, Input, Select, Spin, Tag, Tooltip, type InputRef, type RefSelectProps } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { API, type CatalogueMatch, type TicketDetail } from '../../../../shared/contract';
import { TIME_TIER_LABELS } from '../../../../shared/domain';
import { LEGAL_CHANNELS, LEGAL_CHANNEL_LABELS, type LegalChannel } from '../../../../shared/dispatch/schemas';
import { ApiCallError, call, errorMessage } from '../../api/client';
import { keys } from '../../api/queryClient';
import { inOpenDropdown, useHotkeys } from '../../shortcuts/keys';

export type PanelMode = 'dispatch' | 'answer' | 'refer';

export const dispatchKeys = {
  suggest: (ticketId: string) => ['dispatch-suggest', ticketId] as const,
};

const MAX_CHOICES = 5;
const CLOSE_SCHEMA = API['tickets.closeWithoutDispatch'].input;

/** The statuses an agent may still dispatch or close from (the core enforces the same). */
export function isDispatchable(ticket: TicketDetail): boolean {
  return ticket.status === 'recorded' || ticket.status === 'to_dispatch';
}

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

function tierLabel(m: CatalogueMatch): string {
  return m.timeTier ? TIME_TIER_LABELS[m.timeTier].replace(/（.*）/, '') : '—';
}

function scoreLabel(score: number): string {
  return score >= 0 && score <= 1 ? `${Math.round(score * 100)}%` : score.toFixed(1);
}

function unitsOf(m: CatalogueMatch): string {
  const co = m.dispatchMode === 'dual' && m.coUnitNames?.length ? `；协办：${m.coUnitNames.join('、')}` : '';
  return `${m.unitName}${co}`;
}

function FieldError({ name, errors }: { name: string; errors: Record<string, string> }) {
  const text = errors[name];
  return text ? (
    <div className="field-error" data-field-error={name} role="alert">
      {text}
    </div>
  ) : null;
}

function MatchRow({ m, index, selected, onSelect }: { m: CatalogueMatch; index: number; selected: boolean; onSelect(): void }) {
  return (
    <li
      className={`dispatch-choice${selected ? ' dispatch-choice-selected' : ''}`}
      data-testid="dispatch-choice"
      data-entry-id={m.entryId}
      data-selected={selected ? 'true' : 'false'}
      aria-selected={selected}
      role="option"
      onClick={onSelect}
    >
      <kbd className="dispatch-key">{index + 1}</kbd>
      <div className="dispatch-choice-body">
        <div className="dispatch-choice-head">
          <span className="dispatch-matter">{m.matter}</span>
          <Tag color={m.dispatchMode === 'dual' ? 'purple' : 'blue'} className="dispatch-tag">
            {m.dispatchMode === 'dual' ? '双派' : '直派'}
          </Tag>
          <span className="dispatch-tier">{tierLabel(m)}</span>
          <Tooltip title="匹配度">
            <span className="dispatch-score">{scoreLabel(m.score)}</span>
          </Tooltip>
        </div>
        <div className="dispatch-unit" data-testid="dispatch-unit">
          {unitsOf(m)}
        </div>
        <div className="dispatch-why muted" title={m.why}>
          {m.why}
        </div>
        {selected && m.legalBasis && (
          <div className="dispatch-basis muted" title={m.legalBasis}>
            依据：{m.legalBasis}
          </div>
        )}
      </div>
    </li>
  );
}

interface Props {
  ticket: TicketDetail;
  mode: PanelMode;
  setMode(mode: PanelMode): void;
  keysEnabled: boolean;
}

export function DispatchPanel({ ticket, mode, setMode, keysEnabled }: Props) {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const suggestions = useQuery({
    queryKey: dispatchKeys.suggest(ticket.id),
    queryFn: () => call('dispatch.suggest', { ticketId: ticket.id }),
  });
  const matches = (suggestions.data ?? []).slice(0, MAX_CHOICES);
  const [selected, setSelected] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState('');
  const [basis, setBasis] = useState('');
  const [channel, setChannel] = useState<LegalChannel | undefined>();
  const [explanation, setExplanation] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const answerRef = useRef<HTMLTextAreaElement>(null);
  const channelRef = useRef<RefSelectProps>(null);
  const noteRef = useRef<InputRef>(null);

  const selectedMatch = matches.find((m) => m.entryId === selected) ?? null;

  // Each mode starts where the agent types next: the list (digits), the answer, the channel.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (mode === 'answer') answerRef.current?.focus();
      else if (mode === 'refer') channelRef.current?.focus();
      else listRef.current?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [mode]);

  const done = (detail: TicketDetail, text: string) => {
    queryClient.setQueryData(keys.ticket(ticket.id), detail);
    void queryClient.invalidateQueries({ queryKey: keys.tickets });
    message.success(text);
  };

  const fail = (error: unknown, fieldOf: (path: string) => string | null) => {
    if (error instanceof ApiCallError && error.code === 'VALIDATION' && Object.keys(error.fieldErrors).length) {
      const next: Record<string, string> = {};
      for (const [path, text] of Object.entries(error.fieldErrors)) {
        const name = fieldOf(path);
        if (name) next[name] ??= text;
      }
      setErrors(next);
      if (Object.keys(next).length) return;
    }
    setFailure(errorMessage(error));
  };

  const send = async () => {
    if (busy) return;
    setFailure(null);
    if (!selectedMatch) {
      setErrors({ choice: matches.length ? `请先按 1–${matches.length} 选择要派的事项` : '没有可派的职责目录事项' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const trimmed = note.trim();
      const detail = await call('dispatch.send', { ticketId: ticket.id, entryId: selectedMatch.entryId, ...(trimmed ? { note: trimmed } : {}) });
      done(detail, `已派至 ${selectedMatch.unitName}，待服务器确认`);
    } catch (error) {
      fail(error, (path) => (path === 'note' ? 'note' : path === 'entryId' ? 'choice' : null));
    } finally {
      setBusy(false);
    }
  };

  const close = async (type: 'answer_directly' | 'refer_legal') => {
    if (busy) return;
    setFailure(null);
    const closure =
      type === 'answer_directly'
        ? { type, answer, ...(basis.trim() ? { basis } : {}) }
        : { type, channel: channel as LegalChannel, explanation };
    const parsed = CLOSE_SCHEMA.safeParse({ ticketId: ticket.id, closure });
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const name = String(issue.path.at(-1) ?? '');
        if (name) next[name] ??= issue.message;
      }
      setErrors(next);
      if (next.answer) answerRef.current?.focus();
      else if (next.channel) channelRef.current?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const detail = await call('tickets.closeWithoutDispatch', parsed.data);
      done(detail, type === 'answer_directly' ? '已当场答复办结，待服务器确认' : '已引导至法定途径，待服务器确认');
    } catch (error) {
      fail(error, (path) => path.replace(/^closure\./, ''));
    } finally {
      setBusy(false);
    }
  };

  const choose = (index: number) => {
    const m = matches[index];
    if (!m) return;
    setMode('dispatch');
    setSelected(m.entryId);
    setErrors({});
    setFailure(null);
  };

  const digit = (index: number) => (e: KeyboardEvent) => {
    if (isEditable(e.target)) return false; // typing a number into a field
    choose(index);
  };

  useHotkeys(
    {
      '1': digit(0),
      '2': digit(1),
      '3': digit(2),
      '4': digit(3),
      '5': digit(4),
      enter: (e) => {
        if (mode !== 'dispatch' || busy) return false;
        const target = e.target as HTMLElement | null;
        if (inOpenDropdown(e) || target?.tagName === 'BUTTON' || target?.tagName === 'TEXTAREA') return false;
        if (target?.tagName === 'INPUT' && target.id !== 'dispatch-note') return false;
        void send();
      },
      'ctrl+d': () => {
        if (mode !== 'dispatch') setMode('dispatch');
        void send();
      },
      'alt+a': () => setMode('answer'),
      'alt+l': () => setMode('refer'),
      'ctrl+enter': () => {
        if (mode === 'answer') void close('answer_directly');
        else if (mode === 'refer') void close('refer_legal');
        else void send();
      },
    },
    keysEnabled,
  );

  const switchTo = (next: PanelMode) => {
    setErrors({});
    setFailure(null);
    setMode(next);
  };

  return (
    <section className="dispatch-panel" aria-label="派单" data-testid="dispatch-panel" data-mode={mode}>
      <div className="dispatch-modes" role="tablist">
        <Button size="small" type={mode === 'dispatch' ? 'primary' : 'text'} onClick={() => switchTo('dispatch')} role="tab" aria-selected={mode === 'dispatch'} data-testid="mode-dispatch">
          派单 <kbd>1–5</kbd>
        </Button>
        <Button size="small" type={mode === 'answer' ? 'primary' : 'text'} onClick={() => switchTo('answer')} role="tab" aria-selected={mode === 'answer'} data-testid="mode-answer">
          当场答复办结 <kbd>Alt+A</kbd>
        </Button>
        <Button size="small" type={mode === 'refer' ? 'primary' : 'text'} onClick={() => switchTo('refer')} role="tab" aria-selected={mode === 'refer'} data-testid="mode-refer">
          引导至法定途径 <kbd>Alt+L</kbd>
        </Button>
      </div>

      {failure && <Alert className="dispatch-failure" type="error" showIcon title={failure} data-testid="dispatch-failure" closable onClose={() => setFailure(null)} />}

      {mode === 'dispatch' && (
        <div className="dispatch-body">
          <div className="panel-title">
            职责目录推荐
            {matches[0]?.catalogueVersion !== undefined && <span className="muted">（目录第{matches[0].catalogueVersion}版）</span>}
            {suggestions.isFetching && <Spin size="small" style={{ marginInlineStart: 6 }} />}
          </div>
          <div ref={listRef} tabIndex={-1} className="dispatch-list-wrap" data-testid="dispatch-list">
            {suggestions.isError && <Alert type="error" showIcon title={`无法获取职责目录推荐：${errorMessage(suggestions.error)}`} />}
            {suggestions.isSuccess && matches.length === 0 && (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="职责目录中没有匹配的事项：可当场答复、引导至法定途径，或请派单员派单" />
            )}
            {matches.length > 0 && (
              <ol className="dispatch-list" role="listbox" aria-label="职责目录推荐">
                {matches.map((m, i) => (
                  <MatchRow key={m.entryId} m={m} index={i} selected={m.entryId === selected} onSelect={() => choose(i)} />
                ))}
              </ol>
            )}
          </div>
          <FieldError name="choice" errors={errors} />
          <div className="dispatch-actions">
            <Input
              id="dispatch-note"
              ref={noteRef}
              size="small"
              placeholder="派单说明（可选）"
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              status={errors.note ? 'error' : undefined}
            />
            <Button type="primary" size="small" onClick={() => void send()} loading={busy} disabled={!selectedMatch} data-testid="dispatch-send">
              派单 <kbd>Enter</kbd>
              <kbd>Ctrl+D</kbd>
            </Button>
          </div>
          <FieldError name="note" errors={errors} />
          <div className="muted dispatch-hint" data-testid="dispatch-hint">
            {selectedMatch ? (
              <>
                将{selectedMatch.dispatchMode === 'dual' ? '双派' : '直派'}至 <b>{unitsOf(selectedMatch)}</b>，按 <kbd>Enter</kbd> 确认
              </>
            ) : (
              <>
                按数字键 <kbd>1</kbd>–<kbd>{Math.max(1, matches.length)}</kbd> 选择，再按 <kbd>Enter</kbd> 派单
              </>
            )}
          </div>
        </div>
      )}

      {mode === 'answer' && (
        <div className="dispatch-body dispatch-form" data-testid="answer-form">
          {ticket.appealType !== '咨询' && <div className="muted">当场答复一般用于咨询类诉求；本工单为「{ticket.appealType}」。</div>}
          <label htmlFor="dispatch-answer">
            答复内容 <span className="required">*</span>
          </label>
          <Input.TextArea
            id="dispatch-answer"
            ref={(r) => {
              answerRef.current = r?.resizableTextArea?.textArea ?? null;
            }}
            rows={5}
            maxLength={2000}
            value={answer}
            onChange={(e) => {
              setAnswer(e.target.value);
              if (errors.answer) setErrors({ ...errors, answer: '' });
            }}
            status={errors.answer ? 'error' : undefined}
            placeholder="已在电话中告知来电人的答复"
          />
          <FieldError name="answer" errors={errors} />
          <label htmlFor="dispatch-basis">答复依据（可选）</label>
          <Input id="dispatch-basis" size="small" maxLength={500} value={basis} onChange={(e) => setBasis(e.target.value)} placeholder="政策文件、知识库条目等" />
          <FieldError name="basis" errors={errors} />
          <div className="dispatch-actions">
            <Button type="primary" size="small" onClick={() => void close('answer_directly')} loading={busy} data-testid="answer-submit">
              答复办结 <kbd>Ctrl+Enter</kbd>
            </Button>
            <span className="muted">
              <kbd>Esc</kbd> 回到派单
            </span>
          </div>
        </div>
      )}

      {mode === 'refer' && (
        <div className="dispatch-body dispatch-form" data-testid="refer-form">
          <label htmlFor="dispatch-channel">
            法定途径 <span className="required">*</span>
          </label>
          <Select
            id="dispatch-channel"
            ref={channelRef}
            size="small"
            placeholder="选择途径（输入可搜索）"
            showSearch={{ optionFilterProp: 'label' }}
            value={channel}
            onChange={(v: LegalChannel) => {
              setChannel(v);
              if (errors.channel) setErrors({ ...errors, channel: '' });
            }}
            status={errors.channel ? 'error' : undefined}
            options={LEGAL_CHANNELS.map((c) => ({ value: c, label: LEGAL_CHANNEL_LABELS[c] }))}
            classNames={{ popup: { root: 'popup-dispatch-channel' } }}
          />
          <FieldError name="channel" errors={errors} />
          <label htmlFor="dispatch-explanation">
            引导说明 <span className="required">*</span>
          </label>
          <Input.TextArea
            id="dispatch-explanation"
            rows={4}
            maxLength={2000}
            value={explanation}
            onChange={(e) => {
              setExplanation(e.target.value);
              if (errors.explanation) setErrors({ ...errors, explanation: '' });
            }}
            status={errors.explanation ? 'error' : undefined}
            placeholder="告知来电人的途径、受理机关和所需材料"
          />
          <FieldError name="explanation" errors={errors} />
          <div className="dispatch-actions">
            <Button type="primary" size="small" onClick={() => void close('refer_legal')} loading={busy} data-testid="refer-submit">
              引导办结 <kbd>Ctrl+Enter</kbd>
            </Button>
            <span className="muted">
              <kbd>Esc</kbd> 回到派单
            </span>
          </div>
        </div>
      )}
    </section>
  );
}
