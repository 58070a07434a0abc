/**
 * Drives unit accounts through the unit REST API the way busy handling units behave: sign in,
 * look at the inbox, accept (签收), start (办理中), reply (已反馈, sometimes with a small file), and
 * now and then return a ticket (退单) or dispute its dispatch (争议). One line per action. Bounded by
 * a number of actions and a duration, so demos and tests always end.
 */
import { seededRandom } from '../../src/shared/seeded-random';

export interface SimulationOptions {
  server: string;
  password: string;
  usernames: string[];
  maxActions: number;
  durationMs: number;
  intervalMs: number;
  returnRate: number;
  disputeRate: number;
  seed: number;
  /** Stop once every inbox has nothing left to do (for tests and scripted demos). */
  untilIdle: boolean;
  log: (line: string) => void;
}

export interface SimulationResult {
  actions: number;
  errors: number;
  byKind: Record<string, number>;
}

interface InboxItem {
  id: string;
  officialNo: string;
  title: string;
  status: string;
  relation: string;
  queue: string | null;
}

interface UnitSession {
  username: string;
  token: string;
  unitId: string;
  unitName: string;
  coAccepted: Set<string>;
  /** Tickets this unit already returned or disputed in this run: never twice. */
  contested: Set<string>;
  /** `ticketId:status` steps the server refused: not retried until the ticket moves on. */
  refused: Set<string>;
}

/** Seeded, so a run can be repeated with --seed. */
const random = seededRandom;

const REPLIES = [
  '已联系来电人并到现场核实，问题已处理完毕。',
  '经现场查看，已安排专人处理，来电人表示认可。',
  '已责成相关责任方整改，整改已完成，后续将持续关注。',
  '已向来电人解释相关政策，并协调解决了实际困难。',
];
const RETURN_REASONS: [string, string][] = [
  ['诉求事项不属于本单位职责范围', '《北京市接诉即办工作条例》及职责目录相关事项'],
  ['诉求地址不在本单位辖区', '区划资料显示该地址属相邻街道'],
];
const DISPUTE_REASONS: [string, string][] = [['该事项应由行业主管部门牵头办理', '职责目录中该事项的主办单位为行业主管部门']];

const STEP_LABELS: Record<string, string> = { accept: '签收', start: '开始办理', reply: '反馈', return: '退单', dispute: '派单争议' };

async function call(server: string, token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; data: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, data };
}

function errorMessage(data: Record<string, unknown>): string {
  return ((data.error as { message?: string } | undefined)?.message ?? '未知错误').slice(0, 200);
}

async function signIn(o: SimulationOptions, username: string): Promise<UnitSession> {
  const login = await call(o.server, null, 'POST', '/api/login', { username, password: o.password });
  if (login.status !== 200) throw new Error(`${username} 登录失败：${errorMessage(login.data)}`);
  const token = login.data.token as string;
  const me = await call(o.server, token, 'GET', '/api/unit/me');
  if (me.status !== 200) throw new Error(`${username} 不能使用单位接口：${errorMessage(me.data)}`);
  const unit = me.data.unit as { id: string; name: string };
  return { username, token, unitId: unit.id, unitName: unit.name, coAccepted: new Set(), contested: new Set(), refused: new Set() };
}

/** The next step this unit takes on one ticket, or null when it waits for someone else. */
function nextStep(s: UnitSession, t: InboxItem, rnd: () => number, o: SimulationOptions): { kind: string; path: string; body: unknown } | null {
  if (t.relation === 'co') {
    if (s.coAccepted.has(t.id) || !['dispatched', 'accepted', 'in_progress'].includes(t.status)) return null;
    return { kind: 'accept', path: 'accept', body: { note: '协办单位签收' } };
  }
  if (t.relation !== 'lead') return null;
  // A pending return or dispute waits for the reviewer.
  if (t.queue === 'returned' || t.queue === 'disputed' || s.refused.has(`${t.id}:${t.status}`)) return null;
  const contest = !s.contested.has(t.id);
  switch (t.status) {
    case 'dispatched': {
      if (contest && rnd() < o.returnRate) {
        const [reason, basis] = RETURN_REASONS[Math.floor(rnd() * RETURN_REASONS.length)]!;
        return { kind: 'return', path: 'return', body: { reason, basis } };
      }
      return { kind: 'accept', path: 'accept', body: {} };
    }
    case 'accepted':
      if (contest && rnd() < o.disputeRate) {
        const [reason, basis] = DISPUTE_REASONS[0]!;
        return { kind: 'dispute', path: 'dispute', body: { reason, basis } };
      }
      return { kind: 'start', path: 'start', body: { note: '已安排人员办理' } };
    case 'in_progress':
      return { kind: 'reply', path: 'reply', body: { text: REPLIES[Math.floor(rnd() * REPLIES.length)]! } };
    default:
      return null;
  }
}

export async function runSimulation(o: SimulationOptions): Promise<SimulationResult> {
  const rnd = random(o.seed);
  const result: SimulationResult = { actions: 0, errors: 0, byKind: {} };
  const sessions: UnitSession[] = [];
  for (const username of o.usernames) {
    try {
      const s = await signIn(o, username);
      sessions.push(s);
      o.log(`登录 ${username}（${s.unitName}）`);
    } catch (error) {
      result.errors++;
      o.log(`跳过 ${username}：${(error as Error).message}`);
    }
  }
  if (!sessions.length) throw new Error('没有可用的单位账号');
  const stopAt = Date.now() + o.durationMs;
  while (result.actions < o.maxActions && Date.now() < stopAt) {
    let acted = false;
    for (const s of sessions) {
      if (result.actions >= o.maxActions || Date.now() >= stopAt) break;
      const inbox = await call(o.server, s.token, 'GET', '/api/unit/inbox');
      if (inbox.status !== 200) {
        result.errors++;
        o.log(`${s.unitName} 读取待办失败：${errorMessage(inbox.data)}`);
        continue;
      }
      const tickets = inbox.data.tickets as InboxItem[];
      for (const t of tickets) {
        const step = nextStep(s, t, rnd, o);
        if (!step) continue;
        const r = await call(o.server, s.token, 'POST', `/api/unit/tickets/${t.id}/${step.path}`, step.body);
        const label = STEP_LABELS[step.kind]!;
        if (r.status === 200) {
          result.actions++;
          result.byKind[step.kind] = (result.byKind[step.kind] ?? 0) + 1;
          if (step.kind === 'accept' && t.relation === 'co') s.coAccepted.add(t.id);
          if (step.kind === 'return' || step.kind === 'dispute') s.contested.add(t.id);
          o.log(`${new Date().toISOString().slice(11, 19)} ${s.unitName} ${label} ${t.officialNo}「${t.title}」 → ${String(r.data.status)}`);
        } else {
          result.errors++;
          if (step.kind === 'accept' && t.relation === 'co') s.coAccepted.add(t.id); // do not retry forever
          s.refused.add(`${t.id}:${t.status}`);
          o.log(`${s.unitName} ${label} ${t.officialNo} 被拒绝（${r.status}）：${errorMessage(r.data)}`);
        }
        acted = true;
        break; // one action per unit per round: units work at a human pace
      }
    }
    if (!acted && o.untilIdle) break;
    if (o.intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, o.intervalMs));
  }
  o.log(`结束：共 ${result.actions} 个动作（${Object.entries(result.byKind).map(([k, n]) => `${STEP_LABELS[k]} ${n}`).join('，') || '无'}），${result.errors} 个错误`);
  return result;
}
