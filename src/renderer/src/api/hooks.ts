/** react-query hooks over the contract, and the event wiring that keeps them fresh. */
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { TicketListQuery } from '../../../shared/contract';
import { call, onEvent } from './client';
import { keys, queryClient } from './queryClient';

export function useSession() {
  return useQuery({ queryKey: keys.session, queryFn: () => call('session.current', {}), staleTime: Infinity });
}

export function useDivisions() {
  return useQuery({ queryKey: keys.divisions, queryFn: () => call('divisions.list', {}), staleTime: Infinity });
}

export function useTaxonomy() {
  return useQuery({ queryKey: keys.taxonomy, queryFn: () => call('taxonomy.list', {}), staleTime: Infinity });
}

export function useTickets(query: TicketListQuery) {
  return useQuery({
    queryKey: [...keys.tickets, query],
    queryFn: () => call('tickets.list', query),
    placeholderData: (previous) => previous,
  });
}

export function useTicket(id: string) {
  return useQuery({ queryKey: keys.ticket(id), queryFn: () => call('tickets.get', { id }) });
}

export function useSyncStatus() {
  return useQuery({ queryKey: keys.sync, queryFn: () => call('sync.status', {}), refetchInterval: 15_000 });
}

/** Pushed events refresh what they concern: ticket lists and pages, the connection indicator. */
export function useCoreEvents(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const offTickets = onEvent('tickets.changed', ({ ids }) => {
      void queryClient.invalidateQueries({ queryKey: keys.tickets });
      for (const id of ids) void queryClient.invalidateQueries({ queryKey: keys.ticket(id) });
    });
    const offSync = onEvent('sync.status', (status) => queryClient.setQueryData(keys.sync, status));
    return () => {
      offTickets();
      offSync();
    };
  }, [enabled]);
}
