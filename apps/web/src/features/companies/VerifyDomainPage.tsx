// `/verify-domain?token=…` (public): opened from the link sent to an address at a company's pending
// email domain; confirms it as soon as the page opens (issue 17).
import { Alert, Button, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { FullPageLoader } from '../../components/FullPageLoader';
import { IconAlert, IconCheck } from '../../components/icons';
import { LoadError } from '../../components/QueryState';
import { ApiError } from '../../lib/api-error';
import { usePageTitle } from '../../lib/use-page-title';
import { confirmDomainVerification } from './companies.api';

/** The domain confirmation page. */
export function VerifyDomainPage() {
  const { t } = useTranslation();
  usePageTitle(t('domainVerification.page.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  // A query, not a mutation: the token is single-use and the cache runs it once (StrictMode).
  const query = useQuery({
    queryKey: ['verify-domain', token],
    queryFn: () => confirmDomainVerification(token),
    enabled: token.length >= 20,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });

  if (token.length >= 20 && query.isPending) {
    return (
      <AuthCard title={t('domainVerification.page.title')}>
        <FullPageLoader />
      </AuthCard>
    );
  }
  const deadLink =
    token.length < 20 ||
    (query.error instanceof ApiError && query.error.status >= 400 && query.error.status < 500);
  return (
    <AuthCard title={t('domainVerification.page.title')}>
      <Stack gap="md">
        {query.isSuccess ? (
          <Alert
            color="zen"
            icon={<IconCheck />}
            title={t('domainVerification.page.doneTitle')}
            role="status"
          >
            {t('domainVerification.page.done', {
              domain: query.data.domain,
              company: query.data.companyName,
            })}
          </Alert>
        ) : deadLink ? (
          <Alert
            color="red"
            icon={<IconAlert />}
            title={t('domainVerification.page.invalidTitle')}
            role="alert"
          >
            {t('domainVerification.page.invalid')}
          </Alert>
        ) : (
          <LoadError error={query.error} />
        )}
        <Button component={Link} to="/" variant="default">
          {t('domainVerification.page.home')}
        </Button>
      </Stack>
    </AuthCard>
  );
}
