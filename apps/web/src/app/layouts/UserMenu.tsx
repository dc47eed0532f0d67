// The signed-in user's menu: who is signed in, account security, my data, sign out.
import { Avatar, Menu, Text, UnstyledButton, useMantineTheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconList, IconLogout, IconShield } from '../../components/icons';
import { useAuth } from '../../features/auth/auth-context';

function initials(first: string | null, last: string | null, email: string): string {
  const letters = `${first?.[0] ?? ''}${last?.[0] ?? ''}`;
  return (letters || email[0] || '?').toUpperCase();
}

/** Avatar button opening the account menu (after logout, RequireAuth leads to the home page). */
export function UserMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const theme = useMantineTheme();
  if (!user) return null;
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email;

  return (
    <Menu position="bottom-end" width={260}>
      <Menu.Target>
        <UnstyledButton aria-label={t('account.menu', { name })} style={{ borderRadius: '50%' }}>
          <Avatar color={theme.primaryColor} radius="xl" size={36}>
            {initials(user.firstName, user.lastName, user.email)}
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
