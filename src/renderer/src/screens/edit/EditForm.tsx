/**
 * Inline edit of a saved appeal on the ticket page (Alt+E). Only the appeal's own fields are
 * editable; the caller's details are evidence of the call and stay as recorded. Client-side the
 * merged appeal is checked with the same `AppealInput` rules the core applies, so most errors show
 * before a round trip; the core's `changes.<field>` errors (e.g. a street outside the district)
 * land next to the same fields. Only the fields that really changed are sent.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Input, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Division, TaxonomyLeaf, TicketDetail } from '../../../../shared/contract';
import { APPEAL_TYPES, LIMITS, TIME_TIERS, TIME_TIER_LABELS } from '../../../../shared/domain';
import { AppealInput } from '../../../../shared/validation';
import { ApiCallError, call, errorMessage } from '../../api/client';
import { useDivisions, useTaxonomy } from '../../api/hooks';
import { keys } from '../../api/queryClient';
import { useHotkeys } from '../../shortcuts/keys';
import { CategorySelect, DivisionSelect } from '../intake/pickers';
import { pickDistrict, pickStreet } from '../../../../shared/location-picking';

export const EDIT_FIELDS = ['appealType', 'categoryPath', 'timeTier', 'title', 'content', 'districtCode', 'streetCode', 'address'] as const;
export type EditField = (typeof EDIT_FIELDS)[number];
type EditValues = Pick<TicketDetail, EditField>;
type Errors = Partial<Record<EditField, string>>;

export function editFieldId(field: EditField): string {
  return `edit-${field}`;
}

function valuesOf(t: TicketDetail): EditValues {
  return {
    appealType: t.appealType,
    categoryPath: t.categoryPath,
    timeTier: t.timeTier,
    title: t.title,
    content: t.content,
    districtCode: t.districtCode,
    streetCode: t.streetCode,
    address: t.address,
  };
}

/** `changes.title` (core) or `title` (client zod) → the form field. */
function fieldOfPath(path: string): EditField | null {
  const name = path.replace(/^changes\./, '').split('.')[0] ?? '';
  return (EDIT_FIELDS as readonly string[]).includes(name) ? (name as EditField) : null;
}

/**
 * The ticket with `values` applied, checked by the intake rules. Issues on fields the agent cannot
 * edit here (the caller's) are left to the core: the agent could not fix them from this form.
 */
function validate(t: TicketDetail, values: EditValues): Errors {
  const parsed = AppealInput.safeParse({
    channel: t.channel,
    anonymous: t.anonymous,
    callerPhone: t.anonymous ? null : t.callerPhone,
    callerName: t.callerName,
    isEnterprise: t.isEnterprise,
    enterpriseName: t.enterpriseName,
    ...values,
  });
  const errors: Errors = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(String(issue.path[0] ?? ''));
    if (field) errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * Only what the agent changed since opening the form (text compared trimmed, as the core stores
 * it). Compared with the form's starting values, not the live ticket: if the server changes a field
 * meanwhile, an untouched field must not be sent back with its old value.
 */
function changesOf(before: EditValues, values: EditValues): Partial<EditValues> {
  const changes: Partial<EditValues> = {};
  for (const field of EDIT_FIELDS) {
    const a = before[field];
    const b = values[field];
    const same = typeof a === 'string' && typeof b === 'string' ? a.trim() === b.trim() : a === b;
    if (!same) Object.assign(changes, { [field]: b });
  }
  return changes;
}

function FieldError({ field, errors }: { field: EditField; errors: Errors }) {
  const text = errors[field];
  return text ? (
    <div className="field-error" data-field-error={field} role="alert">
      {text}
    </div>
  ) : null;
}

interface Props {
  ticket: TicketDetail;
  keysEnabled: boolean;
  onClose(): void;
}

export function EditForm({ ticket, keysEnabled, onClose }: Props) {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const divisions = useDivisions();
  const taxonomy = useTaxonomy();
  const [initial] = useState<EditValues>(() => valuesOf(ticket));
  const [values, setValues] = useState<EditValues>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noDivisions = useMemo<Division[]>(() => [], []);
  const noLeaves = useMemo<TaxonomyLeaf[]>(() => [], []);

  // The agent starts typing at the first field, as in intake.
  useEffect(() => {
    const timer = setTimeout(() => document.getElementById(editFieldId('appealType'))?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);

  const set = useCallback(<F extends EditField>(field: F, value: EditValues[F]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  }, []);
  // Same coupling as intake: a district keeps only its own street; a street brings its district.
  const onDistrict = useCallback((d: Division | null) => {
    setValues((v) => ({ ...v, ...pickDistrict(v, d) }));
    setErrors((e) => ({ ...e, districtCode: undefined, streetCode: undefined }));
  }, []);
  const onStreet = useCallback((d: Division | null) => {
    setValues((v) => ({ ...v, ...pickStreet(v, d) }));
    setErrors((e) => ({ ...e, districtCode: undefined, streetCode: undefined }));
  }, []);
  const onCategory = useCallback((path: string) => set('categoryPath', path), [set]);

  const focusFirstError = (next: Errors) => {
    const first = EDIT_FIELDS.find((f) => next[f]);
    if (first) setTimeout(() => document.getElementById(editFieldId(first))?.focus(), 0);
  };

  const save = async () => {
    if (busy) return;
    setFailure(null);
    const found = validate(ticket, values);
    if (Object.keys(found).length) {
      setErrors(found);
      focusFirstError(found);
      return;
    }
    const changes = changesOf(initial, values);
    if (Object.keys(changes).length === 0) {
      message.info('没有修改');
      onClose();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const detail = await call('tickets.edit', { id: ticket.id, changes });
      queryClient.setQueryData(keys.ticket(ticket.id), detail);
      void queryClient.invalidateQueries({ queryKey: keys.tickets });
      message.success(detail.syncState === 'synced' ? '修改已保存' : '修改已保存，待同步');
      onClose();
    } catch (error) {
      if (error instanceof ApiCallError && error.code === 'VALIDATION') {
        const next: Errors = {};
        for (const [path, text] of Object.entries(error.fieldErrors)) {
          const field = fieldOfPath(path);
          if (field) next[field] ??= text;
        }
        if (Object.keys(next).length) {
          setErrors(next);
          focusFirstError(next);
          return;
        }
      }
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  // Esc (cancel) is the ticket page's: it owns the one Esc handler of the page.
  useHotkeys({ 'ctrl+enter': () => void save() }, keysEnabled);

  const status = (field: EditField) => (errors[field] ? ('error' as const) : undefined);
  const label = (field: EditField, text: string, required = false) => (
    <label htmlFor={editFieldId(field)}>
      {text}
      {required && <span className="required">*</span>}
    </label>
  );

  return (
    <section className="edit-form" aria-label="编辑诉求" data-testid="edit-form">
      <div className="edit-head">
        <span className="panel-title">编辑诉求</span>
        <span className="muted" data-testid="edit-caller-hint">
          来电人信息（号码、姓名、渠道、企业）按来电登记，不可修改
        </span>
      </div>
      {failure && <Alert type="error" showIcon title={failure} closable onClose={() => setFailure(null)} data-testid="edit-failure" />}

      <div className="edit-row edit-row-3">
        <div className="edit-item">
          {label('appealType', '诉求类型', true)}
          <Select
            id={editFieldId('appealType')}
            classNames={{ popup: { root: `popup-${editFieldId('appealType')}` } }}
            value={values.appealType}
            status={status('appealType')}
            options={APPEAL_TYPES.map((t) => ({ value: t, label: t }))}
            onChange={(v) => set('appealType', v)}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <FieldError field="appealType" errors={errors} />
        </div>
        <div className="edit-item edit-item-wide">
          {label('categoryPath', '诉求分类', true)}
          <CategorySelect id={editFieldId('categoryPath')} leaves={taxonomy.data ?? noLeaves} value={values.categoryPath} status={status('categoryPath')} onChange={onCategory} />
          <FieldError field="categoryPath" errors={errors} />
        </div>
        <div className="edit-item">
          {label('timeTier', '办理时限', true)}
          <Select
            id={editFieldId('timeTier')}
            classNames={{ popup: { root: `popup-${editFieldId('timeTier')}` } }}
            value={values.timeTier}
            status={status('timeTier')}
            options={TIME_TIERS.map((t) => ({ value: t, label: TIME_TIER_LABELS[t] }))}
            onChange={(v) => set('timeTier', v)}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <FieldError field="timeTier" errors={errors} />
        </div>
      </div>

      <div className="edit-item">
        {label('title', '标题', true)}
        <Input
          id={editFieldId('title')}
          value={values.title}
          status={status('title')}
          count={{ show: true, max: LIMITS.titleMax }}
          onChange={(e) => set('title', e.target.value)}
          autoComplete="off"
        />
        <FieldError field="title" errors={errors} />
      </div>
      <div className="edit-item">
        {label('content', '诉求内容', true)}
        <Input.TextArea
          id={editFieldId('content')}
          value={values.content}
          status={status('content')}
          autoSize={{ minRows: 4, maxRows: 9 }}
          count={{ show: true, max: LIMITS.contentMax }}
          onChange={(e) => set('content', e.target.value)}
        />
        <FieldError field="content" errors={errors} />
      </div>

      <div className="edit-row edit-row-3">
        <div className="edit-item">
          {label('districtCode', '区')}
          <DivisionSelect
            id={editFieldId('districtCode')}
            divisions={divisions.data ?? noDivisions}
            level="district"
            districtCode={null}
            value={values.districtCode}
            status={status('districtCode')}
            placeholder="名称/拼音/首字母"
            onChange={onDistrict}
          />
          <FieldError field="districtCode" errors={errors} />
        </div>
        <div className="edit-item">
          {label('streetCode', '街道/乡镇')}
          <DivisionSelect
            id={editFieldId('streetCode')}
            divisions={divisions.data ?? noDivisions}
            level="street"
            districtCode={values.districtCode}
            value={values.streetCode}
            status={status('streetCode')}
            placeholder="如 wj → 望京街道"
            onChange={onStreet}
          />
          <FieldError field="streetCode" errors={errors} />
        </div>
        <div className="edit-item edit-item-wide">
          {label('address', '详细地址')}
          <Input id={editFieldId('address')} value={values.address} status={status('address')} onChange={(e) => set('address', e.target.value)} autoComplete="off" />
          <FieldError field="address" errors={errors} />
        </div>
      </div>

      <div className="edit-actions">
        <Button type="primary" size="small" onClick={() => void save()} loading={busy} data-testid="edit-save">
          保存修改 <kbd>Ctrl+Enter</kbd>
        </Button>
        <Button size="small" onClick={onClose} data-testid="edit-cancel">
          取消 <kbd>Esc</kbd>
        </Button>
        <span className="muted">保存后记入处理记录，联网后同步到服务器</span>
      </div>
    </section>
  );
}
