// `/verify-email?token=…`: confirms the address as soon as the page opens and says what happens
// next. Without a token (or with a dead one) it offers to send a new link.
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { FullPageLoader } from '../../components/FullPageLoader';
import { IconAlert, IconCheck, IconHourglass } from '../../components/icons';
import { LoadError } from '../../components/QueryState';
import { ApiError } from '../../lib/api-error';
import { type VerifyEmailStatus, verifyEmail } from './auth.api';
import { ResendVerificationForm } from './ResendVerificationForm';

const OUTCOMES: Record<VerifyEmailStatus, { key: 'verified' | 'pendingApproval' | 'pendingValidation' }> = {
  VERIFIED: { key: 'verified' },
  PENDING_APPROVAL: { key: 'pendingApproval' },
  PENDING_COMPANY_VALIDATION: { key: 'pendingValidation' },
};

/** The e-mail confirmation page. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';

  // A query, not a mutation: the token is single-use, and the query cache runs it once even when
  // React mounts the page twice (StrictMode, language switch).
  const query = useQuery({
    queryKey: ['verify-email', token],
    queryFn: () => verifyEmail(token),
    enabled: token.length >= 20,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });

  if (token && query.isPending && query.fetchStatus !== 'idle') {
    return (
      <AuthCard title={t('verify.title')}>
        <FullPageLoader />
      </AuthCard>
    );
  }

  if (query.isSuccess) {
    const { key } = OUTCOMES[query.data.status];
    const done = key === 'verified';
    return (
      <AuthCard title={t('verify.title')}>
        <Alert
          color={done ? 'zen' : 'blue'}
          icon={done ? <IconCheck /> : <IconHourglass />}
          title={t(`verify.outcomes.${key}.title`)}
          role="status"
        >
          {t(`verify.outcomes.${key}.body`)}
        </Alert>
        <Button component={Link} to="/login">
          {t('auth.login')}
        </Button>
      </AuthCard>
    );
  }

  // A malformed, used or expired token; anything else (network, server) is worth saying as such.
  const deadLink =
    token.length < 20 ||
    (query.error instanceof ApiError && query.error.status >= 400 && query.error.status < 500);
  return (
    <AuthCard title={t('verify.title')}>
      <Stack gap="md">
        {token && deadLink ? (
          <Alert color="red" icon={<IconAlert />} title={t('verify.invalidTitle')} role="alert">
            {t('verify.invalid')}
          </Alert>
        ) : null}
        {token && !deadLink ? <LoadError error={query.error} /> : null}
        <Text>{t('verify.resendIntro')}</Text>
        <ResendVerificationForm />
      </Stack>
    </AuthCard>
  );
}
