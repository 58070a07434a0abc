/** UI state that is not server state: which screen, overlays, the storage failure. */
import { create } from 'zustand';

export type Screen = { name: 'intake' } | { name: 'tickets' } | { name: 'ticket'; id: string };

interface UiState {
  screen: Screen;
  helpOpen: boolean;
  storageError: string | null;
  go(screen: Screen): void;
  setHelpOpen(open: boolean): void;
  setStorageError(message: string): void;
}

export const useUi = create<UiState>((set) => ({
  screen: { name: 'intake' },
  helpOpen: false,
  storageError: null,
  go: (screen) => set({ screen }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setStorageError: (storageError) => set({ storageError }),
}));
