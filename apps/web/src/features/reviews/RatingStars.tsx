// A read-only rating: stars (decorative) and the figures, read out once by screen readers.
import { Group, Rating, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatLocale } from '../../i18n';

/** The average of `count` reviews ("4,5 ★★★★½ (10 avis)"), or "no reviews yet". */
export function RatingStars({
  rating,
  count,
  size = 'sm',
  withFigure = true,
}: {
  rating: number | null;
  count: number;
  size?: 'xs' | 'sm' | 'md' | 'lg';
  /** Shows the average as a figure beside the stars (not where it is already shown large). */
  withFigure?: boolean;
}) {
  const { t } = useTranslation();
  if (rating === null || count === 0) {
    return (
      <Text size={size} c="dimmed">
        {t('directory.card.noReviews')}
      </Text>
    );
  }
  const figure = new Intl.NumberFormat(formatLocale(), { maximumFractionDigits: 1 }).format(rating);
  return (
    <Group gap={6} wrap="nowrap">
      <Rating value={rating} fractions={4} readOnly size={size} aria-hidden />
      {withFigure ? (
        <Text size={size} fw={600} aria-hidden>
          {figure}
        </Text>
      ) : null}
      <Text size={size} c="dimmed" aria-hidden>
        ({t('directory.rating.count', { count })})
      </Text>
      <VisuallyHidden>{t('directory.rating.label', { rating: figure, count })}</VisuallyHidden>
    </Group>
  );
}
