// The state of a review as a badge: pending stands out (filled, dark text by the theme's
// autoContrast), published and rejected stay quiet.
import type { ReviewStatus } from '@huntzen/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const LOOK = {
  pending: { color: 'yellow', variant: 'filled' },
  published: { color: 'zen', variant: 'light' },
  rejected: { color: 'gray', variant: 'light' },
} as const;

/** "Awaiting moderation", "Published" or "Rejected". */
export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={LOOK[status].color} variant={LOOK[status].variant} tt="none">
      {t(`reviews.status.${status}`)}
    </Badge>
  );
}
