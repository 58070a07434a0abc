/* global document, window */
// The reviewer page (派单员/审核员): four queues as tabs (待派, 退单待审, 争议待裁定, 会商中) polled
// every 10 s; a ticket with its record and history; and the decisions of its queue: dispatch
// (直派/双派, with the catalogue's suggestions), open a consultation (会商), approve a return by
// re-dispatching or reject it, decide a dispute, post consultation messages and conclude a
// consultation (which dispatches). Talks to /api/dispatch/* (docs/UNITS-API.md). An error from the
// API is shown next to the action that caused it, and the form keeps what was typed.
//
// Refreshes and the open ticket: the detail remembers the version it shows (queue|updatedAt) and
// when it was read. A queue list only counts as news about that ticket when it was asked for after
// the detail arrived (or carries a later updatedAt); while a ticket is loading, lists are not
// compared at all. A real change re-reads a ticket the reviewer is not working on; a form being
// filled in is never replaced by a refresh: a notice 此工单已更新 offers to reload it instead.
// Every detail request carries a sequence number; only the latest one may render.
import { apiClient, decisionText, el, fmtTime, historyList, setupLogin, showMessage, tokenStore } from '/web/common.js';
import { assignmentPicker, unitChips } from '/review/review-picker.js';

const store = tokenStore('hotline.review.token');
const $ = (id) => document.getElementById(id);
const api = apiClient(store, () => showLogin('登录已过期，请重新登录'));
/** Tab order; the keys 1–4 follow it. */
const QUEUES = ['to_dispatch', 'returned', 'disputed', 'consultation'];
const POLL_MS = 10_000;
let active = 'to_dispatch';
/** Set once the user picks a tab; until then an empty tab gives way to the first one with work. */
let pinned = false;
let queues = { to_dispatch: [], returned: [], disputed: [], consultation: [] };
/** The ticket the reviewer picked (its detail may still be loading). */
let selected = null;
/**
 * The ticket the detail shows: { id, version: 'queue|updatedAt' or 'gone', updatedAt, at }, `at`
 * being the moment (see `tick`) its record arrived. Null while another ticket is loading.
 */
let shown = null;
/** Orders requests and replies on this page: a list asked for at tick 7 is newer than a detail read at tick 5. */
let clock = 0;
const tick = () => ++clock;
/** The latest detail request; replies to older ones are dropped (out of order, or another ticket picked since). */
let openSeq = 0;
let loading = false;
/** The reviewer changed something in the detail's forms since it was rendered. */
let dirty = false;
/** Decisions being submitted: they re-read the ticket themselves. */
let submitting = 0;
/** The latest queue list asked for, and the latest applied (an older reply that arrives late is dropped). */
let listSeq = 0;
let listApplied = 0;
/** When the list on screen was asked for. */
let listAt = 0;
let units = null;
let catalogueVersion = 1;
let refreshTimer = null;

function say(text, kind = 'ok') {
  showMessage($('global-message'), text, kind);
}

function showLogin(text) {
  clearInterval(refreshTimer);
  $('login-view').hidden = false;
  $('work-view').hidden = true;
  $('logout').hidden = true;
  $('refresh').hidden = true;
  if (text) showMessage($('login-message'), text, 'error');
  $('username').focus();
}

async function showWork() {
  $('login-view').hidden = true;
  $('work-view').hidden = false;
  $('logout').hidden = false;
  $('refresh').hidden = false;
  try {
    const me = await api('/api/me');
    $('user-name').textContent = `· ${me.user.displayName}`;
  } catch (error) {
    say(error.message, 'error');
  }
  await loadQueues();
  clearInterval(refreshTimer);
  refreshTimer = setInterval(() => void loadQueues(), POLL_MS);
}

// --- queues -------------------------------------------------------------------------------------

function ticketItem(t) {
  return el(
    'li',
    {},
    el(
      'button',
      { type: 'button', 'aria-current': t.id === selected ? 'true' : 'false', dataset: { ticketId: t.id, testid: 'ticket-item' }, onclick: () => pickTicket(t.id) },
      el('strong', {}, t.officialNo),
      ' ',
      t.title,
      el('span', { class: 'badge' }, t.statusLabel),
      t.overdue ? el('span', { class: 'badge overdue' }, '已超时') : null,
      el('div', { class: 'muted' }, t.leadUnit ? `主办：${t.leadUnit.name}${t.coUnits.length ? ` 等 ${t.coUnits.length + 1} 家` : ''} · 时限 ${fmtTime(t.deadlineAt)}` : `未派 · ${t.categoryPath || '未分类'}`),
    ),
  );
}

function showTab(queue, { focus = false, byUser = false } = {}) {
  active = queue;
  if (byUser) pinned = true;
  for (const q of QUEUES) {
    const tab = $(`tab-${q}`);
    tab.setAttribute('aria-selected', q === queue ? 'true' : 'false');
    tab.tabIndex = q === queue ? 0 : -1;
    $(`panel-${q}`).hidden = q !== queue;
  }
  if (focus) $(`tab-${queue}`).focus();
}

async function loadQueues() {
  const seq = ++listSeq;
  const askedAt = tick();
  let data;
  try {
    data = await api('/api/dispatch/queues');
  } catch (error) {
    if (seq < listApplied) return;
    if (error.status === 403) showLogin(error.message);
    else say(error.message, 'error');
    return;
  }
  if (seq < listApplied) return; // a later list is already on screen
  listApplied = seq;
  listAt = askedAt;
  queues = data.queues;
  catalogueVersion = data.catalogueVersion;
  for (const q of QUEUES) {
    const list = queues[q];
    $(`tab-${q}`).querySelector('.count').textContent = String(list.length);
    $(`tab-${q}`).classList.toggle('has-work', list.length > 0);
    $(`queue-${q}`).replaceChildren(...(list.length ? list.map(ticketItem) : [el('li', { class: 'muted empty' }, '队列为空')]));
  }
  if (!pinned && !queues[active].length) {
    const next = QUEUES.find((q) => queues[q].length);
    if (next) showTab(next);
  }
  $('refreshed-at').textContent = `（${fmtTime(new Date().toISOString()).slice(11)} 已刷新）`;
  noticeChanges(askedAt);
}

const versionOf = (t) => (t?.queue ? `${t.queue}|${t.updatedAt}` : 'gone');

/** The reviewer is working in the detail: typed or picked something, or is in one of its forms. */
function busy() {
  return dirty || !!document.activeElement?.closest?.('#detail form, #detail details');
}

/**
 * The open ticket changed elsewhere (units, other reviewers): re-read it, unless the reviewer is
 * working in it; then keep the form and say so. `askedAt`: when the list was asked for.
 */
function noticeChanges(askedAt) {
  if (!selected || loading || submitting || !shown || shown.id !== selected) return;
  const now = QUEUES.flatMap((q) => queues[q]).find((t) => t.id === selected);
  if (versionOf(now) === shown.version) return;
  // A list asked for before the detail arrived may be older than the detail: not news.
  const newer = askedAt > shown.at || (now && now.updatedAt > shown.updatedAt);
  if (!newer) return;
  if (busy()) showUpdated();
  else void openTicket(selected, { focus: false, keepView: true, yieldToInput: true });
}

function showUpdated() {
  if ($('detail-updated')) return;
  const reload = el('button', { type: 'button', id: 'detail-reload', onclick: () => void openTicket(selected) }, '重新载入（未提交的输入会丢失）');
  $('detail').prepend(el('div', { id: 'detail-updated', class: 'message info', role: 'status' }, '此工单已更新：下方仍是你打开时的内容，你的输入已保留。', ' ', reload));
}

// --- actions ------------------------------------------------------------------------------------

function messageSlot(id) {
  return el('div', { id, class: 'message', role: 'alert', hidden: true });
}

/**
 * One decision. The request is built first (a missing choice is reported like an API error);
 * on error nothing changes: the form stays as typed and the message appears right below it.
 */
async function act(form, path, build, button) {
  const slot = form.querySelector('.message');
  showMessage(slot, '');
  let body;
  try {
    body = build();
  } catch (error) {
    showMessage(slot, error.message, 'error');
    return;
  }
  // The ticket this form was rendered for (never whichever one is being opened meanwhile).
  const id = form.closest('[data-ticket-id]').dataset.ticketId;
  for (const b of form.querySelectorAll('button')) b.disabled = true;
  button.setAttribute('aria-busy', 'true');
  submitting++;
  try {
    const reply = await api(`/api/dispatch/tickets/${id}/${path}`, { method: 'POST', body });
    say(reply.event?.summary || '已提交');
  } catch (error) {
    const extra = error.problems?.map((p) => p.message).filter((m) => m && !error.message.includes(m)) ?? [];
    showMessage(slot, [error.message, ...extra].join('；'), 'error');
    for (const b of form.querySelectorAll('button')) b.disabled = false;
    button.removeAttribute('aria-busy');
    submitting--;
    return;
  }
  try {
    if (selected === id) await openTicket(id, { focus: false, keepView: true });
  } finally {
    submitting--;
  }
  await loadQueues();
}

function textField(id, label, { rows = 2, placeholder = '' } = {}) {
  return [el('label', { for: id }, label), el('textarea', { id, name: id, rows: String(rows), placeholder })];
}

function value(form, id) {
  return form.querySelector(`#${id}`).value.trim();
}

function actionForm(id, title, ...children) {
  const form = el('form', { id, class: 'action', 'aria-label': title, novalidate: true }, el('h3', {}, title), ...children);
  // An error stays until the user changes something in the form.
  const clear = () => showMessage(form.querySelector('.message'), '');
  form.addEventListener('input', clear);
  form.addEventListener('change', clear);
  return form;
}

function dispatchForm(matches) {
  const picker = assignmentPicker({ prefix: 'dispatch-unit', units, matches, catalogueVersion });
  const submit = el('button', { type: 'submit', id: 'dispatch', class: 'primary' }, '派单', el('kbd', {}, 'Ctrl+Enter'));
  const form = actionForm('dispatch-form', '派单（直派/双派）', picker.node, ...textField('dispatch-note', '派单说明（可选）', { rows: 1 }), el('div', { class: 'row' }, submit), messageSlot('dispatch-message'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(form, 'dispatch', () => {
      const note = value(form, 'dispatch-note');
      return { assignment: picker.value(), ...(note ? { note } : {}) };
    }, submit);
  });
  return form;
}

function openConsultationForm(matches) {
  const suggestedIds = [...new Set(matches.filter((m) => m.unitId).map((m) => m.unitId))];
  const candidates = unitChips({ id: 'consult-unit', label: '候选单位（至少两个）', units, suggestedIds });
  const submit = el('button', { type: 'submit', id: 'consult-open', class: 'primary' }, '发起会商', el('kbd', {}, 'Ctrl+Enter'));
  const form = actionForm('consult-open-form', '发起会商', candidates.node, ...textField('consult-topic', '会商议题', { rows: 1, placeholder: '例如：坝河沿岸垃圾由哪家清理' }), el('div', { class: 'row' }, submit), messageSlot('consult-open-message'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(form, 'consultation', () => {
      const ids = candidates.ids();
      if (ids.length < 2) throw new Error('会商至少需要两个候选单位');
      return { candidateUnitIds: ids, topic: value(form, 'consult-topic') };
    }, submit);
  });
  // Dispatching directly is the common case; the consultation form opens on demand (H).
  return el('details', { id: 'consult-details' }, el('summary', {}, '复杂情况：先发起会商（H）'), form);
}

function reviewForm(matches) {
  const picker = assignmentPicker({ prefix: 'reassign-unit', units, matches, catalogueVersion });
  const approve = el('button', { type: 'submit', id: 'approve', class: 'primary' }, '同意退单并改派', el('kbd', {}, 'Ctrl+Enter'));
  const reject = el('button', { type: 'button', id: 'reject', class: 'danger' }, '驳回退单（退回原单位）');
  const form = actionForm(
    'review-form',
    '审核退单',
    ...textField('review-basis', '审核依据（同意或驳回都必填）'),
    picker.node,
    el('div', { class: 'row' }, approve, reject),
    messageSlot('review-message'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(form, 'return-review', () => ({ decision: 'approve', basis: value(form, 'review-basis'), reassignment: picker.value() }), approve);
  });
  reject.addEventListener('click', () => void act(form, 'return-review', () => ({ decision: 'reject', basis: value(form, 'review-basis') }), reject));
  return form;
}

function disputeForm(matches) {
  const picker = assignmentPicker({ prefix: 'dispute-unit', units, matches, catalogueVersion });
  const uphold = el('button', { type: 'submit', id: 'uphold', class: 'primary' }, '维持原派单', el('kbd', {}, 'Ctrl+Enter'));
  const reassign = el('button', { type: 'button', id: 'reassign' }, '改派给下列单位');
  const form = actionForm(
    'dispute-decision-form',
    '裁定派单争议',
    ...textField('decision-basis', '裁定依据（双方都能看到）'),
    el('div', { class: 'row' }, uphold, reassign),
    picker.node,
    messageSlot('dispute-message'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(form, 'dispute-decision', () => ({ decision: 'uphold', basis: value(form, 'decision-basis') }), uphold);
  });
  reassign.addEventListener('click', () => void act(form, 'dispute-decision', () => ({ decision: 'reassign', basis: value(form, 'decision-basis'), reassignment: picker.value() }), reassign));
  return form;
}

function consultationForms(c) {
  const send = el('button', { type: 'submit', id: 'consult-send' }, '发送意见', el('kbd', {}, 'Ctrl+Enter'));
  const messageForm = actionForm('consult-message-form', '发表会商意见', ...textField('consult-message', '意见', { rows: 2 }), el('div', { class: 'row' }, send), messageSlot('consult-message-error'));
  messageForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(messageForm, 'consultation/messages', () => ({ text: value(messageForm, 'consult-message') }), send);
  });
  const picker = assignmentPicker({ prefix: 'conclude-unit', units, catalogueVersion, leadChoices: c.candidates });
  const conclude = el('button', { type: 'submit', id: 'conclude', class: 'primary' }, '形成结论并派单', el('kbd', {}, 'Ctrl+Enter'));
  const outcomeForm = actionForm('consult-outcome-form', '会商结论（按结论派单）', ...textField('consult-outcome', '结论'), picker.node, el('div', { class: 'row' }, conclude), messageSlot('consult-outcome-message'));
  outcomeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(outcomeForm, 'consultation/outcome', () => ({ outcome: value(outcomeForm, 'consult-outcome'), assignment: picker.value() }), conclude);
  });
  return [messageForm, outcomeForm];
}

// --- ticket -------------------------------------------------------------------------------------

function consultationThread(c) {
  const nameOf = (unitId) => c.candidates.find((u) => u.id === unitId)?.name ?? units?.find((u) => u.id === unitId)?.name ?? unitId;
  return el(
    'div',
    { class: 'thread', dataset: { testid: 'consultation' } },
    el('p', {}, el('strong', {}, '会商议题：'), c.topic),
    el('p', { class: 'muted' }, `候选单位：${c.candidates.map((u) => u.name).join('、')} · 发起 ${fmtTime(c.openedAt)}`),
    c.messages.length
      ? el(
          'ol',
          { class: 'history', dataset: { testid: 'consultation-messages' } },
          c.messages.map((m) => el('li', {}, el('span', { class: 'time' }, fmtTime(m.at)), ' ', el('strong', {}, m.unitId ? nameOf(m.unitId) : `派单员 ${m.by}`), '：', m.text)),
        )
      : el('p', { class: 'muted' }, '暂无会商意见'),
    c.outcome ? el('p', {}, el('strong', {}, '结论：'), `${c.outcome.text}（主办：${nameOf(c.outcome.leadUnitId)}，${fmtTime(c.outcome.at)}）`) : null,
  );
}

/** The reviewer picks a ticket in a queue (click, ↑/↓). Picking the one being filled in keeps it. */
function pickTicket(id, focus = true) {
  if (id === shown?.id && id === selected && !loading && dirty) {
    noticeChanges(listAt);
    if (focus) $('detail-title')?.focus();
    return;
  }
  void openTicket(id, { focus });
}

/**
 * Shows ticket `id`. `keepView`: a re-read of the ticket on screen keeps the view while loading;
 * `yieldToInput` (the ticket changed elsewhere): should the reviewer have started working in the
 * view meanwhile, it stays and only the notice is shown.
 */
async function openTicket(id, { focus = true, keepView = false, yieldToInput = false } = {}) {
  const seq = ++openSeq;
  const latest = () => seq === openSeq;
  selected = id;
  loading = true;
  for (const b of document.querySelectorAll('ul.tickets button')) b.setAttribute('aria-current', b.dataset.ticketId === id ? 'true' : 'false');
  const detail = $('detail');
  detail.setAttribute('aria-busy', 'true');
  if (!keepView) {
    // Nothing of the previous view stays to be typed into (or submitted) while this one loads.
    shown = null;
    dirty = false;
    detail.replaceChildren(el('p', { class: 'muted', id: 'detail-loading' }, '正在载入工单…'));
  }
  try {
    // The hotline centre answers for a ticket before dispatch; it is never a dispatch target.
    units ??= (await api('/api/units')).units.filter((u) => u.type !== 'hotline_center');
    if (!latest()) return;
    const { ticket: t } = await api(`/api/dispatch/tickets/${id}`);
    const readAt = tick();
    if (!latest()) return;
    const needsUnits = t.queue === 'to_dispatch' || t.queue === 'returned' || t.queue === 'disputed';
    const { matches } = needsUnits ? await api(`/api/dispatch/tickets/${id}/suggestions`).catch(() => ({ matches: [] })) : { matches: [] };
    if (!latest()) return;
    if (yieldToInput && busy()) {
      // The reviewer started working while the change was being read: their input wins.
      if (versionOf(t) !== shown?.version) showUpdated();
      return;
    }
    const rows = [
      ['状态', t.statusLabel + (t.overdue ? '（已超时）' : '')],
      ['分类', t.categoryPath || '—'],
      ['诉求类型', t.appealType],
      ['地址', t.address || '—'],
      ['来电人', [t.callerName, t.callerPhone].filter(Boolean).join(' ') || '—'],
      ['主办单位', t.leadUnit?.name || '—'],
      ['协办单位', t.coUnits.map((u) => u.name).join('、') || '—'],
      ['首接负责', t.responsibleUnit.name],
      ['办理时限', fmtTime(t.deadlineAt)],
      ['职责目录版本', t.catalogueVersion ?? '—'],
    ];
    const info = [
      el('h2', { id: 'detail-title', tabindex: '-1' }, `${t.officialNo} ${t.title}`),
      el('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))])),
      el('div', { class: 'content' }, t.content),
    ];
    for (const r of t.returns) info.push(el('p', { class: 'record', dataset: { testid: 'return' } }, `退单 ${r.unit.name}：${r.reason}（依据：${r.basis}）— ${decisionText(r.decision)}`));
    for (const d of t.disputes) info.push(el('p', { class: 'record', dataset: { testid: 'dispute' } }, `争议 ${d.unit.name}：${d.reason}（依据：${d.basis}）— ${decisionText(d.decision)}`));
    const current = t.consultations.at(-1);
    if (current) info.push(el('h3', {}, '会商'), consultationThread(current));
    info.push(el('h3', {}, '办理记录'), historyList(t.history));

    const actions = [];
    if (t.queue === 'to_dispatch') actions.push(dispatchForm(matches), openConsultationForm(matches));
    else if (t.queue === 'returned') actions.push(reviewForm(matches));
    else if (t.queue === 'disputed') actions.push(disputeForm(matches));
    else if (t.queue === 'consultation' && current) actions.push(...consultationForms(current));
    else actions.push(el('p', { class: 'muted', id: 'no-action' }, `这张工单当前为「${t.statusLabel}」，不在待处理队列中，无需操作。`));

    detail.replaceChildren(el('div', { class: 'detail-grid', dataset: { ticketId: t.id } }, el('div', { class: 'info' }, info), el('div', { class: 'act' }, actions)));
    shown = { id: t.id, version: versionOf(t), updatedAt: t.updatedAt, at: readAt };
    dirty = false;
    if (focus) $('detail-title').focus();
  } catch (error) {
    if (!latest()) return;
    say(error.message, 'error');
    if (!shown) detail.replaceChildren(el('p', { class: 'muted' }, '工单载入失败，请重新选择或刷新。'));
  } finally {
    if (latest()) {
      loading = false;
      detail.removeAttribute('aria-busy');
    }
  }
}

// Anything the reviewer does in a form of the detail marks it as being worked in.
for (const type of ['input', 'change', 'click']) {
  $('detail').addEventListener(type, (event) => {
    if (event.target.closest?.('#detail form, #detail details')) dirty = true;
  });
}

// --- keyboard -----------------------------------------------------------------------------------

function moveInQueue(step) {
  const list = queues[active];
  if (!list.length) return;
  const i = list.findIndex((t) => t.id === selected);
  const next = list[i < 0 ? 0 : Math.max(0, Math.min(list.length - 1, i + step))];
  if (next) {
    pickTicket(next.id, false);
    document.querySelector(`#queue-${active} button[data-ticket-id="${next.id}"]`)?.focus();
  }
}

document.addEventListener('keydown', (event) => {
  if ($('work-view').hidden) return;
  // Ctrl+Enter anywhere in a form submits its primary action.
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    const form = event.target.closest?.('#detail form');
    if (form) {
      event.preventDefault();
      form.requestSubmit();
    }
    return;
  }
  if (event.target.closest('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) return;
  const n = Number(event.key);
  if (n >= 1 && n <= QUEUES.length) {
    showTab(QUEUES[n - 1], { focus: true, byUser: true });
  } else if (event.key === 'r' || event.key === 'R') {
    void loadQueues();
  } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !event.target.closest('[role=tablist]')) {
    event.preventDefault();
    moveInQueue(event.key === 'ArrowDown' ? 1 : -1);
  } else if (event.key === 'h' || event.key === 'H') {
    const details = $('consult-details');
    if (details) {
      event.preventDefault(); // or the "h" lands in the search box that now has the focus
      details.open = true;
      $('consult-unit-search').focus();
    }
  }
});

// Tabs (WAI-ARIA tabs pattern): ←/→ move between tabs, click or Enter picks one.
for (const q of QUEUES) $(`tab-${q}`).addEventListener('click', () => showTab(q, { byUser: true }));
document.querySelector('[role=tablist]').addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const i = QUEUES.indexOf(active) + (event.key === 'ArrowRight' ? 1 : -1);
  showTab(QUEUES[(i + QUEUES.length) % QUEUES.length], { focus: true, byUser: true });
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && !$('work-view').hidden) void loadQueues();
});
$('logout').addEventListener('click', async () => {
  await api('/api/logout', { method: 'POST' }).catch(() => {});
  store.clear();
  selected = null;
  shown = null;
  openSeq++;
  showLogin('');
});
$('refresh').addEventListener('click', () => void loadQueues());
window.addEventListener('pagehide', () => clearInterval(refreshTimer));
setupLogin($('login-form'), store, api, $('login-message'), ['dispatcher', 'admin'], () => void showWork());
if (store.get()) void showWork();
else showLogin('');
