/**
 * Drafts never die: every edit is written through `drafts.save` at most 400 ms after the agent
 * stops typing (the issue allows ≤ 1 s), under the form's stable draft id. The core writes it in
 * one SQLite transaction, so a kill -9 loses at most the last 400 ms of typing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { useIntake } from '../../state/intake';

export const AUTOSAVE_DELAY_MS = 400;

export type AutosaveState = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; at: Date } | { state: 'error'; message: string };

export function useDraftAutosave(enabled: boolean) {
  const revision = useIntake((s) => s.revision);
  const [status, setStatus] = useState<AutosaveState>({ state: 'idle' });
  const savedRevision = useRef(0);
  const savedDraftId = useRef<string | null>(null);

  const save = useCallback(async () => {
    const { draftId, form, revision: current } = useIntake.getState();
    if (current === 0 || (current === savedRevision.current && draftId === savedDraftId.current)) return;
    setStatus({ state: 'saving' });
    try {
      await call('drafts.save', { id: draftId, appeal: form });
      savedRevision.current = current;
      savedDraftId.current = draftId;
      setStatus({ state: 'saved', at: new Date() });
    } catch (error) {
      setStatus({ state: 'error', message: error instanceof Error ? error.message : '草稿保存失败' });
    }
  }, []);

  useEffect(() => {
    if (!enabled || revision === 0) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [enabled, revision, save]);

  // Closing the window or reloading inside the debounce window still saves the last keystrokes.
  useEffect(() => {
    if (!enabled) return;
    const onHide = () => void save();
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [enabled, save]);

  /** A new form starts clean: nothing to save until the agent types. */
  const resetStatus = useCallback(() => {
    savedRevision.current = 0;
    savedDraftId.current = null;
    setStatus({ state: 'idle' });
  }, []);

  return { status, flush: save, resetStatus };
}
