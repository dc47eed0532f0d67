// One published review as everyone sees it: the author's initials, the stars, the date, the words.
import type { PublicReview } from '@huntzen/contracts';
import { Avatar, Group, Rating, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatLocale } from '../../i18n';

/** A review in a list (`<li>`). */
export function ReviewItem({ review }: { review: PublicReview }) {
  const { t } = useTranslation();
  const date = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'long' }).format(
    new Date(review.createdAt),
  );
  return (
    <Group component="li" align="flex-start" wrap="nowrap" gap="md" py="sm">
      <Avatar radius="xl" color="zen" aria-hidden>
        {review.authorInitials.replaceAll('.', '').replaceAll(' ', '')}
      </Avatar>
      <Stack gap={4} miw={0}>
        <Group gap="xs">
          <Text fw={600}>{review.authorInitials}</Text>
          <Rating value={review.rating} readOnly size="sm" aria-hidden />
          <VisuallyHidden>{t('reviews.leave.star', { count: review.rating })}</VisuallyHidden>
          <Text size="sm" c="dimmed">
            {date}
          </Text>
        </Group>
        {review.comment ? (
          <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{review.comment}</Text>
        ) : null}
      </Stack>
    </Group>
  );
}
