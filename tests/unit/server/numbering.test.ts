import { describe, expect, it } from 'vitest';
import { beijingDay, formatOfficialNo } from '../../../src/server/sync/numbering';

describe('official ticket numbers', () => {
  it('use the Beijing calendar day (UTC+8)', () => {
    expect(beijingDay(new Date('2026-11-26T15:59:59Z'))).toBe('20261126');
    expect(beijingDay(new Date('2026-11-26T16:00:00Z'))).toBe('20261127');
    expect(beijingDay(new Date('2026-12-31T16:00:00Z'))).toBe('20270101');
  });

  it('pad the daily sequence to six digits', () => {
    expect(formatOfficialNo('20261126', 123)).toBe('20261126-000123');
  });
});
