import { QueryClient } from '@tanstack/react-query';

/** Server state lives here (tickets, session, sync status); UI state lives in the zustand store. */
export const queryClient = new QueryClient({
  defaultOptions: {
    // Local core on loopback: failures are real errors, not flaky networks; retrying hides them.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
    mutations: { retry: false },
  },
});

export const keys = {
  session: ['session'] as const,
  divisions: ['divisions'] as const,
  taxonomy: ['taxonomy'] as const,
  tickets: ['tickets'] as const,
  ticket: (id: string) => ['ticket', id] as const,
  sync: ['sync'] as const,
  appInfo: ['appInfo'] as const,
};
