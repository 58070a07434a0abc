import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { createTicketStore } from '../../../src/main/core/tickets/ticket-store';
import { createDraftStore } from '../../../src/main/core/drafts/draft-store';
import { loadGazetteer } from '../../../src/main/core/gazetteer/gazetteer';
import { loadTaxonomy } from '../../../src/main/core/taxonomy/taxonomy';
import { AppError } from '../../../src/shared/errors';
import { LIMITS } from '../../../src/shared/domain';
import { tempDir } from '../../helpers/temp-dir';
import { AGENT, sampleAppeal } from '../../helpers/appeals';

function setup(clock = () => new Date('2026-11-26T02:00:00Z')) {
  const opened = openDatabase(tempDir());
  const store = createTicketStore({ opened, clock, gazetteer: loadGazetteer(), taxonomy: loadTaxonomy() });
  const drafts = createDraftStore({ opened, clock });
  const count = (table: string) => (opened.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { opened, store, drafts, count };
}

function expectValidation(fn: () => unknown, field: string, message: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('VALIDATION');
    expect(appError.fieldErrors?.[field]).toMatch(message);
    return;
  }
  throw new Error('expected a validation error');
}

describe('ticket store', () => {
  it('records an appeal with its history event and outbox command in one go', () => {
    const { store, count, opened } = setup();
    const ticket = store.create(sampleAppeal(), AGENT);
    expect(ticket.number).toBe('离线-0001');
    expect(ticket.locationLabel).toBe('朝阳区 望京街道');
    expect(ticket.syncState).toBe('pending');
    expect(ticket.events.map((e) => e.kind)).toEqual(['created']);
    expect(count('tickets')).toBe(1);
    const outbox = opened.sqlite.prepare('SELECT type, payload FROM outbox').all() as Array<{ type: string; payload: string }>;
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.type).toBe('ticket.create');
    expect(JSON.parse(outbox[0]!.payload).ticket.id).toBe(ticket.id);
    expect(store.create(sampleAppeal(), AGENT).number).toBe('离线-0002');
  });

  it('rolls the whole action back when any part of it fails', () => {
    const { store, count, opened } = setup();
    opened.sqlite.exec(`CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    expect(() => store.create(sampleAppeal(), AGENT)).toThrow(/disk full/);
    expect(count('tickets')).toBe(0);
    expect(count('ticket_events')).toBe(0);
    expect(count('audit_log')).toBe(0);
  });

  it('refuses bad input with a Chinese message per field and stores nothing', () => {
    const { store, count } = setup();
    expectValidation(() => store.create(sampleAppeal({ callerPhone: '1381234' }), AGENT), 'appeal.callerPhone', /电话号码格式不对/);
    expectValidation(() => store.create(sampleAppeal({ content: '   ' }), AGENT), 'appeal.content', /请填写诉求内容/);
    expectValidation(() => store.create(sampleAppeal({ content: '漏'.repeat(LIMITS.contentMax + 1) }), AGENT), 'appeal.content', /不能超过4000个字/);
    expectValidation(() => store.create(sampleAppeal({ streetCode: '110105999' }), AGENT), 'appeal.streetCode', /没有代码为 110105999/);
    expectValidation(() => store.create(sampleAppeal({ streetCode: '110101001' }), AGENT), 'appeal.streetCode', /不属于所选的区/);
    expectValidation(() => store.create(sampleAppeal({ categoryPath: '城乡建设/不存在' }), AGENT), 'appeal.categoryPath', /不在三级分类目录/);
    expectValidation(() => store.create({ ...sampleAppeal(), sneaky: 1 }, AGENT), 'appeal', /不认识的字段：sneaky/);
    expect(count('tickets')).toBe(0);
    expect(count('outbox')).toBe(0);
  });

  it('keeps anonymous callers anonymous', () => {
    const { store } = setup();
    const ticket = store.create(sampleAppeal({ anonymous: true, callerPhone: null, callerName: '' }), AGENT);
    expect(ticket.callerPhone).toBeNull();
    expect(store.list({})[0]!.callerPhoneMasked).toBe('匿名');
  });

  it('lists with filters, Chinese text search and masked personal data', () => {
    let now = new Date('2026-11-20T02:00:00Z');
    const { store } = setup(() => now);
    store.create(sampleAppeal({ title: '楼道漏水', content: '三楼楼道天花板漏水', appealType: '求助' }), AGENT);
    now = new Date('2026-11-25T15:30:00Z'); // 2026-11-25 23:30 in Beijing
    store.create(sampleAppeal({ title: '夜间施工噪音', content: '工地晚上十一点还在施工', callerPhone: '010-62345678' }), AGENT);
    now = new Date('2026-11-25T16:30:00Z'); // 2026-11-26 00:30 in Beijing
    store.create(sampleAppeal({ title: '咨询社保卡补办', content: '社保卡丢了怎么补办', appealType: '咨询' }), AGENT);

    expect(store.list({ text: '漏水' }).map((t) => t.title)).toEqual(['楼道漏水']);
    expect(store.list({ text: '施工' }).map((t) => t.title)).toEqual(['夜间施工噪音']);
    expect(store.list({ text: '100%' })).toEqual([]);
    expect(store.list({ appealType: '咨询' }).map((t) => t.title)).toEqual(['咨询社保卡补办']);
    expect(store.list({ from: '2026-11-25', to: '2026-11-25' }).map((t) => t.title)).toEqual(['夜间施工噪音']);
    expect(store.list({ from: '2026-11-26' }).map((t) => t.title)).toEqual(['咨询社保卡补办']);
    expect(store.list({ status: 'closed' })).toEqual([]);
    const rows = store.list({});
    expect(rows.map((t) => t.title)).toEqual(['咨询社保卡补办', '夜间施工噪音', '楼道漏水']);
    expect(rows[0]!.callerPhoneMasked).toBe('138****5678');
    expect(rows[1]!.callerPhoneMasked).toBe('010-****5678');
    expect(rows[0]!.callerNameMasked).toBe('张*');
    expect(JSON.stringify(rows)).not.toContain('13812345678');
  });

  it('audits every view of the full personal data', () => {
    const { store, opened } = setup();
    const ticket = store.create(sampleAppeal(), AGENT);
    const detail = store.get(ticket.id, AGENT);
    expect(detail.callerPhone).toBe('13812345678');
    const audit = opened.sqlite.prepare(`SELECT actor, action, target, detail FROM audit_log WHERE action = 'ticket.view_personal_data'`).all();
    expect(audit).toEqual([{ actor: '王芳@A-07', action: 'ticket.view_personal_data', target: ticket.id, detail: null }]);
    const everything = JSON.stringify(opened.sqlite.prepare('SELECT * FROM audit_log').all());
    expect(everything).not.toContain('13812345678');
  });

  it('turns a draft into a ticket and deletes the draft in the same transaction', () => {
    const { store, drafts } = setup();
    drafts.save('draft-1', { title: '半截' });
    store.create(sampleAppeal(), AGENT, { draftId: 'draft-1' });
    expect(drafts.latest()).toBeNull();
  });

  it('saves a draft once, however often the save is repeated', () => {
    const { store, drafts, count } = setup();
    drafts.save('draft-1', { title: '半截' });
    const first = store.create(sampleAppeal(), AGENT, { draftId: 'draft-1' });
    const again = store.create(sampleAppeal({ title: '重复提交' }), AGENT, { draftId: 'draft-1' });
    expect(again.id).toBe(first.id);
    expect(count('tickets')).toBe(1);
    expect(count('outbox')).toBe(1);
    // A late autosave of the saved draft must not bring it back.
    expect(drafts.save('draft-1', { title: '迟到的自动保存' })).toBeNull();
    expect(drafts.latest()).toBeNull();
  });

  it('edits the appeal in one transaction, with a history entry and a command based on the right version', () => {
    const { store, opened, count } = setup();
    const ticket = store.create(sampleAppeal(), AGENT);
    const edited = store.edit(ticket.id, { title: '  楼道堆物堵塞消防通道  ', timeTier: '24h' }, AGENT);
    expect(edited).toMatchObject({ title: '楼道堆物堵塞消防通道', timeTier: '24h', version: 2, syncState: 'pending' });
    expect(edited.events.at(-1)).toMatchObject({ kind: 'edited', summary: '修改了办理时限、标题' });
    store.edit(ticket.id, { content: '第二次修改的内容' }, AGENT);
    const commands = (opened.sqlite.prepare("SELECT payload FROM outbox WHERE type = 'ticket.edit' ORDER BY seq").all() as Array<{ payload: string }>).map((r) => JSON.parse(r.payload));
    // Both edits are based on version 1, the last version the server knows; the server applies them in order.
    expect(commands.map((c) => c.baseVersion)).toEqual([1, 1]);
    expect(commands[0].changes).toEqual({ title: '楼道堆物堵塞消防通道', timeTier: '24h' });
    // Nothing changed: nothing written.
    store.edit(ticket.id, { content: '第二次修改的内容' }, AGENT);
    expect(count('outbox')).toBe(3);
  });

  it('refuses a bad edit with field errors and changes nothing', () => {
    const { store, count } = setup();
    const ticket = store.create(sampleAppeal(), AGENT);
    expectValidation(() => store.edit(ticket.id, { content: '' }, AGENT), 'changes.content', /请填写诉求内容/);
    expectValidation(() => store.edit(ticket.id, { streetCode: '110101001' }, AGENT), 'changes.streetCode', /不属于所选的区/);
    expectValidation(() => store.edit(ticket.id, { callerPhone: '13900000000' }, AGENT), 'changes', /不认识的字段：callerPhone/);
    expect(store.getUnaudited(ticket.id).version).toBe(1);
    expect(count('outbox')).toBe(1);
  });

  it('keeps the draft when the save is refused', () => {
    const { store, drafts } = setup();
    drafts.save('draft-1', { title: '半截' });
    expect(() => store.create(sampleAppeal({ title: '' }), AGENT, { draftId: 'draft-1' })).toThrow(AppError);
    expect(drafts.latest()?.appeal).toEqual({ title: '半截' });
  });
});

describe('drafts', () => {
  it('keeps the latest version of each draft and refuses oversize drafts without touching the stored one', () => {
    const { drafts } = setup();
    drafts.save('d1', { content: '第一版' });
    drafts.save('d1', { content: '第二版' });
    expect(drafts.latest()).toMatchObject({ id: 'd1', appeal: { content: '第二版' } });
    expect(() => drafts.save('d1', { content: 'x'.repeat(LIMITS.draftBytesMax) })).toThrow(/草稿过大/);
    expect(drafts.latest()?.appeal).toEqual({ content: '第二版' });
    drafts.discard('d1', '王芳@A-07');
    expect(drafts.latest()).toBeNull();
  });
});
