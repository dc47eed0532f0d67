// `/app/my-reviews` (practitioners): the reviews published on their profile and their rating,
// as employees see them (authors by initials).
import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/QueryState';
import { usePageTitle } from '../../lib/use-page-title';
import { RatingSummaryBlock } from './RatingSummaryBlock';
import { ReviewItem } from './ReviewItem';
import { useMyPractitionerReviews } from './reviews.api';

/** The practitioner's reviews page. */
export function MyReviewsPage() {
  const { t } = useTranslation();
  usePageTitle(t('reviews.mine.title'));
  const query = useMyPractitionerReviews();
  const first = query.data?.pages[0];
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('reviews.mine.title')}</Title>
        <Text c="dimmed" maw={760}>
          {t('reviews.mine.subtitle')}
        </Text>
      </Stack>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} />
      ) : (
        <>
          <Card withBorder padding="lg" component="section" aria-labelledby="my-rating-title">
            <Stack gap="sm">
              <Title order={2} fz="lg" id="my-rating-title">
                {t('reviews.mine.summary')}
              </Title>
              {first ? <RatingSummaryBlock summary={first.ratingSummary} /> : null}
            </Stack>
          </Card>
          <Card withBorder padding="lg" component="section" aria-labelledby="my-reviews-title">
            <Stack gap="sm">
              <Title order={2} fz="lg" id="my-reviews-title">
                {t('reviews.mine.list')}
              </Title>
              {items.length === 0 ? (
                <Text c="dimmed">{t('reviews.mine.empty')}</Text>
              ) : (
                <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
                  {items.map((review) => (
                    <ReviewItem key={review.id} review={review} />
                  ))}
                </Stack>
              )}
              {query.hasNextPage ? (
                <Button
                  variant="default"
                  onClick={() => query.fetchNextPage()}
                  loading={query.isFetchingNextPage}
                >
                  {t('common.loadMore')}
                </Button>
              ) : null}
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}
