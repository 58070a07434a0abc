// Unit choosers of the reviewer page, all keyboard-first: type part of a unit's name, Enter takes
// the first hit (↓ walks the list), chips have their own 移除 button. A dispatch is chosen as one
// lead unit plus optional co-handling units: no co unit = 直派, one or more = 双派 (the mode follows
// from the choice, so the two can never disagree). Catalogue suggestions fill the whole choice.
import { el } from '/web/common.js';

const MAX_HITS = 40;
const TIER_LABELS = { '2h': '2小时', '24h': '24小时', '7d': '7天', '15d': '15天' };

const hit = (u, q) => !q || u.name.includes(q) || (u.shortName || '').includes(q) || u.id.includes(q);

/** Fills a listbox: suggested units first (marked 目录建议), then up to MAX_HITS other hits. */
function fill(select, units, q, suggestedIds, skip = () => false, preselect = true) {
  const hits = units.filter((u) => hit(u, q) && !skip(u.id));
  const first = hits.filter((u) => suggestedIds.includes(u.id));
  const rest = hits.filter((u) => !suggestedIds.includes(u.id)).slice(0, MAX_HITS);
  select.replaceChildren(...[...first, ...rest].map((u) => el('option', { value: u.id }, suggestedIds.includes(u.id) ? `${u.name}（目录建议）` : u.name)));
  select.selectedIndex = preselect && select.options.length ? 0 : -1;
}

function onEnter(node, action) {
  node.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return;
    event.preventDefault(); // Enter in a search box picks a unit; it never submits the form
    action();
  });
}

/** One unit (主办单位): search box + listbox with ids `${id}-search` and `${id}`. */
export function singleUnit({ id, label, units, suggestedIds = [], onChange = () => {} }) {
  const select = el('select', { id, name: id, size: '5', 'aria-label': label });
  const search = el('input', { type: 'text', id: `${id}-search`, placeholder: '单位名称，Enter 选第一个', autocomplete: 'off' });
  // Nothing is chosen until the user searches or picks: Ctrl+Enter must never send a ticket to
  // whichever unit happens to be first in the registry.
  const refill = () => fill(select, units, search.value.trim(), suggestedIds, undefined, !!search.value.trim());
  search.addEventListener('input', () => {
    refill();
    onChange();
  });
  select.addEventListener('change', onChange);
  onEnter(search, () => select.focus());
  refill();
  return {
    node: el('div', { class: 'picker' }, el('label', { for: `${id}-search` }, label), search, select),
    value: () => select.value,
    set(unitId) {
      search.value = '';
      refill();
      if (![...select.options].some((o) => o.value === unitId)) {
        const unit = units.find((u) => u.id === unitId);
        select.prepend(el('option', { value: unitId }, unit ? unit.name : unitId));
      }
      select.value = unitId;
    },
  };
}

/** Several units as chips: ids `${id}-search`, `${id}` (listbox), `${id}-add`, `${id}-list`. */
export function unitChips({ id, label, units, suggestedIds = [], exclude = () => [], onChange = () => {} }) {
  let chosen = [];
  const select = el('select', { id, name: id, size: '4', 'aria-label': `${label}：候选` });
  const search = el('input', { type: 'text', id: `${id}-search`, placeholder: '单位名称，Enter 添加', autocomplete: 'off' });
  const list = el('ul', { id: `${id}-list`, class: 'chips', 'aria-label': `已选${label}` });
  const name = (unitId) => units.find((u) => u.id === unitId)?.name ?? unitId;
  const refill = () => fill(select, units, search.value.trim(), suggestedIds, (unitId) => chosen.includes(unitId) || exclude().includes(unitId));
  const render = () => {
    list.replaceChildren(
      ...chosen.map((unitId) =>
        el(
          'li',
          { dataset: { unitId } },
          name(unitId),
          el('button', { type: 'button', class: 'chip-remove', 'aria-label': `移除 ${name(unitId)}`, onclick: () => remove(unitId) }, '×'),
        ),
      ),
    );
    refill();
    onChange();
  };
  const add = () => {
    const unitId = select.value;
    if (!unitId || chosen.includes(unitId)) return;
    chosen = [...chosen, unitId];
    search.value = '';
    render();
    search.focus();
  };
  const remove = (unitId) => {
    chosen = chosen.filter((x) => x !== unitId);
    render();
    search.focus();
  };
  search.addEventListener('input', refill);
  onEnter(search, add);
  onEnter(select, add);
  select.addEventListener('dblclick', add);
  refill();
  return {
    node: el(
      'div',
      { class: 'picker' },
      el('label', { for: `${id}-search` }, label),
      el('div', { class: 'row tight' }, search, el('button', { type: 'button', id: `${id}-add`, onclick: add }, '添加')),
      select,
      list,
    ),
    ids: () => [...chosen],
    set(ids) {
      chosen = [...ids];
      render();
    },
    refresh: refill,
  };
}

function suggestionText(m) {
  const co = m.dispatchMode === 'dual' && m.coUnitNames?.length ? ` + 协办 ${m.coUnitNames.join('、')}` : '';
  const tier = m.timeTier ? `，${TIER_LABELS[m.timeTier] ?? m.timeTier}` : '';
  return `${m.entryId} ${m.matter} → ${m.unitName}${co}（${m.dispatchMode === 'dual' ? '双派' : '直派'}${tier}）`;
}

/**
 * Lead + co units as one assignment. `leadChoices` (会商结论) limits the lead to the candidates;
 * otherwise the lead is searched in the registry. `value()` throws a Chinese Error when incomplete.
 */
export function assignmentPicker({ prefix, units, matches = [], catalogueVersion, leadChoices = null }) {
  let entryId = null;
  let timeTier = null;
  const usable = matches.filter((m) => m.unitId);
  const suggestedIds = [...new Set(usable.flatMap((m) => [m.unitId, ...(m.dispatchMode === 'dual' ? m.coUnitIds ?? [] : [])]))];
  const modeLine = el('p', { id: `${prefix}-mode`, class: 'mode', 'aria-live': 'polite' });
  const manual = () => {
    entryId = null;
    timeTier = null;
    update();
  };
  let lead;
  if (leadChoices) {
    const select = el(
      'select',
      { id: prefix, name: prefix },
      el('option', { value: '' }, '请选择'),
      leadChoices.map((u) => el('option', { value: u.id }, u.name)),
    );
    select.addEventListener('change', () => {
      co.refresh();
      manual();
    });
    lead = { node: el('div', { class: 'picker' }, el('label', { for: prefix }, '主办单位（会商候选单位之一）'), select), value: () => select.value, set: (v) => (select.value = v) };
  } else {
    lead = singleUnit({ id: prefix, label: '主办单位', units, suggestedIds, onChange: () => (co.refresh(), manual()) });
  }
  const co = unitChips({ id: `${prefix}-co`, label: '协办单位（添加即为双派）', units, suggestedIds, exclude: () => [lead.value()], onChange: manual });
  function update() {
    const n = co.ids().length;
    const how = n ? `双派：主办 + ${n} 个协办单位` : '直派：仅主办单位';
    modeLine.textContent = `派单方式 ${how}${entryId ? `；按职责目录事项 ${entryId}` : ''}${timeTier ? `，时限 ${TIER_LABELS[timeTier] ?? timeTier}` : ''}`;
  }
  const parts = [];
  if (usable.length && !leadChoices) {
    parts.push(
      el(
        'div',
        { class: 'suggestions', role: 'group', 'aria-label': '职责目录建议' },
        el('span', { class: 'muted' }, `职责目录建议（第 ${catalogueVersion} 版）：`),
        usable.slice(0, 3).map((m) =>
          el(
            'button',
            {
              type: 'button',
              class: 'suggestion',
              title: m.why,
              dataset: { entryId: m.entryId },
              onclick: () => {
                lead.set(m.unitId);
                co.set(m.dispatchMode === 'dual' ? m.coUnitIds ?? [] : []);
                entryId = m.entryId;
                timeTier = m.timeTier ?? null;
                update();
              },
            },
            suggestionText(m),
          ),
        ),
      ),
    );
  }
  parts.push(el('div', { class: 'pickers' }, lead.node, co.node), modeLine);
  update();
  return {
    node: el('fieldset', { class: 'assignment' }, el('legend', {}, '承办单位'), parts),
    value() {
      const leadUnitId = lead.value();
      if (!leadUnitId) throw new Error('请选择主办单位');
      const coUnitIds = co.ids();
      if (coUnitIds.includes(leadUnitId)) throw new Error('主办单位不能同时是协办单位，请移除后再提交');
      return {
        leadUnitId,
        coUnitIds,
        mode: coUnitIds.length ? 'dual' : 'direct',
        catalogueVersion,
        ...(entryId ? { entryId } : {}),
        ...(timeTier ? { timeTier } : {}),
      };
    },
  };
}
