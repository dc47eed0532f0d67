// The practitioner's consultations for the agenda: those of the dates the calendar shows, past and
// upcoming alike (`when=all&from=&to=`), every page of that range.
import type { Consultation, ConsultationPage } from '@huntzen/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';
import { CONSULTATIONS_KEY } from '../consultations/consultations.api';

const PAGE = 100;

/** The instants the calendar shows, [from, to). */
export interface AgendaRange {
  from: string;
  to: string;
}

async function inRange(range: AgendaRange, signal: AbortSignal): Promise<Consultation[]> {
  const items: Consultation[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ when: 'all', from: range.from, to: range.to, limit: String(PAGE) });
    if (cursor) query.set('cursor', cursor);
    const page: ConsultationPage = await apiRequest<ConsultationPage>(`/consultations?${query}`, { signal });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The consultations of the calendar's dates (none asked until the calendar says which). */
export function useAgendaConsultations(range: AgendaRange | null) {
  return useQuery({
    queryKey: [...CONSULTATIONS_KEY, 'agenda', range?.from, range?.to],
    queryFn: ({ signal }) => inRange(range!, signal),
    enabled: range !== null,
    // The previous week stays on screen while the next one loads.
    placeholderData: keepPreviousData,
    // New bookings arrive while the agenda is open (they are also notified in real time).
    refetchInterval: 60_000,
  });
}
