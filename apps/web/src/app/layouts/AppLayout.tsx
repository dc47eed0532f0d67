// The signed-in shell: header (brand, emergency button for employees, language, account), the
// role's navigation (a drawer behind a burger on small screens) and the page.
import { AppShell, Burger, Group, NavLink, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { IconList, IconShield } from '../../components/icons';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { SkipLink } from '../../components/SkipLink';
import { useAuth } from '../../features/auth/auth-context';
import { NotesToWriteBadge } from '../../features/clinical-notes/NotesToWriteBadge';
import { CrisisButton } from '../../features/crisis/CrisisButton';
import { MessagesNavBadge } from '../../features/messages/MessagesNavBadge';
import { NotificationBell } from '../../features/notifications/NotificationBell';
import { useRealtimeConnection } from '../../lib/realtime';
import { APP_PAGES, NAVIGATION } from '../navigation';
import { AppHeaderBrand } from './AppHeaderBrand';
import { UserMenu } from './UserMenu';

/** AppShell around /app/* and /account/*. */
export function AppLayout() {
  const { t } = useTranslation();
  const { role } = useAuth();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // The page's one socket, shared by the bell and the chat.
  useRealtimeConnection();

  const items = role ? NAVIGATION[role] : [];

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <AppShell.Header>
        <SkipLink />
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t(opened ? 'nav.closeMenu' : 'nav.openMenu')}
              aria-expanded={opened}
              aria-controls="app-navigation"
            />
            <AppHeaderBrand />
          </Group>
          <Group gap="xs" wrap="nowrap">
            {role === 'EMPLOYEE' ? <CrisisButton iconOnPhone /> : null}
            <NotificationBell />
            <LanguageSwitcher />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" id="app-navigation" aria-label={t('nav.main')}>
        <AppShell.Section grow component={ScrollArea}>
          {items.map((item) => {
            const path = APP_PAGES[item.page].path;
            const active = path === '/app' ? pathname === '/app' : pathname.startsWith(path);
            return (
              <NavLink
                key={item.page}
                component={Link}
                to={path}
                label={t(item.label)}
                leftSection={<item.icon size={20} />}
                rightSection={
                  item.page === 'messages' ? (
                    <MessagesNavBadge />
                  ) : item.page === 'clinicalNotes' ? (
                    <NotesToWriteBadge />
                  ) : undefined
                }
                active={active}
                aria-current={active ? 'page' : undefined}
                onClick={close}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
                py={10}
              />
            );
          })}
        </AppShell.Section>
        <AppShell.Section>
          <NavLink
            component={Link}
            to="/account/security"
            label={t('account.security')}
            leftSection={<IconShield size={20} />}
            active={pathname.startsWith('/account/security')}
            aria-current={pathname.startsWith('/account/security') ? 'page' : undefined}
            onClick={close}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
            py={10}
          />
          <NavLink
            component={Link}
            to="/account/data"
            label={t('privacy.nav')}
            leftSection={<IconList size={20} />}
            active={pathname.startsWith('/account/data')}
            aria-current={pathname.startsWith('/account/data') ? 'page' : undefined}
            onClick={close}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
            py={10}
          />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
