/**
 * Classification assist side panel (issue 6). Suggestions only: each is taken with one key shown
 * next to it (or a click); the agent's choice in the form always wins.
 */
import { memo } from 'react';
import { Empty, Progress, Spin, Tag, Tooltip } from 'antd';
import type { AssistResult, Suggestion } from '../../../../shared/contract';
import type { AppealForm } from '../../state/intake';

export type AcceptField = 'appealType' | 'category' | 'location' | 'timeTier';

/** Only the chosen values the panel marks as taken, so typing in other fields does not re-render it. */
type Chosen = Pick<AppealForm, 'appealType' | 'categoryPath' | 'districtCode' | 'streetCode' | 'timeTier'>;

interface Props extends Chosen {
  result: AssistResult | undefined;
  failed: boolean;
  loading: boolean;
  onAccept(field: AcceptField, suggestion?: Suggestion): void;
}

function Confidence({ value }: { value: number }) {
  const pct = Math.round(value * 100);
  return (
    <Tooltip title={`置信度 ${pct}%`}>
      <Progress percent={pct} size="small" showInfo={false} style={{ width: 48, margin: 0 }} strokeColor={pct >= 70 ? '#389e0d' : pct >= 40 ? '#d48806' : '#8c8c8c'} />
    </Tooltip>
  );
}

/** A category path reads best leaf first: 噪音污染 · 环境保护/环境污染. */
function categoryLabel(path: string) {
  const parts = path.split('/');
  const leaf = parts.pop() ?? path;
  return (
    <>
      {leaf} {parts.length > 0 && <span className="muted">{parts.join('/')}</span>}
    </>
  );
}

function Row({ s, chosen, keyHint, onClick, category }: { s: Suggestion; chosen: boolean; keyHint?: string; onClick(): void; category?: boolean }) {
  const why = s.why ? `依据：${s.why}` : '';
  return (
    <div className={`assist-row${chosen ? ' assist-row-chosen' : ''}`} data-key={keyHint} data-value={s.value}>
      <button type="button" className="assist-value" onClick={onClick} title={[category ? s.value : s.label, why].filter(Boolean).join('\n')} tabIndex={-1}>
        {category ? categoryLabel(s.value) : s.label}
      </button>
      <Confidence value={s.confidence} />
      <span className="assist-pct">{Math.round(s.confidence * 100)}%</span>
      {keyHint ? <kbd>{keyHint}</kbd> : <span className="kbd-space" />}
      {chosen && <Tag color="green" style={{ marginInlineEnd: 0 }}>已选</Tag>}
    </div>
  );
}

export const AssistPanel = memo(function AssistPanel({ result, failed, loading, onAccept, ...form }: Props) {
  return (
    <aside className="assist-panel" aria-label="分类辅助建议" data-testid="assist-panel">
      <div className="panel-title">
        分类辅助建议 {loading && <Spin size="small" style={{ marginInlineStart: 6 }} />}
      </div>
      {failed && !result && <div className="assist-unavailable">辅助建议暂不可用</div>}
      {!result && !failed && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="输入标题或内容后显示建议" />}
      {result && (
        <div className="assist-body">
          <section>
            <h4>诉求类型</h4>
            {result.appealType.slice(0, 3).map((s, i) => (
              <Row key={s.value} s={s} chosen={form.appealType === s.value} keyHint={i === 0 ? 'Alt+T' : undefined} onClick={() => onAccept('appealType', s)} />
            ))}
          </section>
          <section>
            <h4>诉求分类</h4>
            {result.category.slice(0, 3).map((s, i) => (
              <Row key={s.value} s={s} category chosen={form.categoryPath === s.value} keyHint={i === 0 ? 'Alt+C' : undefined} onClick={() => onAccept('category', s)} />
            ))}
            {result.category.length === 0 && <div className="muted">暂无</div>}
          </section>
          <section>
            <h4>属地</h4>
            {result.district || result.street ? (
              <div
                className={`assist-row${form.districtCode === result.district?.value && (!result.street || form.streetCode === result.street.value) ? ' assist-row-chosen' : ''}`}
                data-key="Alt+D"
              >
                <button type="button" className="assist-value" onClick={() => onAccept('location')} tabIndex={-1}>
                  {[result.district?.label, result.street?.label].filter(Boolean).join(' ')}
                </button>
                <Confidence value={Math.max(result.district?.confidence ?? 0, result.street?.confidence ?? 0)} />
                <span className="assist-pct">{Math.round(Math.max(result.district?.confidence ?? 0, result.street?.confidence ?? 0) * 100)}%</span>
                <kbd>Alt+D</kbd>
              </div>
            ) : (
              <div className="muted">文本中未找到地名</div>
            )}
          </section>
          <section>
            <h4>办理时限</h4>
            <Row s={result.timeTier} chosen={form.timeTier === result.timeTier.value} keyHint="Alt+U" onClick={() => onAccept('timeTier', result.timeTier)} />
          </section>
          <section>
            <h4>职责目录匹配</h4>
            {result.catalogue.length === 0 && <div className="muted">暂无匹配事项</div>}
            {result.catalogue.slice(0, 4).map((m) => (
              <div key={m.entryId} className="catalogue-row" title={m.why}>
                <div className="catalogue-head">
                  <span>{m.matter}</span>
                  <Tag style={{ marginInlineStart: 4 }}>{m.dispatchMode === 'dual' ? '双派' : '直派'}</Tag>
                  {m.score >= 0 && m.score <= 1 && <span className="assist-pct">{Math.round(m.score * 100)}%</span>}
                </div>
                <div className="muted">{m.unitName}</div>
              </div>
            ))}
          </section>
          <div className="muted assist-foot">建议仅供参考，以坐席判断为准。</div>
        </div>
      )}
      <div className="assist-help">
        <kbd>F10</kbd> <kbd>F11</kbd> <kbd>F12</kbd> 随时可人工转 110 / 119 / 120
      </div>
    </aside>
  );
});
