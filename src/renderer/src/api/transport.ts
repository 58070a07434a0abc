/**
 * The renderer's two transports over the one contract (src/shared/contract.ts): Electron IPC
 * through the preload's `window.hotline`, or web mode (HTTP + socket.io on 127.0.0.1 with the
 * per-start session token). Both return the same `ApiResult` shape, so screens never know which.
 */
import type { ApiResult } from '../../../shared/contract';
import { createWebTransport } from './web';

export interface Transport {
  mode: 'electron' | 'web';
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

function electronTransport(): Transport | null {
  const bridge = window.hotline;
  if (!bridge) return null;
  return {
    mode: 'electron',
    invoke: (method, input) => bridge.invoke(method, input),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

let current: Transport | undefined;

export function transport(): Transport {
  current ??= electronTransport() ?? createWebTransport();
  return current;
}
