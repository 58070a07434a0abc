/* global document, Node */
// Shared helpers of the unit page and the reviewer page. Every piece of ticket text goes into the
// page through textContent (never innerHTML), and the CSP forbids inline script: text cannot run.

export function tokenStore(key) {
  return {
    get: () => sessionStorage.getItem(key),
    set: (value) => sessionStorage.setItem(key, value),
    clear: () => sessionStorage.removeItem(key),
  };
}

export class ApiError extends Error {
  constructor(status, message, problems) {
    super(message);
    this.status = status;
    this.problems = problems || [];
  }
}

export function apiClient(store, onSignedOut) {
  return async function api(path, { method = 'GET', body } = {}) {
    const headers = {};
    const token = store.get();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, '无法连接服务器，请检查网络后重试');
    }
    const data = await response.json().catch(() => ({}));
    if (response.status === 401 && path !== '/api/login') {
      store.clear();
      onSignedOut();
    }
    if (!response.ok) throw new ApiError(response.status, data.error?.message || `请求失败（${response.status}）`, data.error?.problems);
    return data;
  };
}

/** el('button', {type: 'button', onclick: f}, '签收') — attributes, then children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Beijing time for people: 2026-11-26 15:00. */
export function fmtTime(iso) {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

export function showMessage(node, text, kind = 'info') {
  node.textContent = text;
  node.className = `message ${kind}`;
  node.hidden = !text;
}

/** Wires a sign-in form; resolves with the signed-in user. */
export function setupLogin(form, store, api, messageNode, allowedRoles, onSignedIn) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const reply = await api('/api/login', { method: 'POST', body: { username: String(data.get('username') || ''), password: String(data.get('password') || '') } });
      if (!allowedRoles.includes(reply.user.role)) {
        showMessage(messageNode, '该账号不能使用本页面，请用对应角色的账号登录', 'error');
        return;
      }
      store.set(reply.token);
      form.reset();
      showMessage(messageNode, '');
      onSignedIn(reply.user);
    } catch (error) {
      showMessage(messageNode, error.message, 'error');
    } finally {
      button.disabled = false;
    }
  });
}

export function historyList(history) {
  if (!history.length) return el('p', { class: 'muted' }, '暂无记录');
  return el(
    'ol',
    { class: 'history', 'data-testid': 'history' },
    history.map((h) =>
      el(
        'li',
        {},
        el('span', { class: 'time' }, fmtTime(h.at)),
        ' ',
        el('strong', {}, h.whoUnit ? h.whoUnit.name : h.who),
        '：',
        h.summary,
        h.why && h.why !== h.summary ? el('div', { class: 'why' }, h.why) : null,
      ),
    ),
  );
}

export function decisionText(d) {
  if (!d) return '待审核';
  const outcome = { approved: '同意退单', rejected: '驳回退单', upheld: '维持原派单', reassigned: '改派' }[d.outcome] || d.outcome;
  return `${outcome}（${fmtTime(d.at)}，依据：${d.basis}）`;
}
