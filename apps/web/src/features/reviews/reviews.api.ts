// Reviews: the employee's state on a profile and leaving a review; the moderation queue
// (HuntZen admins); the practitioner's own published reviews.
import type {
  CreateReviewRequest,
  ModerationPage,
  ModerationResult,
  ModerationReview,
  MyPractitionerReviews,
  MyReviewState,
  OwnReview,
  ReviewStatus,
} from '@huntzen/contracts';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatLocale } from '../../i18n';
import { api } from '../../lib/api';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';

/** The sentence for an error of the reviews API (its own codes first). */
export function reviewErrorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error, 'ALREADY_REVIEWED')) return t('reviews.errors.ALREADY_REVIEWED');
  if (isApiError(error, 'REVIEW_WINDOW_CLOSED')) return t('reviews.errors.REVIEW_WINDOW_CLOSED');
  return errorMessage(error, t);
}

const stateKey = (practitionerId: string) => ['reviews', 'mine', practitionerId] as const;

/** GET /practitioners/{id}/my-reviews: what the employee may review, and their reviews. */
export function useMyReviewState(practitionerId: string) {
  return useQuery({
    queryKey: stateKey(practitionerId),
    queryFn: ({ signal }) =>
      api.get<MyReviewState>(`/practitioners/${encodeURIComponent(practitionerId)}/my-reviews`, signal),
  });
}

/** POST /reviews, then refreshes the employee's state on the profile. */
export function useCreateReview(practitionerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateReviewRequest) => api.post<OwnReview>('/reviews', body),
    // Also after a refusal: an ALREADY_REVIEWED or a closed window means the card is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: stateKey(practitionerId) }),
  });
}

const queueKey = (status: ReviewStatus) => ['reviews', 'queue', status] as const;

/** GET /reviews?status=…, page by page (HuntZen admins). */
export function useModerationQueue(status: ReviewStatus) {
  return useInfiniteQuery({
    queryKey: queueKey(status),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ status, limit: '20' });
      if (pageParam) params.set('cursor', pageParam);
      return api.get<ModerationPage>(`/reviews?${params}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** POST /reviews/{id}/publish|reject; every tab and the practitioner's profile refresh. */
export function useModerateReview() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ review, decision }: { review: ModerationReview; decision: 'publish' | 'reject' }) =>
      api.post<ModerationResult>(`/reviews/${encodeURIComponent(review.id)}/${decision}`),
    onSuccess: (result, { review }) => {
      const name = `${review.practitioner.title} ${review.practitioner.firstName} ${review.practitioner.lastName}`;
      const rating =
        result.practitioner.averageRating === null
          ? '—'
          : new Intl.NumberFormat(formatLocale(), { maximumFractionDigits: 2 }).format(
              result.practitioner.averageRating,
            );
      notifications.show({
        color: 'zen',
        closeButtonProps: { 'aria-label': t('common.close') },
        message:
          result.status === 'published'
            ? t('reviews.moderation.published', { name, rating, count: result.practitioner.reviewCount })
            : t('reviews.moderation.rejected'),
      });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['reviews', 'queue'] }),
        queryClient.invalidateQueries({ queryKey: ['directory'] }),
      ]);
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        message: errorMessage(error, t),
        closeButtonProps: { 'aria-label': t('common.close') },
      }),
  });
}

/** GET /me/reviews (practitioner), page by page. */
export function useMyPractitionerReviews() {
  return useInfiniteQuery({
    queryKey: ['reviews', 'practitioner', 'me'],
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '10' });
      if (pageParam) params.set('cursor', pageParam);
      return api.get<MyPractitionerReviews>(`/me/reviews?${params}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
