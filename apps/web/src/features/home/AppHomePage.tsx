// `/app`: employees get their home (next consultation, unread counts, company news, articles, crisis
// numbers); every other role a welcome card with shortcuts to its main pages.
import { Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { APP_PAGES, NAVIGATION } from '../../app/navigation';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { CompanyPendingNotice, useCompanyAwaitingValidation } from '../companies/CompanyPendingNotice';
import { DisplayNameCard } from '../security/DisplayNameCard';
import { EmployeeHome } from './EmployeeHome';

/** The home page of the signed-in area. */
export function AppHomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const awaitingValidation = useCompanyAwaitingValidation();
  usePageTitle(t('home.title'));
  if (!user) return null;
  const shortcuts = NAVIGATION[user.role].filter((item) => item.page !== 'home');
  // HR and HuntZen's admins have no profile: they are greeted by their display name (issue 17).
  const name = user.firstName ?? user.displayName;
  const greeting = name ? t('home.greetingName', { name }) : t('home.greeting');

  if (user.role === 'EMPLOYEE') {
    return (
      <Container size="lg" px={0}>
        <Stack gap="lg">
          <Stack gap={4}>
            <Title order={1}>{greeting}</Title>
            {user.company ? (
              <Text c="dimmed">{t('home.offeredBy', { company: user.company.name })}</Text>
            ) : null}
          </Stack>
          <EmployeeHome />
        </Stack>
      </Container>
    );
  }

  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <Title order={1}>{greeting}</Title>
        {user.displayName ? null : <DisplayNameCard prompt />}
        {awaitingValidation ? <CompanyPendingNotice /> : null}
        <Card withBorder padding="xl" bg="var(--mantine-primary-color-0)">
          <Stack gap="sm">
            <Title order={2} fz="xl">
              {t(`home.welcome.${user.role}.title`)}
            </Title>
            <Text>{t(`home.welcome.${user.role}.body`)}</Text>
          </Stack>
        </Card>
        {shortcuts.length > 0 ? (
          <nav aria-label={t('home.shortcuts')}>
            <Group gap="sm">
              {shortcuts.map((item) => (
                <Button
                  key={item.page}
                  component={Link}
                  to={APP_PAGES[item.page].path}
                  variant="default"
                  leftSection={<item.icon size={18} />}
                >
                  {t(item.label)}
                </Button>
              ))}
            </Group>
          </nav>
        ) : null}
      </Stack>
    </Container>
  );
}
