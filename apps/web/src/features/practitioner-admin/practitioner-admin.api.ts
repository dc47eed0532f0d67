// HuntZen's review queue (/practitioner-applications): the tabs, one application, and the
// decisions (documents verified, validate, reject with a reason).
import type { ApplicationReview, ApplicationSummary, ReviewQueue } from '@huntzen/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';

const BASE = '/practitioner-applications';
const ROOT = ['practitioner-applications'] as const;

interface Page {
  items: ApplicationSummary[];
  nextCursor: string | null;
}

/** One tab of the queue, page by page. */
export function useApplicationQueue(status: ReviewQueue) {
  return useInfiniteQuery({
    queryKey: [...ROOT, 'queue', status],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ status, limit: '20' });
      if (pageParam) query.set('cursor', pageParam);
      return apiRequest<Page>(`${BASE}?${query}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
  });
}

/** One application with its documents. */
export function useApplicationReview(id: string) {
  return useQuery({
    queryKey: [...ROOT, 'one', id],
    queryFn: ({ signal }) => apiRequest<ApplicationReview>(`${BASE}/${encodeURIComponent(id)}`, { signal }),
    // The practitioner may have changed it since: a decision is made on the current state.
    staleTime: 0,
  });
}

/** A decision on application `id`; the answer replaces it and the tabs are reloaded. */
function useDecision<V>(id: string, send: (variables: V) => Promise<ApplicationReview>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (review) => {
      queryClient.setQueryData([...ROOT, 'one', id], review);
      await queryClient.invalidateQueries({ queryKey: [...ROOT, 'queue'] });
    },
  });
}

export function useSetDocumentsVerified(id: string) {
  return useDecision(id, (documentsVerified: boolean) =>
    apiRequest<ApplicationReview>(`${BASE}/${encodeURIComponent(id)}/documents-verified`, {
      method: 'PUT',
      body: { documentsVerified },
    }),
  );
}

export function useValidateApplication(id: string) {
  return useDecision(id, () =>
    apiRequest<ApplicationReview>(`${BASE}/${encodeURIComponent(id)}/validate`, { method: 'POST', body: {} }),
  );
}

export function useRejectApplication(id: string) {
  return useDecision(id, (reason: string) =>
    apiRequest<ApplicationReview>(`${BASE}/${encodeURIComponent(id)}/reject`, {
      method: 'POST',
      body: { reason },
    }),
  );
}
