// Right side of the public header: sign-in / sign-up (or the user's space when signed in); on
// phones they fold into a menu so the emergency button always fits.
import { Burger, Button, Group, Menu } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../features/auth/auth-context';

/** Account links for the public header. */
export function PublicHeaderActions() {
  const { t } = useTranslation();
  const { state, signOut } = useAuth();
  const [opened, setOpened] = useState(false);
  const signedIn = state.status === 'authenticated';

  const onSignOut = () => void signOut();

  return (
    <>
      <Group gap="xs" visibleFrom="sm" wrap="nowrap">
        {signedIn ? (
          <>
            <Button component={Link} to="/app" variant="light">
              {t('nav.mySpace')}
            </Button>
            <Button variant="subtle" color="dark" onClick={onSignOut}>
              {t('auth.logout')}
            </Button>
          </>
        ) : (
          <>
            <Button component={Link} to="/login" variant="subtle">
              {t('auth.login')}
            </Button>
            <Button component={Link} to="/signup">
              {t('auth.signup')}
            </Button>
          </>
        )}
      </Group>
      <Menu opened={opened} onChange={setOpened} position="bottom-end">
        <Menu.Target>
          <Burger opened={opened} hiddenFrom="sm" size="sm" aria-label={t('nav.openMenu')} />
        </Menu.Target>
        <Menu.Dropdown>
          {signedIn ? (
            <>
              <Menu.Item component={Link} to="/app">
                {t('nav.mySpace')}
              </Menu.Item>
              <Menu.Item onClick={onSignOut}>{t('auth.logout')}</Menu.Item>
            </>
          ) : (
            <>
              <Menu.Item component={Link} to="/login">
                {t('auth.login')}
              </Menu.Item>
              <Menu.Item component={Link} to="/signup">
                {t('auth.signup')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
