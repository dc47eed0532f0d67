import { useTranslation } from 'react-i18next';

/** First focusable element of every page: jumps over the header to the main content. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="hz-skip-link" href="#main-content">
      {t('common.skipToContent')}
    </a>
  );
}
