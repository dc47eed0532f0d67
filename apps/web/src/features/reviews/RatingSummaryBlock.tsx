// The rating summary of a practitioner: the average, the number of published reviews and how
// many of each star.
import type { RatingSummary } from '@huntzen/contracts';
import { Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatLocale } from '../../i18n';
import { RatingStars } from './RatingStars';

const STARS = [5, 4, 3, 2, 1] as const;

/** The average, the stars and the breakdown per star. */
export function RatingSummaryBlock({ summary }: { summary: RatingSummary }) {
  const { t } = useTranslation();
  const figure =
    summary.averageRating === null
      ? '—'
      : new Intl.NumberFormat(formatLocale(), { maximumFractionDigits: 1 }).format(summary.averageRating);
  return (
    <Group align="center" gap="xl" wrap="wrap">
      <Stack gap={4} align="flex-start">
        <Text fz={40} fw={700} lh={1} aria-hidden>
          {figure}
        </Text>
        <RatingStars rating={summary.averageRating} count={summary.reviewCount} withFigure={false} />
      </Stack>
      {summary.reviewCount > 0 ? (
        <Stack gap={4} miw={220} style={{ flex: 1 }} maw={360}>
          <Title order={3} fz="sm" fw={600}>
            {t('directory.profile.distribution')}
          </Title>
          {STARS.map((stars) => {
            const count = summary.distribution[stars];
            const label = t('directory.profile.starsShare', {
              stars: t('directory.profile.stars', { count: stars }),
              count,
            });
            return (
              <Group key={stars} gap="xs" wrap="nowrap">
                <Text size="sm" w={70} aria-hidden>
                  {t('directory.profile.stars', { count: stars })}
                </Text>
                <Progress
                  value={(count / summary.reviewCount) * 100}
                  style={{ flex: 1 }}
                  size="md"
                  aria-label={label}
                />
                <Text size="sm" w={28} ta="right" aria-hidden>
                  {count}
                </Text>
              </Group>
            );
          })}
        </Stack>
      ) : null}
    </Group>
  );
}
