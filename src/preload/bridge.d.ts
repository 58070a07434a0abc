import type { ApiResult } from '../shared/contract';

/** What the preload exposes as `window.hotline` in Electron; absent in web mode. */
export interface HotlineBridge {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    hotline?: HotlineBridge;
  }
}
