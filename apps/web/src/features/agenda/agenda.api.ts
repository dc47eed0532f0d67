// The practitioner's consultations for the agenda. The API lists them as upcoming (soonest first)
// and past (latest first), without a date range: the agenda reads every upcoming page (the 60-day
// booking horizon keeps that bounded) and the most recent past ones.
import type { Consultation, ConsultationPage } from '@huntzen/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';
import { CONSULTATIONS_KEY } from '../consultations/consultations.api';

const PAGE = 100;
/** Upcoming pages read at most (beyond the horizon nothing can be booked anyway). */
const MAX_UPCOMING_PAGES = 10;
/** The past shown: the latest 200 consultations (about two months of a full agenda). */
const PAST_PAGES = 2;

async function pages(when: 'upcoming' | 'past', max: number, signal: AbortSignal): Promise<Consultation[]> {
  const items: Consultation[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < max; i++) {
    const query = new URLSearchParams({ when, limit: String(PAGE) });
    if (cursor) query.set('cursor', cursor);
    const page: ConsultationPage = await apiRequest<ConsultationPage>(`/consultations?${query}`, { signal });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** The consultations shown in the agenda. */
export function useAgendaConsultations() {
  return useQuery({
    queryKey: [...CONSULTATIONS_KEY, 'agenda'],
    queryFn: async ({ signal }) => {
      const [upcoming, past] = await Promise.all([
        pages('upcoming', MAX_UPCOMING_PAGES, signal),
        pages('past', PAST_PAGES, signal),
      ]);
      return [...past, ...upcoming];
    },
    // New bookings arrive while the agenda is open (they are also notified in real time).
    refetchInterval: 60_000,
  });
}
