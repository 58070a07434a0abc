/**
 * The intake form's state lives outside React components so switching to "My tickets" and back
 * keeps what was typed. Every form has a stable draft id (UUIDv7); autosave writes under it.
 */
import { create } from 'zustand';
import { v7 as uuidv7 } from 'uuid';
import { emptyAppeal, type AppealInput } from '../../../shared/validation';
import type { EmergencyAlert } from '../../../shared/contract';

export type AppealForm = AppealInput;
export type FieldName = keyof AppealForm;

const FIELD_NAMES = Object.keys(emptyAppeal()) as FieldName[];

/**
 * What a dismissal (Esc) silences for the rest of the call. A rule alarm quotes a fixed phrase, so it is
 * keyed by service and phrase: a new phrase (现在又着火了) alarms again. A model alarm (kind 疑似…) quotes
 * the clause it scored highest, which grows with every keystroke, so it is keyed by service and kind:
 * otherwise a dismissed banner would come back on the next character typed.
 */
export function emergencyAlertKey(alert: EmergencyAlert): string {
  return alert.kind.startsWith('疑似') ? `${alert.service}|${alert.kind}` : `${alert.service}|${alert.trigger}`;
}

/** A stored draft is untrusted partial data: keep only known fields of the right primitive type. */
export function formFromDraft(stored: Record<string, unknown>): AppealForm {
  const form = emptyAppeal() as Record<string, unknown>;
  for (const name of FIELD_NAMES) {
    const value = stored[name];
    const initial = form[name];
    if (value === undefined) continue;
    if (value === null && (name === 'districtCode' || name === 'streetCode' || name === 'callerPhone')) form[name] = null;
    else if (typeof value === typeof initial || (initial === null && typeof value === 'string')) form[name] = value;
  }
  return form as AppealForm;
}

export function isPristine(form: AppealForm): boolean {
  const empty = emptyAppeal();
  return FIELD_NAMES.every((name) => form[name] === empty[name] || (name === 'callerPhone' && !form.callerPhone));
}

interface IntakeState {
  draftId: string;
  form: AppealForm;
  /** Bumped on every edit by the agent; autosave watches it (restoring a draft does not bump it). */
  revision: number;
  fieldErrors: Partial<Record<string, string>>;
  restoredAt: string | null;
  /** Fields whose suggestion the agent accepted with a key (feedback already recorded). */
  accepted: Set<string>;
  /** Emergency alerts the agent dismissed for this form ("service|trigger"), so they stay away. */
  dismissedAlerts: Set<string>;
  setField<K extends FieldName>(name: K, value: AppealForm[K]): void;
  patch(values: Partial<AppealForm>): void;
  setErrors(errors: Partial<Record<string, string>>): void;
  restore(draftId: string, form: AppealForm): void;
  markAccepted(field: string): void;
  dismissAlert(key: string): void;
  reset(): void;
}

export const useIntake = create<IntakeState>((set) => ({
  draftId: uuidv7(),
  form: emptyAppeal(),
  revision: 0,
  fieldErrors: {},
  restoredAt: null,
  accepted: new Set(),
  dismissedAlerts: new Set(),
  setField: (name, value) =>
    set((s) => {
      const fieldErrors = { ...s.fieldErrors };
      delete fieldErrors[name];
      return { form: { ...s.form, [name]: value }, revision: s.revision + 1, fieldErrors };
    }),
  patch: (values) =>
    set((s) => {
      const fieldErrors = { ...s.fieldErrors };
      for (const key of Object.keys(values)) delete fieldErrors[key];
      return { form: { ...s.form, ...values }, revision: s.revision + 1, fieldErrors };
    }),
  setErrors: (fieldErrors) => set({ fieldErrors }),
  restore: (draftId, form) => set({ draftId, form, restoredAt: new Date().toISOString(), fieldErrors: {} }),
  markAccepted: (field) => set((s) => ({ accepted: new Set(s.accepted).add(field) })),
  dismissAlert: (key) => set((s) => ({ dismissedAlerts: new Set(s.dismissedAlerts).add(key) })),
  reset: () =>
    set({
      draftId: uuidv7(),
      form: emptyAppeal(),
      revision: 0,
      fieldErrors: {},
      restoredAt: null,
      accepted: new Set(),
      dismissedAlerts: new Set(),
    }),
}));
