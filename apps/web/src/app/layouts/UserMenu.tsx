// The signed-in user's menu: who is signed in, account security, my data, sign out.

import type { Me } from '@huntzen/contracts';
import { Avatar, Menu, Text, UnstyledButton, useMantineTheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconList, IconLogout, IconShield } from '../../components/icons';
import { useAuth } from '../../features/auth/auth-context';

/** The name the user goes by: first and last name, else the display name (HR, admins), else the e-mail. */
function nameOf(user: Pick<Me, 'firstName' | 'lastName' | 'displayName' | 'email'>): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ') || user.displayName?.trim() || user.email;
}

/** "CR" for Claire Rousseau: the first letters of the name's first two words ("C" for an e-mail). */
function initials(name: string, email: string): string {
  if (name === email) return (email[0] ?? '?').toUpperCase();
  const words = name.split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word[0])
    .join('')
    .toUpperCase();
}

/** Avatar button opening the account menu (after logout, RequireAuth leads to the home page). */
export function UserMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const theme = useMantineTheme();
  if (!user) return null;
  const name = nameOf(user);

  return (
    <Menu position="bottom-end" width={260}>
      <Menu.Target>
        <UnstyledButton aria-label={t('account.menu', { name })} style={{ borderRadius: '50%' }}>
          {/* The profile picture when there is one (employees, practitioners), else the initials. */}
          <Avatar src={user.avatarUrl} alt="" color={theme.primaryColor} radius="xl" size={36}>
            {initials(name, user.email)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="dark" truncate>
            {name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {t(`roles.${user.role}`)}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account/security" leftSection={<IconShield size={16} />}>
          {t('account.security')}
        </Menu.Item>
        <Menu.Item component={Link} to="/account/data" leftSection={<IconList size={16} />}>
          {t('privacy.nav')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
          {t('auth.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
