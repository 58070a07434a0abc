/**
 * Caller phone numbers and names are personal data: everything that shows them in a list, a log
 * line or an error goes through these masks. Full values appear only on a ticket page, audited.
 */

/** 13812345678 → 138****5678; 010-62345678 → 010-****5678; short numbers keep their last 2 digits. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  // Area codes: 010 and 02x have three digits, all others four.
  const landline = /^(0(?:10|2\d)|0[3-9]\d{2})(\d{7,8})$/.exec(digits);
  if (landline) return `${landline[1]}-****${landline[2]!.slice(-4)}`;
  if (digits.length >= 7) return `****${digits.slice(-4)}`;
  return '*'.repeat(Math.max(0, digits.length - 2)) + digits.slice(-2);
}

/** 张三 → 张*; 欧阳小明 → 欧***; a latin name keeps its first letter. */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Masks anything that looks like a phone number in free text (log lines, audit details, feedback). */
export function redact(text: string): string {
  return text.replace(/(?:\+?86)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}/g, (m) => maskPhone(m));
}
