/* global document */
// The reviewer page (派单员/审核员): queues of returned, disputed, to-dispatch and consultation
// tickets; approve a return by re-dispatching to a chosen unit, or reject it; decide a dispute;
// dispatch a waiting ticket (with the catalogue's suggestions). Talks to /api/dispatch/*.
import { apiClient, decisionText, el, fmtTime, historyList, setupLogin, showMessage, tokenStore } from '/web/common.js';

const store = tokenStore('hotline.review.token');
const $ = (id) => document.getElementById(id);
const api = apiClient(store, () => showLogin('登录已过期，请重新登录'));
const QUEUES = ['returned', 'disputed', 'to_dispatch', 'consultation'];
let selected = null;
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
  refreshTimer = setInterval(() => void loadQueues(), 15_000);
}

async function loadQueues() {
  try {
    const data = await api('/api/dispatch/queues');
    catalogueVersion = data.catalogueVersion;
    for (const q of QUEUES) {
      const list = data.queues[q];
      $(`queue-${q}`).replaceChildren(
        ...(list.length
          ? list.map((t) =>
              el(
                'li',
                {},
                el(
                  'button',
                  { type: 'button', 'aria-current': t.id === selected ? 'true' : 'false', dataset: { ticketId: t.id, testid: 'ticket-item' }, onclick: () => void openTicket(t.id) },
                  el('strong', {}, t.officialNo),
                  ' ',
                  t.title,
                  el('span', { class: 'badge' }, t.statusLabel),
                  el('div', { class: 'muted' }, t.leadUnit ? `主办：${t.leadUnit.name}` : '未派'),
                ),
              ),
            )
          : [el('li', { class: 'muted' }, '无')]),
      );
    }
  } catch (error) {
    if (error.status === 403) showLogin(error.message);
    else say(error.message, 'error');
  }
}

async function allUnits() {
  units ??= (await api('/api/units')).units;
  return units;
}

/** A searchable unit picker: a text filter and a listbox (keyboard: type, Tab, ↑/↓). */
async function unitPicker(id, label, suggested) {
  const list = await allUnits();
  const select = el('select', { id, name: id, size: '6', required: true });
  const fill = (q) => {
    const hits = list.filter((u) => !q || u.name.includes(q) || u.shortName.includes(q) || u.id.includes(q)).slice(0, 50);
    const first = suggested.filter((s) => hits.some((h) => h.id === s.id));
    const rest = hits.filter((h) => !first.some((s) => s.id === h.id));
    select.replaceChildren(...[...first, ...rest].map((u) => el('option', { value: u.id }, first.includes(u) ? `${u.name}（目录建议）` : u.name)));
    if (select.options.length) select.selectedIndex = 0;
  };
  const search = el('input', { type: 'text', id: `${id}-search`, placeholder: '输入单位名称筛选', oninput: (e) => fill(e.target.value.trim()) });
  fill('');
  return el('div', {}, el('label', { for: `${id}-search` }, label), search, select);
}

async function decide(path, body) {
  try {
    const reply = await api(`/api/dispatch/tickets/${selected}/${path}`, { method: 'POST', body });
    await loadQueues();
    await openTicket(selected, false);
    say(reply.event?.summary || '已提交');
  } catch (error) {
    say(error.message, 'error');
  }
}

function assignment(form, tier) {
  const lead = form.querySelector('select').value;
  if (!lead) throw new Error('请选择承办单位');
  return { leadUnitId: lead, mode: 'direct', catalogueVersion, ...(tier ? { timeTier: tier } : {}) };
}

async function reviewForm(t, suggested) {
  const form = el('form', { id: 'review-form', class: 'action', 'aria-label': '审核退单' }, el('h3', {}, '审核退单'));
  form.append(await unitPicker('reassign-unit', '同意时改派给', suggested));
  form.append(el('label', { for: 'review-basis' }, '审核依据'), el('textarea', { id: 'review-basis', required: true }));
  const basis = () => form.querySelector('#review-basis').value;
  form.append(
    el(
      'div',
      { class: 'row' },
      el('button', { type: 'submit', id: 'approve', class: 'primary' }, '同意退单并改派'),
      el('button', { type: 'button', id: 'reject', class: 'danger', onclick: () => void decide('return-review', { decision: 'reject', basis: basis() }) }, '驳回退单'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      void decide('return-review', { decision: 'approve', basis: basis(), reassignment: assignment(form) });
    } catch (error) {
      say(error.message, 'error');
    }
  });
  return form;
}

async function disputeForm(t, suggested) {
  const form = el('form', { id: 'dispute-decision-form', class: 'action', 'aria-label': '裁定派单争议' }, el('h3', {}, '裁定派单争议'));
  form.append(el('label', { for: 'decision-basis' }, '裁定依据'), el('textarea', { id: 'decision-basis', required: true }));
  form.append(await unitPicker('dispute-unit', '改派时的新承办单位', suggested));
  const basis = () => form.querySelector('#decision-basis').value;
  form.append(
    el(
      'div',
      { class: 'row' },
      el('button', { type: 'button', id: 'uphold', class: 'primary', onclick: () => void decide('dispute-decision', { decision: 'uphold', basis: basis() }) }, '维持原派单'),
      el('button', { type: 'submit', id: 'reassign' }, '改派'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      void decide('dispute-decision', { decision: 'reassign', basis: basis(), reassignment: assignment(form) });
    } catch (error) {
      say(error.message, 'error');
    }
  });
  return form;
}

async function dispatchForm(t, suggested) {
  const form = el('form', { id: 'dispatch-form', class: 'action', 'aria-label': '派单' }, el('h3', {}, '派单（直派）'));
  form.append(await unitPicker('dispatch-unit', '承办单位', suggested));
  form.append(el('label', { for: 'dispatch-note' }, '派单说明（可选）'), el('textarea', { id: 'dispatch-note' }));
  form.append(el('div', { class: 'row' }, el('button', { type: 'submit', id: 'dispatch', class: 'primary' }, '派单')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      const note = form.querySelector('#dispatch-note').value.trim();
      void decide('dispatch', { assignment: assignment(form), ...(note ? { note } : {}) });
    } catch (error) {
      say(error.message, 'error');
    }
  });
  return form;
}

async function openTicket(id, focus = true) {
  selected = id;
  for (const b of document.querySelectorAll('ul.tickets button')) b.setAttribute('aria-current', b.dataset.ticketId === id ? 'true' : 'false');
  try {
    const { ticket: t } = await api(`/api/dispatch/tickets/${id}`);
    const { matches } = await api(`/api/dispatch/tickets/${id}/suggestions`).catch(() => ({ matches: [] }));
    const suggested = matches.filter((m) => m.unitId).map((m) => ({ id: m.unitId, name: m.unitName }));
    const rows = [
      ['状态', t.statusLabel],
      ['分类', t.categoryPath],
      ['地址', t.address],
      ['主办单位', t.leadUnit?.name || '—'],
      ['首接负责', t.responsibleUnit.name],
      ['办理时限', fmtTime(t.deadlineAt)],
      ['职责目录版本', t.catalogueVersion ?? '—'],
    ];
    const parts = [
      el('h2', { id: 'detail-title', tabindex: '-1' }, `${t.officialNo} ${t.title}`),
      el('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))])),
      el('h3', {}, '诉求内容'),
      el('div', { class: 'content' }, t.content),
    ];
    if (suggested.length) parts.push(el('p', { class: 'muted' }, `职责目录建议：${matches.slice(0, 3).map((m) => `${m.matter} → ${m.unitName}`).join('；')}`));
    for (const r of t.returns) parts.push(el('p', { dataset: { testid: 'return' } }, `退单 ${r.unit.name}：${r.reason}（依据：${r.basis}）— ${decisionText(r.decision)}`));
    for (const d of t.disputes) parts.push(el('p', { dataset: { testid: 'dispute' } }, `争议 ${d.unit.name}：${d.reason}（依据：${d.basis}）— ${decisionText(d.decision)}`));
    if (t.queue === 'returned') parts.push(await reviewForm(t, suggested));
    else if (t.queue === 'disputed') parts.push(await disputeForm(t, suggested));
    else if (t.queue === 'to_dispatch') parts.push(await dispatchForm(t, suggested));
    parts.push(el('h3', {}, '办理记录'), historyList(t.history));
    $('detail').replaceChildren(...parts);
    if (focus) $('detail-title').focus();
  } catch (error) {
    say(error.message, 'error');
  }
}

document.addEventListener('keydown', (event) => {
  if ($('work-view').hidden || event.target.closest('input, textarea, select')) return;
  if (event.key === 'r' || event.key === 'R') void loadQueues();
});
$('logout').addEventListener('click', async () => {
  await api('/api/logout', { method: 'POST' }).catch(() => {});
  store.clear();
  showLogin('');
});
$('refresh').addEventListener('click', () => void loadQueues());
setupLogin($('login-form'), store, api, $('login-message'), ['dispatcher', 'admin'], () => void showWork());
if (store.get()) void showWork();
else showLogin('');
