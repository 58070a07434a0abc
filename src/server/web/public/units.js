/* global document, FileReader */
// The unit web page: sign in with a unit account, see the unit's inbox, open a ticket with its
// history, accept (签收), start (办理中), reply with text and attachments (已反馈), return with reason
// and basis (退单), or dispute the dispatch (争议). Talks only to /api/unit/* (docs/UNITS-API.md).
import { apiClient, decisionText, el, fmtTime, historyList, setupLogin, showMessage, tokenStore } from '/web/common.js';

const store = tokenStore('hotline.unit.token');
const $ = (id) => document.getElementById(id);
const api = apiClient(store, () => showLogin('登录已过期，请重新登录'));
let selected = null;
let items = [];
let refreshTimer = null;
let myUnitId = null;

function say(text, kind = 'ok') {
  showMessage($('global-message'), text, kind);
}

function showLogin(text) {
  clearInterval(refreshTimer);
  $('login-view').hidden = false;
  $('work-view').hidden = true;
  $('logout').hidden = true;
  $('refresh').hidden = true;
  $('unit-name').textContent = '';
  if (text) showMessage($('login-message'), text, 'error');
  $('username').focus();
}

async function showWork() {
  $('login-view').hidden = true;
  $('work-view').hidden = false;
  $('logout').hidden = false;
  $('refresh').hidden = false;
  await loadInbox();
  clearInterval(refreshTimer);
  refreshTimer = setInterval(() => void loadInbox(true), 15_000);
}

function ticketButton(t) {
  const overdue = t.overdue ? el('span', { class: 'badge overdue' }, '已超时') : null;
  const relation = t.relation === 'co' ? el('span', { class: 'badge' }, '协办') : null;
  return el(
    'li',
    {},
    el(
      'button',
      { type: 'button', 'aria-current': t.id === selected ? 'true' : 'false', dataset: { ticketId: t.id, testid: 'ticket-item' }, onclick: () => void openTicket(t.id) },
      el('strong', {}, t.officialNo),
      ' ',
      t.title,
      el('span', { class: 'badge', dataset: { testid: 'status' } }, t.statusLabel),
      relation,
      overdue,
      el('div', { class: 'muted' }, `时限：${fmtTime(t.deadlineAt)}`),
    ),
  );
}

async function loadInbox(quiet = false) {
  try {
    const data = await api('/api/unit/inbox');
    $('unit-name').textContent = data.unit ? `· ${data.unit.name}` : '';
    myUnitId = data.unit?.id ?? null;
    items = [...data.tickets, ...data.related];
    $('inbox').replaceChildren(...(data.tickets.length ? data.tickets.map(ticketButton) : [el('li', { class: 'muted' }, '暂无待办工单')]));
    $('related').replaceChildren(...(data.related.length ? data.related.map(ticketButton) : [el('li', { class: 'muted' }, '无')]));
    if (selected && !quiet) await openTicket(selected, false);
  } catch (error) {
    if (error.status === 403) showLogin(error.message);
    else say(error.message, 'error');
  }
}

function facts(t) {
  const rows = [
    ['状态', t.statusLabel],
    ['诉求类型', t.appealType],
    ['分类', t.categoryPath],
    ['地址', t.address],
    ['来电人', `${t.callerName} ${t.callerPhoneFull || t.callerPhone || ''}`],
    ['主办单位', t.leadUnit?.name || '—'],
    ['协办单位', t.coUnits.map((u) => u.name).join('、') || '—'],
    ['首接负责', t.responsibleUnit.name],
    ['办理时限', `${fmtTime(t.deadlineAt)}${t.overdue ? '（已超时）' : ''}`],
    ['职责目录版本', t.catalogueVersion ?? '—'],
  ];
  return el('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));
}

async function act(path, body, done) {
  try {
    const reply = await api(`/api/unit/tickets/${selected}/${path}`, { method: 'POST', body });
    await loadInbox(true);
    await openTicket(selected, false);
    // Said after the page shows the new state, so the next step starts from what is on screen.
    say(reply.event?.summary || '已提交');
    if (done) done();
  } catch (error) {
    say(error.message, 'error');
  }
}

function textForm(id, title, fields, submitLabel, onSubmit, cls = 'primary') {
  const form = el('form', { id, class: 'action', 'aria-label': title }, el('h3', {}, title));
  for (const f of fields) {
    form.append(el('label', { for: f.id }, f.label));
    form.append(f.multiline === false ? el('input', { type: 'text', id: f.id, name: f.id, required: true }) : el('textarea', { id: f.id, name: f.id, required: true }));
  }
  if (id === 'reply-form') {
    form.append(el('label', { for: 'reply-files' }, '附件（图片/PDF/文本，每个不超过 2 MB）'));
    form.append(el('input', { type: 'file', id: 'reply-files', multiple: true, accept: 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain' }));
  }
  form.append(el('div', { class: 'row' }, el('button', { type: 'submit', class: cls }, submitLabel)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(fields.map((f) => [f.key, form.querySelector(`#${f.id}`).value]));
    void onSubmit(values, form);
  });
  return form;
}

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] || '');
    reader.onerror = () => reject(new Error(`无法读取文件 ${file.name}`));
    reader.readAsDataURL(file);
  });
}

async function reply(values, form) {
  const files = [...(form.querySelector('#reply-files')?.files || [])];
  const attachmentIds = [];
  try {
    for (const file of files) {
      if (file.size > 2 * 1024 * 1024) throw new Error(`附件「${file.name}」超过 2 MB`);
      const uploaded = await api(`/api/unit/tickets/${selected}/attachments`, {
        method: 'POST',
        body: { name: file.name, mime: file.type || 'application/octet-stream', dataBase64: await readBase64(file) },
      });
      attachmentIds.push(uploaded.attachment.id);
    }
  } catch (error) {
    say(error.message, 'error');
    return;
  }
  await act('reply', { text: values.text, attachmentIds });
}

function actionsFor(t) {
  const wrap = el('div', { id: 'actions' });
  if (t.queue === 'returned' && t.relation === 'lead') {
    wrap.append(el('p', { class: 'message info', dataset: { testid: 'pending-note' } }, '退单申请正在审核，审核结果出来前不能办理。'));
    return wrap;
  }
  const disputed = t.queue === 'disputed';
  if (disputed) wrap.append(el('p', { class: 'message info', dataset: { testid: 'pending-note' } }, '派单争议待裁定，裁定后再反馈办理结果。'));
  const lead = t.relation === 'lead';
  const held = t.relation === 'lead' || t.relation === 'co';
  const buttons = el('div', { class: 'actions' });
  const coAccepted = (t.assignment?.coAcceptedUnitIds || []).includes(myUnitId);
  if (held && (t.status === 'dispatched' || (!lead && !coAccepted && ['dispatched', 'accepted', 'in_progress'].includes(t.status)))) {
    buttons.append(el('button', { type: 'button', id: 'accept', class: 'primary', onclick: () => void act('accept', {}) }, '签收'));
  }
  if (lead && t.status === 'accepted') buttons.append(el('button', { type: 'button', id: 'start', class: 'primary', onclick: () => void act('start', {}) }, '开始办理'));
  if (buttons.childElementCount) wrap.append(buttons);
  if (lead && !disputed && ['accepted', 'in_progress'].includes(t.status)) {
    wrap.append(textForm('reply-form', '反馈办理结果', [{ id: 'reply-text', key: 'text', label: '答复内容' }], '提交反馈', reply));
  }
  if (lead && !disputed && ['dispatched', 'accepted'].includes(t.status)) {
    wrap.append(
      textForm(
        'return-form',
        '退单（非本单位职责）',
        [
          { id: 'return-reason', key: 'reason', label: '退单理由' },
          { id: 'return-basis', key: 'basis', label: '退单依据（职责目录、法规条款等）' },
        ],
        '申请退单',
        (v) => act('return', v),
        'danger',
      ),
    );
  }
  if (held && !disputed && ['dispatched', 'accepted', 'in_progress'].includes(t.status)) {
    wrap.append(
      textForm(
        'dispute-form',
        '派单争议',
        [
          { id: 'dispute-reason', key: 'reason', label: '争议理由' },
          { id: 'dispute-basis', key: 'basis', label: '争议依据' },
        ],
        '提出争议',
        (v) => act('dispute', v),
      ),
    );
  }
  const open = (t.consultations || []).find((c) => !c.outcome);
  if (open) wrap.append(textForm('consult-form', `会商：${open.topic}`, [{ id: 'consult-text', key: 'text', label: '本单位意见' }], '发表意见', (v) => act('consultation', v)));
  return wrap;
}

async function download(file) {
  try {
    const response = await fetch(`/api/attachments/${file.id}`, { headers: { authorization: `Bearer ${store.get()}` } });
    if (!response.ok) throw new Error('附件下载失败');
    const url = URL.createObjectURL(await response.blob());
    const a = el('a', { href: url, download: file.name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    say(error.message, 'error');
  }
}

async function openTicket(id, focus = true) {
  selected = id;
  for (const b of document.querySelectorAll('ul.tickets button')) b.setAttribute('aria-current', b.dataset.ticketId === id ? 'true' : 'false');
  try {
    const { ticket: t } = await api(`/api/unit/tickets/${id}`);
    const parts = [el('h2', { id: 'detail-title', tabindex: '-1' }, `${t.officialNo} ${t.title}`), facts(t), el('h3', {}, '诉求内容'), el('div', { class: 'content' }, t.content)];
    if (t.replies.length) {
      parts.push(el('h3', {}, '办理反馈'));
      for (const r of t.replies) parts.push(el('div', { class: 'content', dataset: { testid: 'reply' } }, `${fmtTime(r.at)} ${r.unit.name}：${r.text}`));
    }
    if (t.attachments.length) {
      parts.push(el('h3', {}, '附件'));
      parts.push(el('ul', {}, t.attachments.map((f) => el('li', {}, el('button', { type: 'button', onclick: () => void download(f) }, `${f.name}（${Math.ceil(f.size / 1024)} KB）`)))));
    }
    if (t.returns.length) {
      parts.push(el('h3', {}, '退单'));
      for (const r of t.returns) parts.push(el('p', { dataset: { testid: 'return' } }, `${r.unit.name}：${r.reason}（依据：${r.basis}）— ${decisionText(r.decision)}`));
    }
    if (t.disputes.length) {
      parts.push(el('h3', {}, '派单争议'));
      for (const d of t.disputes) parts.push(el('p', { dataset: { testid: 'dispute' } }, `${d.unit.name}：${d.reason}（依据：${d.basis}）— ${decisionText(d.decision)}`));
    }
    parts.push(actionsFor(t));
    parts.push(el('h3', {}, '办理记录'), historyList(t.history));
    $('detail').replaceChildren(...parts);
    if (focus) $('detail-title').focus();
  } catch (error) {
    say(error.message, 'error');
  }
}

document.addEventListener('keydown', (event) => {
  if ($('work-view').hidden || event.target.closest('input, textarea, select')) return;
  if (event.key === 'r' || event.key === 'R') void loadInbox();
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    if (!items.length) return;
    const i = items.findIndex((t) => t.id === selected);
    const next = items[Math.max(0, Math.min(items.length - 1, i + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      event.preventDefault();
      void openTicket(next.id);
    }
  }
});

$('logout').addEventListener('click', async () => {
  await api('/api/logout', { method: 'POST' }).catch(() => {});
  store.clear();
  selected = null;
  showLogin('');
});
$('refresh').addEventListener('click', () => void loadInbox());
setupLogin($('login-form'), store, api, $('login-message'), ['unit'], () => void showWork());
if (store.get()) void showWork();
else showLogin('');
