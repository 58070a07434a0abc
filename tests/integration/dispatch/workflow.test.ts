/**
 * The dispatch workflow on a real server: an agent dispatches through sync as the catalogue
 * suggests, units work through the REST API, the dispatcher/reviewer decides returns and
 * disputes, and the agent's seat sees every step in the ticket's timeline. After each step the
 * stored dispatch document must satisfy every invariant (exactly one responsible unit …).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { api, dispatchState, Seat, startTestServer, ticketRecord, token, type TestServer } from './support';

let t: TestServer;
let agent: Seat;
const tokens: Record<string, string> = {};
const HOUR = 3600_000;

beforeAll(async () => {
  t = await startTestServer();
  for (const u of ['admin', 'dispatcher1', 'unit1', 'unit2', 'unit3']) tokens[u] = await token(t.url, u);
  agent = await Seat.connect(t.url, 'agent1');
});

afterAll(async () => {
  agent?.close();
  await t?.close();
});

const unit = (who: string, method: string, path: string, body?: unknown) => api(t.url, tokens[who]!, method, path, body);
const staff = (method: string, path: string, body?: unknown) => api(t.url, tokens.dispatcher1!, method, path, body);

/** A water-outage ticket in 望京, dispatched by the agent as catalogue entry H001 suggests (双派). */
async function dispatchedWaterTicket() {
  const ticket = ticketRecord();
  const [created, dispatched] = await agent.push(
    { type: 'ticket.create', ticket },
    {
      type: 'ticket.dispatch',
      ticketId: ticket.id,
      assignment: { leadUnitId: 'en-water', coUnitIds: ['st-110105026'], mode: 'dual', catalogueVersion: 1, entryId: 'H001' },
    },
  );
  expect(created!.status).toBe('applied');
  expect(dispatched, dispatched?.reason ?? '').toMatchObject({ status: 'applied' });
  return { ticket, dispatched: dispatched! };
}

/** A street-level ticket dispatched directly to 望京街道 by the dispatcher. */
async function streetTicket(leadUnitId = 'st-110105026') {
  const ticket = ticketRecord({ title: '楼道堆物', content: '楼道里堆满杂物，存在消防隐患', categoryPath: '城乡建设', timeTier: '7d' });
  await agent.push({ type: 'ticket.create', ticket }, { type: 'ticket.workflow', ticketId: ticket.id, action: { type: 'submit' } });
  const r = await staff('POST', `/api/dispatch/tickets/${ticket.id}/dispatch`, { assignment: { leadUnitId, mode: 'direct', catalogueVersion: 1 } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return ticket;
}

describe('dispatch workflow on the central server', () => {
  it('full cycle: agent dispatches by catalogue, the unit accepts, handles and replies with an attachment; the agent sees it', async () => {
    const { ticket, dispatched } = await dispatchedWaterTicket();
    expect(dispatched.change!.ticket.status).toBe('dispatched');
    const event = dispatched.change!.events.at(-1)!;
    expect(event.kind).toBe('dispatch.dispatch');
    expect(event.summary).toContain('北京市自来水集团');
    expect(event.data).toMatchObject({ catalogueVersion: 1, leadUnitId: 'en-water', coUnitIds: ['st-110105026'], status: 'dispatched' });
    let state = dispatchState(t, ticket.id);
    expect(state.responsibleUnitId).toBe('en-water'); // 首接负责: the first receiver owns it
    expect(Date.parse(state.assignment!.deadlineAt) - t.clock.now).toBe(24 * HOUR);

    const inbox = await unit('unit2', 'GET', '/api/unit/inbox');
    const item = (inbox.body.tickets as { id: string; relation: string; callerPhone: string }[]).find((x) => x.id === ticket.id);
    expect(item).toMatchObject({ relation: 'lead', callerPhone: '139****5678' });
    const coInbox = await unit('unit1', 'GET', '/api/unit/inbox');
    expect((coInbox.body.tickets as { id: string; relation: string }[]).find((x) => x.id === ticket.id)?.relation).toBe('co');

    expect((await unit('unit2', 'POST', `/api/unit/tickets/${ticket.id}/accept`, {})).status).toBe(200);
    dispatchState(t, ticket.id);
    expect((await unit('unit1', 'POST', `/api/unit/tickets/${ticket.id}/accept`, {})).status).toBe(200); // co-handling acknowledges
    expect((await unit('unit2', 'POST', `/api/unit/tickets/${ticket.id}/start`, { note: '已派抢修队' })).body.status).toBe('in_progress');
    const upload = await unit('unit2', 'POST', `/api/unit/tickets/${ticket.id}/attachments`, {
      name: '现场照片.txt',
      mime: 'text/plain',
      dataBase64: Buffer.from('维修完成').toString('base64'),
    });
    expect(upload.status).toBe(201);
    const attachmentId = upload.body.attachment.id as string;
    const reply = await unit('unit2', 'POST', `/api/unit/tickets/${ticket.id}/reply`, { text: '管道已抢修完毕，14时恢复供水', attachmentIds: [attachmentId] });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    state = dispatchState(t, ticket.id);
    expect(state.status).toBe('replied');
    expect(state.replies[0]).toMatchObject({ unitId: 'en-water', attachmentIds: [attachmentId] });

    // The agent's seat gets the reply live, in the ticket's timeline.
    const live = await agent.waitFor(ticket.id, (c) => c.ticket.status === 'replied');
    const replyEvent = live.events.find((e) => e.kind === 'dispatch.reply')!;
    expect(replyEvent.summary).toContain('14时恢复供水');
    expect(replyEvent.actor).toContain('北京市自来水集团');
    expect(live.events.map((e) => e.kind)).toEqual(['created', 'dispatch.dispatch', 'dispatch.accept', 'dispatch.accept', 'dispatch.start_handling', 'dispatch.reply']);

    const file = await fetch(`${t.url}/api/attachments/${attachmentId}`, { headers: { authorization: `Bearer ${tokens.dispatcher1}` } });
    expect(await file.text()).toBe('维修完成');
    expect((await fetch(`${t.url}/api/attachments/${attachmentId}`, { headers: { authorization: `Bearer ${tokens.unit3}` } })).status).toBe(403);
  });

  it('refuses a reply from a unit that does not own the ticket, with a clear Chinese error', async () => {
    const { ticket } = await dispatchedWaterTicket();
    await unit('unit2', 'POST', `/api/unit/tickets/${ticket.id}/accept`, {});
    const foreign = await unit('unit3', 'POST', `/api/unit/tickets/${ticket.id}/reply`, { text: '已处理' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toMatch(/本单位不是该工单的承办单位/);
    const coReply = await unit('unit1', 'POST', `/api/unit/tickets/${ticket.id}/reply`, { text: '已处理' });
    expect(coReply.status).toBe(403);
    expect(coReply.body.error.message).toMatch(/协办单位不能/);
    expect((await unit('unit3', 'GET', `/api/unit/tickets/${ticket.id}`)).status).toBe(403);
    expect((await unit('unit3', 'POST', `/api/unit/tickets/${ticket.id}/return`, { reason: '不归我', basis: '无' })).status).toBe(403);
    expect(dispatchState(t, ticket.id).status).toBe('accepted'); // nothing changed
  });

  it('return approved: the reviewer re-dispatches and the time limit is recomputed from the re-dispatch', async () => {
    const ticket = await streetTicket('en-water');
    const before = dispatchState(t, ticket.id);
    const noReason = await unit('unit2', 'POST', `/api/unit/tickets/${ticket.id}/return`, { reason: ' ', basis: '职责目录' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/退单理由不能为空/);
    t.clock.advance(2 * HOUR);
    const ret = await unit('unit2', 'POST', `/api/unit/tickets/${ticket.id}/return`, { reason: '楼道堆物不属于供水', basis: '职责目录：楼道堆物由属地街道负责' });
    expect(ret.status, JSON.stringify(ret.body)).toBe(200);
    expect(dispatchState(t, ticket.id).returns).toHaveLength(1);
    const queues = await staff('GET', '/api/dispatch/queues');
    expect((queues.body.queues.returned as { id: string }[]).map((x) => x.id)).toContain(ticket.id);

    t.clock.advance(HOUR);
    const approve = await staff('POST', `/api/dispatch/tickets/${ticket.id}/return-review`, {
      decision: 'approve',
      basis: '属地街道负责楼道堆物清理',
      reassignment: { leadUnitId: 'st-110105026', mode: 'direct', catalogueVersion: 1 },
    });
    expect(approve.status, JSON.stringify(approve.body)).toBe(200);
    const after = dispatchState(t, ticket.id);
    expect(after.assignment!.leadUnitId).toBe('st-110105026');
    expect(after.assignment!.round).toBe(2);
    expect(Date.parse(after.assignment!.deadlineAt)).toBe(t.clock.now + 7 * 24 * HOUR);
    expect(Date.parse(after.assignment!.deadlineAt)).toBeGreaterThan(Date.parse(before.assignment!.deadlineAt));
    expect(after.responsibleUnitId).toBe('en-water'); // 首接负责 until the new unit accepts
    expect((await unit('unit1', 'POST', `/api/unit/tickets/${ticket.id}/accept`, {})).status).toBe(200);
    expect(dispatchState(t, ticket.id).responsibleUnitId).toBe('st-110105026');
    // The returning unit no longer holds it, but sees the decision.
    const old = await unit('unit2', 'GET', `/api/unit/tickets/${ticket.id}`);
    expect(old.status).toBe(200);
    expect(old.body.ticket.returns[0].decision.outcome).toBe('approved');
    const inbox = await unit('unit2', 'GET', '/api/unit/inbox');
    expect((inbox.body.tickets as { id: string }[]).map((x) => x.id)).not.toContain(ticket.id);
  });

  it('return rejected: the ticket goes back to the unit, which may not return it again', async () => {
    const ticket = await streetTicket();
    await unit('unit1', 'POST', `/api/unit/tickets/${ticket.id}/return`, { reason: '不在辖区', basis: '地址在来广营' });
    const reject = await staff('POST', `/api/dispatch/tickets/${ticket.id}/return-review`, { decision: 'reject', basis: '地址核实在望京街道辖区' });
    expect(reject.status).toBe(200);
    const state = dispatchState(t, ticket.id);
    expect(state.returns[0]!.decision!.outcome).toBe('rejected');
    expect(state.assignment!.leadUnitId).toBe('st-110105026');
    const again = await unit('unit1', 'POST', `/api/unit/tickets/${ticket.id}/return`, { reason: '不在辖区', basis: '再次申请' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/不能再次退单/);
    expect((await unit('unit1', 'POST', `/api/unit/tickets/${ticket.id}/accept`, {})).status).toBe(200);
  });

  it('a return after the window is refused', async () => {
    const ticket = await streetTicket();
    t.clock.advance(25 * HOUR);
    const late = await unit('unit1', 'POST', `/api/unit/tickets/${ticket.id}/return`, { reason: '不在辖区', basis: '地址' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/已超过退单时限/);
  });

  it('dispute: the reviewer’s decision and basis are recorded and shown to both units', async () => {
    const { ticket } = await dispatchedWaterTicket();
    const raised = await unit('unit1', 'POST', `/api/unit/tickets/${ticket.id}/dispute`, { reason: '停水应由自来水集团单独处理', basis: '供水条例' });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    expect(((await staff('GET', '/api/dispatch/queues')).body.queues.disputed as { id: string }[]).map((x) => x.id)).toContain(ticket.id);
    const decided = await staff('POST', `/api/dispatch/tickets/${ticket.id}/dispute-decision`, { decision: 'uphold', basis: '社区停水需街道协调，维持双派' });
    expect(decided.status).toBe(200);
    for (const who of ['unit1', 'unit2']) {
      const detail = await unit(who, 'GET', `/api/unit/tickets/${ticket.id}`);
      expect(detail.body.ticket.disputes[0].decision).toMatchObject({ outcome: 'upheld', basis: '社区停水需街道协调，维持双派' });
      expect((detail.body.ticket.history as { type: string }[]).map((h) => h.type)).toContain('decide_dispute');
    }
    dispatchState(t, ticket.id);
    const live = await agent.waitFor(ticket.id, (c) => c.events.some((e) => e.kind === 'dispatch.decide_dispute'));
    expect(live.events.at(-1)!.summary).toMatch(/维持原派单/);
  });

  it('consultation: candidate units discuss, the outcome dispatches the ticket', async () => {
    const ticket = ticketRecord({ title: '河道垃圾', content: '坝河沿岸垃圾堆积，不知归谁管', timeTier: '15d', categoryPath: '城乡建设' });
    await agent.push({ type: 'ticket.create', ticket }, { type: 'ticket.workflow', ticketId: ticket.id, action: { type: 'submit' } });
    const open = await staff('POST', `/api/dispatch/tickets/${ticket.id}/consultation`, { candidateUnitIds: ['st-110105026', 'mu-cgzf'], topic: '坝河沿岸垃圾的管理责任' });
    expect(open.status, JSON.stringify(open.body)).toBe(200);
    expect((await unit('unit3', 'POST', `/api/unit/tickets/${ticket.id}/consultation`, { text: '河道管理范围内由水务部门负责，岸上由属地负责' })).status).toBe(200);
    expect((await unit('unit2', 'POST', `/api/unit/tickets/${ticket.id}/consultation`, { text: '我也说两句' })).status).toBe(403);
    const outcome = await staff('POST', `/api/dispatch/tickets/${ticket.id}/consultation/outcome`, {
      outcome: '岸上垃圾由属地街道清理',
      assignment: { leadUnitId: 'st-110105026', mode: 'direct', catalogueVersion: 1 },
    });
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
    const state = dispatchState(t, ticket.id);
    expect(state.status).toBe('dispatched');
    expect(state.consultations[0]!.messages).toHaveLength(1);
  });

  it('agents dispatch only as the catalogue suggests; a refusal is recorded in the ticket history', async () => {
    const ticket = ticketRecord();
    const [, refused] = await agent.push(
      { type: 'ticket.create', ticket },
      { type: 'ticket.dispatch', ticketId: ticket.id, assignment: { leadUnitId: 'mu-cgzf', mode: 'direct', catalogueVersion: 1, entryId: 'H001' } },
    );
    expect(refused).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    expect(refused!.reason).toMatch(/只能按职责目录的建议派单/);
    expect(refused!.change!.events.at(-1)).toMatchObject({ kind: 'rejected' });
    expect(refused!.change!.ticket.status).toBe('recorded');
    const [closed] = await agent.push({ type: 'ticket.closeWithoutDispatch', ticketId: ticket.id, closure: { type: 'answer_directly', answer: '已告知停水原因和恢复时间' } });
    expect(closed!.change!.ticket.status).toBe('answered');
    const [late] = await agent.push({ type: 'ticket.workflow', ticketId: ticket.id, action: { type: 'submit' } });
    expect(late).toMatchObject({ status: 'rejected', code: 'CONFLICT' });
    expect(late!.reason).toMatch(/不能提交派单/);
  });

  it('unknown and retired units are refused with clear errors', async () => {
    const ticket = ticketRecord();
    await agent.push({ type: 'ticket.create', ticket }, { type: 'ticket.workflow', ticketId: ticket.id, action: { type: 'submit' } });
    const unknown = await staff('POST', `/api/dispatch/tickets/${ticket.id}/dispatch`, { assignment: { leadUnitId: 'st-999999999', mode: 'direct', catalogueVersion: 1 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/未知的承办单位/);

    const added = await api(t.url, tokens.admin!, 'POST', '/api/units', { id: 'en-test-gas', name: '测试燃气公司', type: 'enterprise', sector: '测试燃气' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const account = await api(t.url, tokens.admin!, 'POST', '/api/users', { username: 'gas1', displayName: '测试燃气承办人', role: 'unit', password: 'gas-password-1', unitId: 'en-test-gas' });
    expect(account.status).toBe(201);
    const gas = await token(t.url, 'gas1', 'gas-password-1');
    expect((await api(t.url, gas, 'GET', '/api/unit/inbox')).status).toBe(200);
    const retired = await api(t.url, tokens.admin!, 'POST', '/api/units/en-test-gas/retire', {});
    expect(retired.body.unit.status).toBe('retired');
    const toRetired = await staff('POST', `/api/dispatch/tickets/${ticket.id}/dispatch`, { assignment: { leadUnitId: 'en-test-gas', mode: 'direct', catalogueVersion: 1 } });
    expect(toRetired.status).toBe(400);
    expect(toRetired.body.error.message).toMatch(/测试燃气公司.*已.*撤销/);
    const inbox = await api(t.url, gas, 'GET', '/api/unit/inbox');
    expect(inbox.status).toBe(403);
    expect(inbox.body.error.message).toMatch(/已撤销/);
    expect(dispatchState(t, ticket.id).status).toBe('to_dispatch');
    // The admin can bind the account to another unit; a retired or unknown unit is refused.
    expect((await api(t.url, tokens.admin!, 'POST', '/api/users/gas1/unit', { unitId: 'en-test-gas' })).status).toBe(400);
    expect((await api(t.url, tokens.admin!, 'POST', '/api/users/gas1/unit', { unitId: 'en-water' })).status).toBe(200);
    expect((await api(t.url, gas, 'GET', '/api/unit/inbox')).body.unit.id).toBe('en-water');
  });

  it('illegal transitions are refused with a Chinese reason and change nothing', async () => {
    const ticket = await streetTicket();
    const reply = await unit('unit1', 'POST', `/api/unit/tickets/${ticket.id}/reply`, { text: '已处理' });
    expect(reply.status).toBe(409);
    expect(reply.body.error.message).toMatch(/工单当前为「已派」，不能反馈办理结果/);
    const missing = await unit('unit1', 'POST', `/api/unit/tickets/${uuidv7()}/accept`, {});
    expect(missing.status).toBe(404);
    expect(dispatchState(t, ticket.id).status).toBe('dispatched');
  });
});
