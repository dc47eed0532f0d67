// `/app`: a welcome card for the signed-in role, with shortcuts to its main pages.
import { Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { APP_PAGES, NAVIGATION } from '../../app/navigation';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { CompanyPendingNotice, useCompanyAwaitingValidation } from '../companies/CompanyPendingNotice';

/** The home page of the signed-in area. */
export function AppHomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const awaitingValidation = useCompanyAwaitingValidation();
  usePageTitle(t('home.title'));
  if (!user) return null;
  const shortcuts = NAVIGATION[user.role].filter((item) => item.page !== 'home');
  const greeting = user.firstName ? t('home.greetingName', { name: user.firstName }) : t('home.greeting');

  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <Title order={1}>{greeting}</Title>
        {awaitingValidation ? <CompanyPendingNotice /> : null}
        <Card withBorder padding="xl" bg="var(--mantine-primary-color-0)">
          <Stack gap="sm">
            <Title order={2} fz="xl">
              {t(`home.welcome.${user.role}.title`)}
            </Title>
            <Text>{t(`home.welcome.${user.role}.body`)}</Text>
            {user.role === 'EMPLOYEE' && user.company ? (
              <Text size="sm">{t('home.offeredBy', { company: user.company.name })}</Text>
            ) : null}
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
