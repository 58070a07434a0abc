/**
 * The main screen: the intake form, its autosaved draft, the assist panel and the emergency flow.
 * Typing never waits for the network: saves, drafts and suggestions all run beside it.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, Button, Checkbox, Form, Input, Select, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { AssistFeedback, Division, EmergencyAlert, Suggestion, TaxonomyLeaf } from '../../../../shared/contract';
import { APPEAL_TYPES, CHANNELS, CHANNEL_LABELS, LIMITS, TIME_TIERS, TIME_TIER_LABELS, type EmergencyService } from '../../../../shared/domain';
import { AppealInput } from '../../../../shared/validation';
import type { z } from 'zod';
import { ApiCallError, call, errorMessage } from '../../api/client';
import { useDivisions, useTaxonomy } from '../../api/hooks';
import { keys } from '../../api/queryClient';
import { inOpenDropdown, useHotkeys } from '../../shortcuts/keys';
import { emergencyAlertKey, useIntake, isPristine, type AppealForm, type FieldName } from '../../state/intake';
import { useUi } from '../../state/ui';
import { AssistPanel, type AcceptField } from './AssistPanel';
import { ConfirmTransferDialog, DismissDialog, EmergencyBanner, InstructionsDialog, type TransferInstructionsView } from './Emergency';
import { GROUPS, fieldId, fieldOfPath, firstBadField, focusField } from './fields';
import { CategorySelect, DivisionSelect } from './pickers';
import { useAssist } from './useAssist';
import { useDraftAutosave } from './useDraftAutosave';
import { pickDistrict, pickStreet } from '../../../../shared/location-picking';

type Flow =
  | { step: 'idle' }
  | { step: 'confirm'; service: EmergencyService; alert: EmergencyAlert | null; busy: boolean; error: string | null }
  | { step: 'dismiss'; alert: EmergencyAlert; busy: boolean; error: string | null }
  | { step: 'instructions'; instructions: TransferInstructionsView };

function payloadOf(form: AppealForm): AppealForm {
  return { ...form, callerPhone: form.anonymous ? null : form.callerPhone };
}

function clientErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const name = fieldOfPath(issue.path.map(String).join('.'));
    if (name && !errors[name]) errors[name] = issue.message;
  }
  return errors;
}


export function IntakeScreen({ ready }: { ready: boolean }) {
  const { message, modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const go = useUi((s) => s.go);
  const form = useIntake((s) => s.form);
  const fieldErrors = useIntake((s) => s.fieldErrors);
  const restoredAt = useIntake((s) => s.restoredAt);
  const dismissedAlerts = useIntake((s) => s.dismissedAlerts);
  const { setField, patch } = useIntake.getState();
  const divisions = useDivisions();
  const taxonomy = useTaxonomy();
  const autosave = useDraftAutosave(ready);
  const assist = useAssist(form);
  const [saving, setSaving] = useState(false);
  const [lastTicket, setLastTicket] = useState<{ id: string; number: string } | null>(null);
  const [flow, setFlow] = useState<Flow>({ step: 'idle' });
  const helpOpen = useUi((s) => s.helpOpen);

  const alert = assist.result?.emergency ?? null;
  const visibleAlert = alert && !dismissedAlerts.has(emergencyAlertKey(alert)) ? alert : null;

  // Content and title limits show live, before any save attempt.
  const liveErrors: Partial<Record<string, string>> = { ...fieldErrors };
  if (form.content.trim().length > LIMITS.contentMax) liveErrors.content ??= `诉求内容不能超过${LIMITS.contentMax}个字`;
  if (form.title.trim().length > LIMITS.titleMax) liveErrors.title ??= `标题不能超过${LIMITS.titleMax}个字`;

  useEffect(() => {
    if (ready) focusField('callerPhone');
  }, [ready]);

  const feedback = useCallback((input: z.input<typeof AssistFeedback>) => {
    // Training feedback must never get in the agent's way: failures are ignored.
    call('assist.feedback', input).catch(() => undefined);
  }, []);

  /** Checks one field against the shared rules when the agent leaves it (only if something was typed). */
  const checkField = useCallback((name: FieldName) => {
    const { form: current, fieldErrors: errors } = useIntake.getState();
    if (!current[name]) return;
    const parsed = AppealInput.safeParse(payloadOf(current));
    const message = parsed.success ? undefined : clientErrors(parsed.error)[name];
    if (message) useIntake.getState().setErrors({ ...errors, [name]: message });
  }, []);

  const startNewForm = useCallback(() => {
    useIntake.getState().reset();
    autosave.resetStatus();
    setTimeout(() => focusField('callerPhone'), 0);
  }, [autosave]);

  const recordOverrides = useCallback(
    (saved: AppealForm) => {
      const result = assist.result;
      if (!result) return;
      const { draftId, accepted } = useIntake.getState();
      const compare = (field: 'appealType' | 'category' | 'district' | 'street' | 'timeTier', s: Suggestion | null | undefined, chosen: string | null) => {
        if (!s || accepted.has(field)) return;
        feedback({ draftId, field, suggested: s.value, chosen, accepted: s.value === chosen });
      };
      compare('appealType', result.appealType[0], saved.appealType);
      compare('category', result.category[0], saved.categoryPath || null);
      compare('district', result.district, saved.districtCode);
      compare('street', result.street, saved.streetCode);
      compare('timeTier', result.timeTier, saved.timeTier);
    },
    [assist.result, feedback],
  );

  const save = useCallback(async () => {
    if (saving) return;
    const { form: current, draftId } = useIntake.getState();
    const payload = payloadOf(current);
    const parsed = AppealInput.safeParse(payload);
    if (!parsed.success) {
      const errors = clientErrors(parsed.error);
      useIntake.getState().setErrors(errors);
      const first = firstBadField(errors);
      if (first) focusField(first);
      message.error('有字段需要修改，已定位到第一个');
      return;
    }
    setSaving(true);
    try {
      const ticket = await call('tickets.create', { appeal: payload, draftId });
      recordOverrides(current);
      setLastTicket({ id: ticket.id, number: ticket.number });
      message.success(`已保存，工单号 ${ticket.number}`);
      void queryClient.invalidateQueries({ queryKey: keys.tickets });
      startNewForm();
    } catch (error) {
      if (error instanceof ApiCallError && error.code === 'VALIDATION') {
        const errors: Record<string, string> = {};
        for (const [path, text] of Object.entries(error.fieldErrors)) {
          const name = fieldOfPath(path);
          if (name && !errors[name]) errors[name] = text;
        }
        useIntake.getState().setErrors(errors);
        const first = firstBadField(errors);
        if (first) focusField(first);
      }
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }, [saving, message, queryClient, recordOverrides, startNewForm]);

  const [confirmingNew, setConfirmingNew] = useState(false);
  const newAppeal = useCallback(() => {
    if (isPristine(useIntake.getState().form)) return startNewForm();
    let discarded = false;
    setConfirmingNew(true);
    modal.confirm({
      title: '开始新诉求？',
      content: '当前诉求还没有保存为工单。确定后将放弃这份草稿（未保存的内容不再恢复）。',
      okText: '放弃草稿，开始新诉求',
      cancelText: '继续填写',
      autoFocusButton: 'cancel',
      onOk: async () => {
        const { draftId } = useIntake.getState();
        await call('drafts.discard', { id: draftId }).catch(() => undefined);
        discarded = true;
        startNewForm();
      },
      // The dialog hands focus back to where it was when it closes; a new form starts at the phone.
      afterClose: () => {
        setConfirmingNew(false);
        if (discarded) focusField('callerPhone');
      },
    });
  }, [modal, startNewForm]);

  const accept = useCallback(
    (field: AcceptField, suggestion?: Suggestion) => {
      const result = assist.result;
      if (!result) return;
      const { draftId, form: current } = useIntake.getState();
      const mark = (f: string) => useIntake.getState().markAccepted(f);
      if (field === 'appealType') {
        const s = suggestion ?? result.appealType[0];
        if (!s || !(APPEAL_TYPES as readonly string[]).includes(s.value)) return;
        patch({ appealType: s.value as AppealForm['appealType'] });
        feedback({ draftId, field: 'appealType', suggested: result.appealType[0]?.value ?? null, chosen: s.value, accepted: true });
        mark('appealType');
      } else if (field === 'category') {
        const s = suggestion ?? result.category[0];
        if (!s) return;
        patch({ categoryPath: s.value });
        feedback({ draftId, field: 'category', suggested: result.category[0]?.value ?? null, chosen: s.value, accepted: true });
        mark('category');
      } else if (field === 'timeTier') {
        const s = suggestion ?? result.timeTier;
        if (!(TIME_TIERS as readonly string[]).includes(s.value)) return;
        patch({ timeTier: s.value as AppealForm['timeTier'] });
        feedback({ draftId, field: 'timeTier', suggested: result.timeTier.value, chosen: s.value, accepted: true });
        mark('timeTier');
      } else {
        if (!result.district && !result.street) return;
        const street = result.street ? divisions.data?.find((d) => d.code === result.street!.value) : undefined;
        const districtCode = street?.districtCode ?? result.district?.value ?? current.districtCode;
        patch({ districtCode, streetCode: street?.code ?? (districtCode === current.districtCode ? current.streetCode : null) });
        if (result.district) {
          feedback({ draftId, field: 'district', suggested: result.district.value, chosen: districtCode, accepted: true });
          mark('district');
        }
        if (result.street) {
          feedback({ draftId, field: 'street', suggested: result.street.value, chosen: street?.code ?? null, accepted: true });
          mark('street');
        }
      }
    },
    [assist.result, divisions.data, feedback, patch],
  );

  const openTransfer = useCallback(
    (service: EmergencyService) => setFlow({ step: 'confirm', service, alert: visibleAlert ?? alert, busy: false, error: null }),
    [visibleAlert, alert],
  );

  const confirmTransfer = useCallback(async () => {
    if (flow.step !== 'confirm' || flow.busy) return;
    const { service } = flow;
    const detected = flow.alert && flow.alert.service === service ? flow.alert : null;
    const { draftId, form: current } = useIntake.getState();
    setFlow({ ...flow, busy: true, error: null });
    try {
      const instructions = await call('emergency.record', {
        draftId,
        ticketId: null,
        action: 'transfer',
        service,
        kind: (detected?.kind ?? '人工转接').slice(0, 40),
        trigger: (detected?.trigger ?? '').slice(0, 200),
        reason: detected ? `系统识别：${detected.kind}` : '坐席人工转接',
        textSnapshot: `${current.title}\n${current.content}`.trim().slice(0, 10_000),
        appeal: payloadOf(current),
        manual: !detected,
      });
      if (detected) feedback({ draftId, field: 'emergency', suggested: detected.service, chosen: service, accepted: true });
      void queryClient.invalidateQueries({ queryKey: keys.tickets });
      if (instructions) {
        setFlow({ step: 'instructions', instructions });
      } else {
        setFlow({ step: 'idle' });
        message.success('已记录转接');
      }
    } catch (error) {
      setFlow({ ...flow, busy: false, error: errorMessage(error) });
    }
  }, [flow, feedback, queryClient, message]);

  const submitDismiss = useCallback(
    async (reason: string) => {
      if (flow.step !== 'dismiss') return;
      const { alert: dismissed } = flow;
      const { draftId, form: current } = useIntake.getState();
      setFlow({ ...flow, busy: true, error: null });
      try {
        await call('emergency.record', {
          draftId,
          ticketId: null,
          action: 'dismiss',
          service: dismissed.service,
          kind: dismissed.kind.slice(0, 40),
          trigger: dismissed.trigger.slice(0, 200),
          reason,
          textSnapshot: `${current.title}\n${current.content}`.trim().slice(0, 10_000),
          appeal: payloadOf(current),
          manual: false,
        });
        feedback({ draftId, field: 'emergency', suggested: dismissed.service, chosen: null, accepted: false });
        useIntake.getState().dismissAlert(emergencyAlertKey(dismissed));
        setFlow({ step: 'idle' });
        message.info('已记录不转接的原因');
      } catch (error) {
        setFlow({ ...flow, busy: false, error: errorMessage(error) });
      }
    },
    [flow, feedback, message],
  );

  const finishTransfer = useCallback(
    (openTicket: boolean) => {
      if (flow.step !== 'instructions') return;
      const { ticketId } = flow.instructions;
      setFlow({ step: 'idle' });
      startNewForm();
      if (openTicket) go({ name: 'ticket', id: ticketId });
    },
    [flow, startNewForm, go],
  );

  // Stable handlers let the heavy pickers and the assist panel skip re-rendering on every keystroke.
  const onDistrict = useCallback((d: Division | null) => {
    useIntake.getState().patch(pickDistrict(useIntake.getState().form, d));
  }, []);
  const onStreet = useCallback((d: Division | null) => {
    useIntake.getState().patch(pickStreet(useIntake.getState().form, d));
  }, []);
  const onCategory = useCallback((path: string) => useIntake.getState().setField('categoryPath', path), []);
  const noDivisions = useMemo<Division[]>(() => [], []);
  const noLeaves = useMemo<TaxonomyLeaf[]>(() => [], []);

  const jumpGroup = (delta: 1 | -1) => {
    const current = (document.activeElement as HTMLElement | null)?.closest('[data-group]')?.getAttribute('data-group');
    const index = current ? Number(current) - 1 : -1;
    const next = GROUPS[(index + delta + GROUPS.length) % GROUPS.length]!;
    focusField(next.first);
  };

  const idle = flow.step === 'idle';
  useHotkeys(
    {
      'ctrl+enter': () => void save(),
      'alt+n': newAppeal,
      'ctrl+n': newAppeal,
      'alt+1': () => focusField(GROUPS[0].first),
      'alt+2': () => focusField(GROUPS[1].first),
      'alt+3': () => focusField(GROUPS[2].first),
      'alt+4': () => focusField(GROUPS[3].first),
      f6: () => jumpGroup(1),
      'shift+f6': () => jumpGroup(-1),
      'alt+t': () => accept('appealType'),
      'alt+c': () => accept('category'),
      'alt+d': () => accept('location'),
      'alt+u': () => accept('timeTier'),
      f10: () => openTransfer('110'),
      f11: () => openTransfer('119'),
      f12: () => openTransfer('120'),
      escape: (e) => {
        if (!visibleAlert || inOpenDropdown(e) || document.querySelector('.ant-modal-wrap')?.checkVisibility?.()) return false;
        setFlow({ step: 'dismiss', alert: visibleAlert, busy: false, error: null });
      },
    },
    ready && idle && !helpOpen && !confirmingNew,
  );
  // Enter confirms wherever focus sits in the dialog, except on a button, which does its own thing.
  const onButton = (e: KeyboardEvent) => (e.target as HTMLElement | null)?.tagName === 'BUTTON';
  useHotkeys({ enter: (e) => (onButton(e) ? false : void confirmTransfer()) }, flow.step === 'confirm');
  useHotkeys({ enter: (e) => (onButton(e) ? false : finishTransfer(false)) }, flow.step === 'instructions');

  const err = (name: FieldName) => liveErrors[name];
  const status = (name: FieldName) => (err(name) ? ('error' as const) : undefined);
  const item = (name: FieldName, label: string, node: ReactNode, extra?: ReactNode) => (
    <Form.Item
      label={label}
      htmlFor={fieldId(name)}
      validateStatus={status(name)}
      help={err(name) ? <span data-field-error={name}>{err(name)}</span> : undefined}
      extra={extra}
      className={`field field-${name}`}
    >
      {node}
    </Form.Item>
  );

  const loadingRefs = divisions.isLoading || taxonomy.isLoading;
  const draftNote =
    autosave.status.state === 'saving'
      ? '草稿保存中…'
      : autosave.status.state === 'saved'
        ? `草稿已自动保存 ${autosave.status.at.toLocaleTimeString('zh-CN', { hour12: false })}`
        : autosave.status.state === 'error'
          ? `草稿保存失败：${autosave.status.message}`
          : '输入即自动保存草稿';

  return (
    <div className="intake">
      {visibleAlert && <EmergencyBanner alert={visibleAlert} />}
      <div className="intake-body">
        <Form layout="vertical" component="div" className="intake-form" requiredMark={false}>
          <section className="group" data-group="1">
            <h3>
              <kbd>Alt+1</kbd> 来电人
            </h3>
            <div className="row">
              {item(
                'callerPhone',
                '来电号码',
                <Input
                  id={fieldId('callerPhone')}
                  value={form.anonymous ? '' : (form.callerPhone ?? '')}
                  disabled={form.anonymous}
                  placeholder={form.anonymous ? '匿名来电' : '手机或座机，如 13812345678'}
                  status={status('callerPhone')}
                  onChange={(e) => setField('callerPhone', e.target.value)}
                  onBlur={() => checkField('callerPhone')}
                  autoComplete="off"
                  inputMode="tel"
                />,
              )}
              <Form.Item label=" " className="field field-anonymous">
                <Checkbox
                  id={fieldId('anonymous')}
                  checked={form.anonymous}
                  onChange={(e) => patch({ anonymous: e.target.checked, callerPhone: e.target.checked ? null : '' })}
                >
                  匿名
                </Checkbox>
              </Form.Item>
              {item(
                'callerName',
                '来电人姓名',
                <Input id={fieldId('callerName')} value={form.callerName} status={status('callerName')} onChange={(e) => setField('callerName', e.target.value)} autoComplete="off" />,
              )}
              <Form.Item label=" " className="field field-isEnterprise">
                <Checkbox id={fieldId('isEnterprise')} checked={form.isEnterprise} onChange={(e) => patch({ isEnterprise: e.target.checked, enterpriseName: e.target.checked ? form.enterpriseName : '' })}>
                  企业诉求
                </Checkbox>
              </Form.Item>
              {item(
                'enterpriseName',
                '企业名称',
                <Input
                  id={fieldId('enterpriseName')}
                  value={form.enterpriseName}
                  disabled={!form.isEnterprise}
                  status={status('enterpriseName')}
                  onChange={(e) => setField('enterpriseName', e.target.value)}
                  autoComplete="off"
                />,
              )}
              {item(
                'channel',
                '渠道',
                <Select
                  id={fieldId('channel')}
                  classNames={{ popup: { root: 'popup-intake-channel' } }}
                  value={form.channel}
                  options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
                  onChange={(v) => setField('channel', v)}
                  showSearch={{ optionFilterProp: 'label' }}
                />,
              )}
            </div>
          </section>

          <section className="group" data-group="2">
            <h3>
              <kbd>Alt+2</kbd> 地点
            </h3>
            <div className="row">
              {item(
                'districtCode',
                '区',
                <DivisionSelect
                  id={fieldId('districtCode')}
                  divisions={divisions.data ?? noDivisions}
                  level="district"
                  districtCode={null}
                  value={form.districtCode}
                  status={status('districtCode')}
                  placeholder="名称/拼音/首字母"
                  onChange={onDistrict}
                />,
              )}
              {item(
                'streetCode',
                '街道/乡镇',
                <DivisionSelect
                  id={fieldId('streetCode')}
                  divisions={divisions.data ?? noDivisions}
                  level="street"
                  districtCode={form.districtCode}
                  value={form.streetCode}
                  status={status('streetCode')}
                  placeholder="如 wj → 望京街道"
                  onChange={onStreet}
                />,
              )}
              {item(
                'address',
                '详细地址',
                <Input id={fieldId('address')} value={form.address} status={status('address')} onChange={(e) => setField('address', e.target.value)} autoComplete="off" />,
              )}
            </div>
          </section>

          <section className="group" data-group="3">
            <h3>
              <kbd>Alt+3</kbd> 分类
            </h3>
            <div className="row">
              {item(
                'appealType',
                '诉求类型',
                <Select
                  id={fieldId('appealType')}
                  classNames={{ popup: { root: 'popup-intake-appealType' } }}
                  value={form.appealType}
                  status={status('appealType')}
                  options={APPEAL_TYPES.map((t) => ({ value: t, label: t }))}
                  onChange={(v) => setField('appealType', v)}
                  showSearch={{ optionFilterProp: 'label' }}
                />,
              )}
              {item(
                'categoryPath',
                '诉求分类',
                <CategorySelect id={fieldId('categoryPath')} leaves={taxonomy.data ?? noLeaves} value={form.categoryPath} status={status('categoryPath')} onChange={onCategory} />,
              )}
              {item(
                'timeTier',
                '办理时限',
                <Select
                  id={fieldId('timeTier')}
                  classNames={{ popup: { root: 'popup-intake-timeTier' } }}
                  value={form.timeTier}
                  status={status('timeTier')}
                  options={TIME_TIERS.map((t) => ({ value: t, label: TIME_TIER_LABELS[t] }))}
                  onChange={(v) => setField('timeTier', v)}
                  showSearch={{ optionFilterProp: 'label' }}
                />,
              )}
            </div>
          </section>

          <section className="group" data-group="4">
            <h3>
              <kbd>Alt+4</kbd> 内容
            </h3>
            {item(
              'title',
              '标题',
              <Input
                id={fieldId('title')}
                value={form.title}
                status={status('title')}
                count={{ show: true, max: LIMITS.titleMax }}
                onChange={(e) => setField('title', e.target.value)}
                autoComplete="off"
              />,
            )}
            {item(
              'content',
              '诉求内容',
              <Input.TextArea
                id={fieldId('content')}
                value={form.content}
                status={status('content')}
                count={{ show: true, max: LIMITS.contentMax }}
                autoSize={{ minRows: 7, maxRows: 11 }}
                onChange={(e) => setField('content', e.target.value)}
              />,
            )}
          </section>

          <div className="intake-actions">
            <Button type="primary" loading={saving} onClick={() => void save()} disabled={!ready || loadingRefs} data-testid="save-appeal">
              保存工单 <kbd>Ctrl+Enter</kbd>
            </Button>
            <Button onClick={newAppeal}>
              新诉求 <kbd>Alt+N</kbd>
            </Button>
            <span className="draft-note" data-testid="draft-status">
              {restoredAt && (
                <Tag color="blue" data-testid="draft-restored">
                  已恢复草稿
                </Tag>
              )}
              {draftNote}
            </span>
            {lastTicket && (
              <span className="last-ticket" data-testid="last-ticket">
                上一张工单：
                <Button type="link" size="small" onClick={() => go({ name: 'ticket', id: lastTicket.id })}>
                  {lastTicket.number}
                </Button>
              </span>
            )}
          </div>
        </Form>
        <AssistPanel
          result={assist.result}
          failed={assist.failed}
          loading={assist.loading}
          appealType={form.appealType}
          categoryPath={form.categoryPath}
          districtCode={form.districtCode}
          streetCode={form.streetCode}
          timeTier={form.timeTier}
          onAccept={accept}
        />
      </div>

      {flow.step === 'confirm' && (
        <ConfirmTransferDialog
          service={flow.service}
          alert={flow.alert}
          busy={flow.busy}
          error={flow.error}
          onConfirm={() => void confirmTransfer()}
          onCancel={() => setFlow({ step: 'idle' })}
        />
      )}
      {flow.step === 'dismiss' && (
        <DismissDialog busy={flow.busy} error={flow.error} onSubmit={(r) => void submitDismiss(r)} onCancel={() => setFlow({ step: 'idle' })} />
      )}
      {flow.step === 'instructions' && (
        <InstructionsDialog instructions={flow.instructions} onOpenTicket={() => finishTransfer(true)} onClose={() => finishTransfer(false)} />
      )}
    </div>
  );
}

