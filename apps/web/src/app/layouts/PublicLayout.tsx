// Layout of the public pages (landing, login, sign-up, e-mail links): header with the emergency
// button and the language menu, the page, a footer.
import { Anchor, Box, Container, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { Logo } from '../../components/Logo';
import { SkipLink } from '../../components/SkipLink';
import { CrisisButton } from '../../features/crisis/CrisisButton';
import { PublicHeaderActions } from './PublicHeaderActions';

/** Header, main and footer around the public routes. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Box mih="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
      <SkipLink />
      <Box
        component="header"
        py="sm"
        bg="white"
        style={{
          borderBottom: '1px solid var(--mantine-color-gray-3)',
          position: 'sticky',
          top: 0,
          zIndex: 100,
        }}
      >
        <Container size="lg">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Logo />
            <Group gap="xs" wrap="nowrap">
              <CrisisButton />
              <LanguageSwitcher />
              <PublicHeaderActions />
            </Group>
          </Group>
        </Container>
      </Box>
      <Box
        component="main"
        id="main-content"
        tabIndex={-1}
        py={{ base: 'lg', sm: 40 }}
        px="md"
        style={{ flex: 1 }}
      >
        <Outlet />
      </Box>
      <Box
        component="footer"
        py="lg"
        bg="zen.0"
        style={{ borderTop: '1px solid var(--mantine-color-zen-1)' }}
      >
        <Container size="lg">
          <Stack gap={6}>
            <Text size="sm">{t('footer.notEmergency')}</Text>
            <Group gap="md">
              <Text size="sm">© HuntZen</Text>
              <Anchor href="/api/docs" size="sm">
                {t('footer.apiDocs')}
              </Anchor>
            </Group>
          </Stack>
        </Container>
      </Box>
    </Box>
  );
}
