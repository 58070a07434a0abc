/** Field order, groups and labels of the intake form (focus order for errors and group jumps). */
import type { FieldName } from '../../state/intake';

export const FIELD_ORDER: FieldName[] = [
  'callerPhone',
  'anonymous',
  'callerName',
  'isEnterprise',
  'enterpriseName',
  'channel',
  'districtCode',
  'streetCode',
  'address',
  'appealType',
  'categoryPath',
  'timeTier',
  'title',
  'content',
];

export const GROUPS = [
  { n: 1, title: '来电人', first: 'callerPhone' },
  { n: 2, title: '地点', first: 'districtCode' },
  { n: 3, title: '分类', first: 'appealType' },
  { n: 4, title: '内容', first: 'title' },
] as const satisfies ReadonlyArray<{ n: number; title: string; first: FieldName }>;

export function fieldId(name: FieldName): string {
  return `intake-${name}`;
}

export function focusField(name: FieldName): void {
  const el = document.getElementById(fieldId(name));
  if (el instanceof HTMLElement && !(el as HTMLInputElement).disabled) {
    el.focus();
    return;
  }
  // A disabled field (e.g. phone while 匿名) hands focus to the next one in order.
  const next = FIELD_ORDER[FIELD_ORDER.indexOf(name) + 1];
  if (next) focusField(next);
}

/** `appeal.callerPhone` (core) or `callerPhone` (client zod) → the form field. */
export function fieldOfPath(path: string): FieldName | null {
  const name = path.replace(/^appeal\./, '').split('.')[0] ?? '';
  return (FIELD_ORDER as string[]).includes(name) ? (name as FieldName) : null;
}

export function firstBadField(errors: Partial<Record<string, string>>): FieldName | null {
  return FIELD_ORDER.find((name) => errors[name]) ?? null;
}
