/**
 * Classification assist as the agent types: the request waits 300 ms after the last keystroke and
 * runs beside typing (react-query, previous result kept on screen), so it never blocks input.
 */
import { useQuery } from '@tanstack/react-query';
import type { AssistInput } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useDebounced } from '../../components/useDebounced';
import type { AppealForm } from '../../state/intake';

export const ASSIST_DELAY_MS = 300;

export function assistInputOf(form: AppealForm): AssistInput {
  return {
    title: form.title.slice(0, 200),
    content: form.content.slice(0, 10_000),
    districtCode: form.districtCode,
    streetCode: form.streetCode,
    address: form.address.slice(0, 200),
    isEnterprise: form.isEnterprise,
  };
}

export function useAssist(form: AppealForm) {
  // Debounce the serialized input: a new object each render must not restart the wait.
  const key = useDebounced(JSON.stringify(assistInputOf(form)), ASSIST_DELAY_MS);
  const input = JSON.parse(key) as AssistInput;
  const hasText = (input.title + input.content).trim().length >= 2;
  const query = useQuery({
    queryKey: ['assist', key],
    queryFn: () => call('assist.suggest', input),
    enabled: hasText,
    placeholderData: (previous) => previous,
    staleTime: Infinity,
    gcTime: 30_000,
  });
  // With no text there is nothing to suggest, whatever the last answer was (e.g. after a reset).
  const currentText = (form.title + form.content).trim().length >= 2;
  return {
    result: hasText && currentText ? query.data : undefined,
    failed: hasText && query.isError,
    loading: hasText && query.isFetching,
  };
}
