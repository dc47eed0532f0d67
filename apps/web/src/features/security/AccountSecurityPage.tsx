// `/account/security`: display name (HR and admins), password, two-factor authentication, sessions.
import { Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { ProfileMediaCard } from '../media/ProfileMediaCard';
import { ChangePasswordCard } from './ChangePasswordCard';
import { DisplayNameCard } from './DisplayNameCard';
import { SessionsCard } from './SessionsCard';
import { TwoFactorCard } from './TwoFactorCard';

/** The account security page. */
export function AccountSecurityPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  usePageTitle(t('security.title'));
  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>{t('security.title')}</Title>
          <Text c="dimmed">{t('security.signedInAs', { email: user?.email ?? '' })}</Text>
        </Stack>
        <DisplayNameCard />
        <ProfileMediaCard />
        <ChangePasswordCard />
        <TwoFactorCard />
        <SessionsCard />
      </Stack>
    </Container>
  );
}
