/**
 * Typed calls over the contract. `call` throws an `ApiCallError` so react-query sees failures;
 * a STORAGE error anywhere switches the whole app to the storage error screen.
 */
import type { ApiError, ApiInput, ApiMethod, ApiOutput, EventName, EventPayload } from '../../../shared/contract';
import { useUi } from '../state/ui';
import { keys, queryClient } from './queryClient';
import { transport } from './transport';

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
  get code() {
    return this.error.code;
  }
  get fieldErrors(): Record<string, string> {
    return this.error.fieldErrors ?? {};
  }
}

export async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await transport().invoke(method, input);
  if (result.ok) return result.value as ApiOutput<M>;
  if (result.error.code === 'STORAGE') useUi.getState().setStorageError(result.error.message);
  if (result.error.code === 'NOT_SIGNED_IN') queryClient.setQueryData(keys.session, null);
  throw new ApiCallError(result.error);
}

export function onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  return transport().onEvent((eventName, payload) => {
    if (eventName === name) listener(payload as EventPayload<E>);
  });
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  return '操作失败，请重试';
}
