import { describe, expect, it } from 'vitest';
import { isValidPhone, normalizePhone, AppealInput } from '../../../src/shared/validation';
import { maskName, maskPhone } from '../../../src/shared/privacy';
import { fieldErrorsFromZod } from '../../../src/shared/errors';
import { sampleAppeal } from '../../helpers/appeals';

describe('phone numbers', () => {
  it.each(['13812345678', '138 1234 5678', '+86 138-1234-5678', '62345678', '010-62345678', '(010)62345678', '0571-87654321', '96116'])(
    'accepts %s',
    (phone) => expect(isValidPhone(phone)).toBe(true),
  );
  it.each(['1381234567', '12812345678', '138123456789', 'abc', '', '12345', '010-1234', '2345678'])('rejects %s', (phone) =>
    expect(isValidPhone(phone)).toBe(false),
  );
  it('normalises prefixes and separators', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('0086 13812345678')).toBe('13812345678');
  });
});

describe('masking personal data', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['010-62345678', '010-****5678'],
    ['02012345678', '020-****5678'],
    ['057187654321', '0571-****4321'],
    ['62345678', '****5678'],
    ['96116', '***16'],
    ['', ''],
  ])('masks %s as %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
  it('masks names but the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧***');
    expect(maskName('李')).toBe('李');
  });
});

describe('appeal rules', () => {
  const errors = (overrides: Record<string, unknown>) => {
    const result = AppealInput.safeParse({ ...sampleAppeal(), ...overrides });
    return result.success ? {} : fieldErrorsFromZod(result.error);
  };
  it('needs a phone unless anonymous, and no phone when anonymous', () => {
    expect(errors({ callerPhone: '' }).callerPhone).toMatch(/请填写来电号码/);
    expect(errors({ anonymous: true, callerPhone: null })).toEqual({});
    expect(errors({ anonymous: true, callerPhone: '13812345678' }).callerPhone).toMatch(/匿名来电不登记电话/);
  });
  it('needs an enterprise name for an enterprise appeal', () => {
    expect(errors({ isEnterprise: true, enterpriseName: '' }).enterpriseName).toMatch(/企业名称/);
  });
  it('needs a district before a street', () => {
    expect(errors({ districtCode: null }).districtCode).toMatch(/先选择区/);
  });
  it('trims and limits title and content', () => {
    expect(errors({ title: '   ' }).title).toBe('请填写标题');
    expect(errors({ title: '标'.repeat(101) }).title).toMatch(/不能超过100个字/);
    expect(errors({ content: '内'.repeat(4001) }).content).toMatch(/不能超过4000个字/);
    expect(errors({ content: '内'.repeat(4000) })).toEqual({});
  });
  it('rejects unknown appeal types and extra fields', () => {
    expect(errors({ appealType: '闲聊' }).appealType).toBe('请选择诉求类型');
    expect(errors({ hack: true })._).toMatch(/不认识的字段/);
  });
});
