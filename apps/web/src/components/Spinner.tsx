// A loading spinner that screen readers announce by its text: Mantine's Loader is a bare <span>,
// on which an aria-label is prohibited (axe: aria-prohibited-attr) and not reliably read. The
// drawing is hidden from assistive technology; the words are visually hidden, not absent.
import { Loader, type LoaderProps, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A spinner whose `label` (default "Loading…") is read, not shown. */
export function Spinner({ label, ...props }: LoaderProps & { label?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Loader aria-hidden {...props} />
      <VisuallyHidden>{label ?? t('common.loading')}</VisuallyHidden>
    </>
  );
}
