import { describe, expect, it } from 'vitest';
import { emptyAppeal } from '../../shared/validation';
import { connectionLabel } from '../src/components/connection';
import { formatDateTime, relativeTime } from '../src/components/format';
import { fieldOfPath, firstBadField } from '../src/screens/intake/fields';
import { comboOf } from '../src/shortcuts/keys';
import { emergencyAlertKey, formFromDraft, isPristine } from '../src/state/intake';

describe('restoring a stored draft', () => {
  it('keeps known fields of the right type and drops everything else', () => {
    const form = formFromDraft({
      callerPhone: '13812345678',
      title: '井盖破损',
      anonymous: 'yes', // wrong type: ignored
      districtCode: '110105',
      streetCode: null,
      timeTier: '2h',
      injected: '<script>',
      content: 42, // wrong type: ignored
    });
    expect(form).toEqual({ ...emptyAppeal(), callerPhone: '13812345678', title: '井盖破损', districtCode: '110105', timeTier: '2h' });
    expect(form).not.toHaveProperty('injected');
  });

  it('an untouched form is pristine; any typed field is not', () => {
    expect(isPristine(emptyAppeal())).toBe(true);
    expect(isPristine({ ...emptyAppeal(), callerPhone: null })).toBe(true);
    expect(isPristine({ ...emptyAppeal(), content: '有' })).toBe(false);
  });
});

describe('field errors from the core', () => {
  it('maps appeal.* paths to form fields and picks the first bad field in form order', () => {
    expect(fieldOfPath('appeal.callerPhone')).toBe('callerPhone');
    expect(fieldOfPath('content')).toBe('content');
    expect(fieldOfPath('draftId')).toBeNull();
    expect(firstBadField({ content: 'x', callerPhone: 'y' })).toBe('callerPhone');
    expect(firstBadField({})).toBeNull();
  });
});

describe('shortcut combos', () => {
  const key = (init: Partial<KeyboardEvent>) => init as KeyboardEvent;
  it('names keys by physical position for letters and digits, with modifiers in a fixed order', () => {
    expect(comboOf(key({ key: 'Enter', code: 'Enter', ctrlKey: true }))).toBe('ctrl+enter');
    expect(comboOf(key({ key: '†', code: 'KeyT', altKey: true }))).toBe('alt+t'); // macOS Alt+T
    expect(comboOf(key({ key: '!', code: 'Digit1', altKey: true, shiftKey: true }))).toBe('alt+1');
    expect(comboOf(key({ key: 'F6', code: 'F6', shiftKey: true }))).toBe('shift+f6');
    expect(comboOf(key({ key: 'Escape', code: 'Escape' }))).toBe('escape');
    expect(comboOf(key({ key: '/', code: 'Slash', ctrlKey: true }))).toBe('ctrl+/');
  });
});

describe('display helpers', () => {
  const now = new Date('2026-11-26T15:00:00+08:00');
  it('says how long ago in Chinese', () => {
    expect(relativeTime('2026-11-26T14:59:30+08:00', now)).toBe('刚刚');
    expect(relativeTime('2026-11-26T14:35:00+08:00', now)).toBe('25分钟前');
    expect(relativeTime('2026-11-26T11:00:00+08:00', now)).toBe('4小时前');
    expect(relativeTime('not a date', now)).toBe('not a date');
  });

  it('labels the connection states, with the pending count', () => {
    expect(connectionLabel({ state: 'disabled', pending: 0, detail: null }).text).toBe('仅本地');
    expect(connectionLabel({ state: 'offline', pending: 3, detail: null }).text).toBe('离线 · 待同步 3');
    expect(connectionLabel({ state: 'syncing', pending: 2, detail: null }).text).toBe('同步中 · 待同步 2');
    expect(connectionLabel({ state: 'error', pending: 1, detail: 'x' }).badge).toBe('error');
    expect(connectionLabel({ state: 'online', pending: 0, detail: null })).toEqual({ text: '在线', badge: 'success' });
  });
});

describe('times on Beijing’s wall clock', () => {
  it('formats in UTC+8 whatever the machine zone', () => {
    expect(formatDateTime('2026-11-25T23:30:05.000Z')).toBe('2026-11-26 07:30:05');
    // 23:30 UTC on the 25th is already the 26th in Beijing: "today" there, so hours ago, not 昨天.
    expect(relativeTime('2026-11-25T16:30:00.000Z', new Date('2026-11-25T23:30:00.000Z'))).toBe('7小时前');
    expect(relativeTime('2026-11-25T15:30:00.000Z', new Date('2026-11-25T23:30:00.000Z'))).toBe('昨天 23:30');
  });
});

describe('what dismissing an emergency banner silences', () => {
  it('a model alarm stays dismissed while the agent keeps typing (its quoted clause grows)', () => {
    const before = emergencyAlertKey({ service: '120', kind: '疑似医疗急症', trigger: '我爸刚才脸色发白', confidence: 0.6 });
    const after = emergencyAlertKey({ service: '120', kind: '疑似医疗急症', trigger: '我爸刚才脸色发白，现在', confidence: 0.7 });
    expect(after).toBe(before);
    expect(emergencyAlertKey({ service: '119', kind: '疑似火灾/救援', trigger: '我爸刚才脸色发白', confidence: 0.6 })).not.toBe(before);
  });
  it('a rule alarm is silenced for its phrase only: a new phrase alarms again', () => {
    const fire = emergencyAlertKey({ service: '119', kind: '火灾', trigger: '着火', confidence: 0.9 });
    expect(emergencyAlertKey({ service: '119', kind: '火灾', trigger: '着火', confidence: 0.92 })).toBe(fire);
    expect(emergencyAlertKey({ service: '119', kind: '火灾（冒烟）', trigger: '冒黑烟', confidence: 0.85 })).not.toBe(fire);
  });
});
