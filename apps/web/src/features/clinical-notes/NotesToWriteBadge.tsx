// The overdue count beside "Notes to write" in the practitioner's menu.
import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNotesToWrite } from './clinical-notes.api';

/** The number of overdue notes, or nothing. */
export function NotesToWriteBadge() {
  const { t } = useTranslation();
  const query = useNotesToWrite();
  const overdue = query.data?.pages[0]?.overdueCount ?? 0;
  if (overdue === 0) return null;
  return (
    <Badge color="red.8" variant="filled" size="sm" circle={overdue < 10}>
      <span aria-hidden="true">{overdue > 99 ? '99+' : overdue}</span>
      <VisuallyHidden>{t('clinicalNotes.toWrite.overdueCount', { count: overdue })}</VisuallyHidden>
    </Badge>
  );
}
