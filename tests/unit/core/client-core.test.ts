import { describe, expect, it } from 'vitest';
import { createClientCore } from '../../../src/main/core/client-core';
import { tempDir } from '../../helpers/temp-dir';
import { sampleAppeal } from '../../helpers/appeals';

async function signedInCore() {
  const core = createClientCore({ dataDir: tempDir(), mode: 'web', version: 'test' });
  await core.handle('session.signIn', { agentName: '王芳', seat: 'A-07' });
  const count = () => (core.opened!.sqlite.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
  return { core, count };
}

describe('client core boundary', () => {
  it('answers malformed calls with structured errors and changes nothing', async () => {
    const { core, count } = await signedInCore();
    const cases: Array<[unknown, unknown, string]> = [
      ['tickets.create', { appeal: { ...sampleAppeal(), title: 42 } }, 'VALIDATION'],
      ['tickets.create', { appeal: sampleAppeal(), extra: true }, 'VALIDATION'],
      ['tickets.create', {}, 'VALIDATION'],
      ['tickets.create', 'not an object', 'VALIDATION'],
      ['tickets.list', { limit: 100000 }, 'VALIDATION'],
      ['tickets.get', { id: 'missing' }, 'NOT_FOUND'],
      ['drop.tables', {}, 'UNKNOWN_METHOD'],
      [42, {}, 'UNKNOWN_METHOD'],
      ['__proto__', {}, 'UNKNOWN_METHOD'],
    ];
    for (const [method, input, code] of cases) {
      const result = await core.handle(method, input);
      expect(result, JSON.stringify([method, input])).toMatchObject({ ok: false, error: { code } });
    }
    expect(count()).toBe(0);
  });

  it('returns field errors keyed by field path', async () => {
    const { core } = await signedInCore();
    const result = await core.handle('tickets.create', { appeal: sampleAppeal({ callerPhone: '123' }) });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { 'appeal.callerPhone': expect.stringMatching(/格式不对/) } } });
  });

  it('requires a signed-in seat for ticket work', async () => {
    const core = createClientCore({ dataDir: tempDir(), mode: 'web', version: 'test' });
    expect(await core.handle('tickets.list', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await core.handle('session.signIn', { agentName: '', seat: 'A-07' })).toMatchObject({ ok: false, error: { fieldErrors: { agentName: '请填写坐席人员姓名' } } });
  });

  it('pushes a change event and counts the pending command when a ticket is saved', async () => {
    const { core } = await signedInCore();
    const seen: string[] = [];
    core.onEvent((name) => seen.push(name));
    const created = await core.handle('tickets.create', { appeal: sampleAppeal() });
    expect(created.ok).toBe(true);
    expect(seen).toContain('tickets.changed');
    expect(await core.handle('sync.status', {})).toMatchObject({ ok: true, value: { pending: 1 } });
  });

  it('records a one-key 119 transfer from an unsaved form, with its checklist', async () => {
    const { core } = await signedInCore();
    await core.handle('drafts.save', { id: 'd-1', appeal: { content: '楼下饭馆着火了' } });
    // An earlier prompt on this call was dismissed: it must end up on the ticket too.
    const dismissed = await core.handle('emergency.record', {
      draftId: 'd-1', ticketId: null, action: 'dismiss', service: '120', kind: '医疗急症', trigger: '晕', reason: '来电人说已无大碍', textSnapshot: '有点晕', appeal: {}, manual: false,
    });
    expect(dismissed).toEqual({ ok: true, value: null });
    const result = await core.handle('emergency.record', {
      draftId: 'd-1', ticketId: null, action: 'transfer', service: '119', kind: '火灾', trigger: '着火了', reason: '',
      textSnapshot: '楼下饭馆着火了，冒着黑烟', appeal: { content: '楼下饭馆着火了，冒着黑烟', callerPhone: '13812345678' }, manual: false,
    });
    expect(result.ok).toBe(true);
    const instructions = (result as { value: { ticketId: string; dialNumber: string; checklist: string[] } }).value;
    expect(instructions.dialNumber).toBe('119');
    expect(instructions.checklist.join('\n')).toMatch(/地址/);
    const ticket = await core.handle('tickets.get', { id: instructions.ticketId });
    const detail = (ticket as { value: { status: string; timeTier: string; events: Array<{ kind: string; summary: string }> } }).value;
    expect(detail.status).toBe('transferred');
    expect(detail.timeTier).toBe('2h');
    expect(detail.events.map((e) => e.kind)).toEqual(['emergency_dismissed', 'created', 'emergency_transfer']); // in the order they happened
    expect(detail.events[2]!.summary).toMatch(/一键转接119 消防.*着火了/);
    expect(await core.handle('drafts.latest', {})).toEqual({ ok: true, value: null });
  });

  it('transfers even when the half-filled form has bad fields, and a second transfer joins the same ticket', async () => {
    const { core, count } = await signedInCore();
    const base = { draftId: 'd-2', ticketId: null, action: 'transfer', kind: '火灾', trigger: '着火', reason: '', textSnapshot: '着火了', manual: false };
    const first = await core.handle('emergency.record', {
      ...base, service: '119', appeal: { channel: 'PHONE', districtCode: '110105', streetCode: '110108001', categoryPath: '不存在', callerPhone: '123' },
    });
    expect(first.ok).toBe(true);
    const ticketId = (first as { value: { ticketId: string } }).value.ticketId;
    const detail = (await core.handle('tickets.get', { id: ticketId })) as { value: { districtCode: string; streetCode: string; categoryPath: string; channel: string; anonymous: boolean } };
    // The street wins and brings its own district; bad values fall back to safe defaults.
    expect(detail.value).toMatchObject({ districtCode: '110108', streetCode: '110108001', categoryPath: '政法/社会治安/消防安全', channel: 'phone', anonymous: true });
    const second = await core.handle('emergency.record', { ...base, service: '120', kind: '医疗急症', appeal: {} });
    expect((second as { value: { ticketId: string } }).value.ticketId).toBe(ticketId);
    expect(count()).toBe(1);
  });

  it('keeps a dismissal in the audit log when its draft is thrown away', async () => {
    const { core } = await signedInCore();
    await core.handle('emergency.record', {
      draftId: 'd-3', ticketId: null, action: 'dismiss', service: '110', kind: '暴力', trigger: '打人', reason: '来电人说是电视剧情节', textSnapshot: '', appeal: {}, manual: false,
    });
    await core.handle('drafts.discard', { id: 'd-3' });
    const audit = core.opened!.sqlite.prepare(`SELECT action, target, detail FROM audit_log WHERE target = 'draft:d-3'`).all();
    expect(audit).toEqual([{ action: 'draft.emergency_dismissed', target: 'draft:d-3', detail: expect.stringMatching(/来电人说是电视剧情节/) }]);
  });

  it('explains bad list filters in Chinese', async () => {
    const { core } = await signedInCore();
    expect(await core.handle('tickets.list', { from: '2026-02-30' })).toMatchObject({ error: { fieldErrors: { from: expect.stringMatching(/开始日期应为有效日期/) } } });
    expect(await core.handle('tickets.list', { from: '2026-11-26', to: '2026-11-01' })).toMatchObject({ error: { fieldErrors: { to: '结束日期不能早于开始日期' } } });
  });

  it('requires a reason to dismiss an emergency prompt', async () => {
    const { core } = await signedInCore();
    const result = await core.handle('emergency.record', {
      draftId: 'd-1', ticketId: null, action: 'dismiss', service: '110', kind: '暴力', trigger: '打人', reason: ' ', textSnapshot: '', appeal: {}, manual: false,
    });
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { reason: '请说明不转接的原因' } } });
  });
});
