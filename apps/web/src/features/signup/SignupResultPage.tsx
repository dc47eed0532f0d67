// `/signup/done?status=…&kind=…`: what happens after sign-up — check the inbox, wait for HR, or
// wait for HuntZen's validation.
import { Alert, Button, Divider, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { IconCheck, IconHourglass, IconMail } from '../../components/icons';
import { ResendVerificationForm } from '../auth/ResendVerificationForm';

const STATUSES = {
  VERIFY_EMAIL: { key: 'verifyEmail', icon: IconMail },
  PENDING_APPROVAL: { key: 'pendingApproval', icon: IconHourglass },
  PENDING_COMPANY_VALIDATION: { key: 'pendingValidation', icon: IconHourglass },
  ACTIVE: { key: 'active', icon: IconCheck },
} as const;

type Status = keyof typeof STATUSES;
const KINDS = ['employee', 'company', 'practitioner'] as const;
type Kind = (typeof KINDS)[number];

function isStatus(value: string | null): value is Status {
  return value !== null && value in STATUSES;
}

/** The sign-up outcome. */
export function SignupResultPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const status = params.get('status');
  const kindParam = params.get('kind');
  const kind: Kind = KINDS.find((k) => k === kindParam) ?? 'employee';
  const email = (location.state as { email?: string } | null)?.email;

  if (!isStatus(status)) return <Navigate to="/signup" replace />;
  const { key, icon: Icon } = STATUSES[status];

  return (
    <AuthCard title={t(`signupDone.${key}.title`)}>
      <Stack gap="md">
        <Alert color="zen" icon={<Icon />} role="status">
          {/* A long address wraps instead of running out of the alert. */}
          <Text style={{ overflowWrap: 'anywhere' }}>
            {t(`signupDone.${key}.body`, { email: email ?? t('signupDone.yourAddress') })}
          </Text>
        </Alert>
        {status === 'VERIFY_EMAIL' ? <Text>{t(`signupDone.next.${kind}`)}</Text> : null}
        {status === 'ACTIVE' ? (
          <Button component={Link} to="/login">
            {t('auth.login')}
          </Button>
        ) : (
          <Button component={Link} to="/" variant="light">
            {t('common.backHome')}
          </Button>
        )}
        {status === 'VERIFY_EMAIL' ? (
          <>
            <Divider label={t('signupDone.noEmail')} labelPosition="center" />
            <ResendVerificationForm email={email} />
          </>
        ) : null}
      </Stack>
    </AuthCard>
  );
}
