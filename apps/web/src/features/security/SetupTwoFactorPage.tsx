// `/setup-2fa`: the mandatory enrolment for roles that need 2FA (admins, practitioners). Until it
// is done every other API call is refused, so this page is all such a user can reach.
import { Button, Group } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { useAuth } from '../auth/auth-context';
import { TwoFactorEnrollment } from './TwoFactorEnrollment';

/** The enrolment page. */
export function SetupTwoFactorPage() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  // Decided on arrival: enrolling flips the flag, and the recovery codes must stay on screen.
  const required = useRef(user?.twoFactorEnrollmentRequired ?? false);
  if (!required.current) return <Navigate to="/account/security" replace />;

  return (
    <AuthCard title={t('setup2fa.title')} subtitle={t('setup2fa.subtitle')} size="sm">
      <TwoFactorEnrollment
        doneLabel={t('setup2fa.continue')}
        onDone={() => navigate('/app', { replace: true })}
      />
      <Group justify="flex-end">
        <Button variant="subtle" color="dark" onClick={() => void signOut()}>
          {t('auth.logout')}
        </Button>
      </Group>
    </AuthCard>
  );
}
