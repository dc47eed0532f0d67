// `/app/reviews` (HuntZen admins): the moderation queue, one tab per state (kept in the URL):
// pending reviews oldest first, to publish or reject; published ones may be withdrawn, rejected
// ones published after all.
import { type ModerationReview, REVIEW_STATUSES, type ReviewStatus } from '@huntzen/contracts';
import { Button, Card, Group, Rating, Stack, Tabs, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IconCheck } from '../../components/icons';
import { LoadError, Loading } from '../../components/QueryState';
import { formatLocale } from '../../i18n';
import { usePageTitle } from '../../lib/use-page-title';
import { ReviewStatusBadge } from './ReviewStatusBadge';
import { useModerateReview, useModerationQueue } from './reviews.api';

const isStatus = (value: string | null): value is ReviewStatus =>
  (REVIEW_STATUSES as readonly (string | null)[]).includes(value);

/** The moderation page. */
export function ReviewModerationPage() {
  const { t } = useTranslation();
  usePageTitle(t('reviews.moderation.title'));
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: ReviewStatus = isStatus(raw) ? raw : 'pending';

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('reviews.moderation.title')}</Title>
        <Text c="dimmed" maw={760}>
          {t('reviews.moderation.subtitle')}
        </Text>
      </Stack>
      <Tabs
        value={status}
        onChange={(value) =>
          setParams(value && value !== 'pending' ? { status: value } : {}, { replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List aria-label={t('reviews.moderation.tabs')}>
          {REVIEW_STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {t(`reviews.moderation.tab.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {REVIEW_STATUSES.map((s) => (
          <Tabs.Panel key={s} value={s} pt="lg">
            <Queue status={s} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function Queue({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  const query = useModerationQueue(status);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError) {
    return <LoadError error={query.error} />;
  }
  return (
    <Stack gap="md">
      {items.length === 0 ? (
        <Text p="xl" ta="center">
          {t(`reviews.moderation.empty.${status}`)}
        </Text>
      ) : (
        <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((review) => (
            <ModerationCard key={review.id} review={review} />
          ))}
        </Stack>
      )}
      {query.hasNextPage ? (
        <Button variant="default" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Stack>
  );
}

function ModerationCard({ review }: { review: ModerationReview }) {
  const { t } = useTranslation();
  const moderate = useModerateReview();
  const name = `${review.practitioner.title} ${review.practitioner.firstName} ${review.practitioner.lastName}`;
  const date = (iso: string) =>
    new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );
  const busy = moderate.isPending;
  const titleId = `review-${review.id}`;
  const labels = { initials: review.authorInitials, name };

  return (
    <Card withBorder padding="lg" component="li" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2}>
            <Title order={2} fz="md" id={titleId}>
              {t('reviews.moderation.about', { name })}
            </Title>
            <Text size="sm" c="dimmed">
              {t('reviews.moderation.by', { initials: review.authorInitials })} ·{' '}
              {t('reviews.moderation.receivedOn', { date: date(review.createdAt) })}
              {review.moderatedAt
                ? ` · ${t('reviews.moderation.decidedOn', { date: date(review.moderatedAt) })}`
                : ''}
            </Text>
          </Stack>
          <ReviewStatusBadge status={review.status} />
        </Group>
        <Group gap="xs">
          <Rating value={review.rating} readOnly aria-hidden />
          <VisuallyHidden>{t('reviews.leave.star', { count: review.rating })}</VisuallyHidden>
        </Group>
        {review.comment ? (
          <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{review.comment}</Text>
        ) : (
          <Text c="dimmed" fs="italic">
            {t('reviews.moderation.noComment')}
          </Text>
        )}
        <Group gap="sm">
          {review.status !== 'published' ? (
            <Button
              leftSection={<IconCheck size={16} />}
              loading={busy && moderate.variables?.decision === 'publish'}
              disabled={busy}
              onClick={() => moderate.mutate({ review, decision: 'publish' })}
              aria-label={t('reviews.moderation.publishLabel', labels)}
            >
              {t('reviews.moderation.publish')}
            </Button>
          ) : null}
          {review.status !== 'rejected' ? (
            <Button
              variant="outline"
              color="red.9"
              loading={busy && moderate.variables?.decision === 'reject'}
              disabled={busy}
              onClick={() => moderate.mutate({ review, decision: 'reject' })}
              aria-label={t(
                review.status === 'published'
                  ? 'reviews.moderation.unpublishLabel'
                  : 'reviews.moderation.rejectLabel',
                labels,
              )}
            >
              {t(
                review.status === 'published' ? 'reviews.moderation.unpublish' : 'reviews.moderation.reject',
              )}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}
