/**
 * The only bridge between the sandboxed renderer and the main process: two functions over the
 * channels named in the shared contract. Validation happens in main, at the boundary.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../shared/contract';
import type { HotlineBridge } from './bridge';

const bridge: HotlineBridge = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE, method, input),
  onEvent: (listener) => {
    const handler = (_event: unknown, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
};

contextBridge.exposeInMainWorld('hotline', bridge);
