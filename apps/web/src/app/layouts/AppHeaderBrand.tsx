// The header's left side: HuntZen, or the employee's company (logo and name) beside it.
import { Divider, Group, Image, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Logo } from '../../components/Logo';
import { useAuth } from '../../features/auth/auth-context';

/** Logo, plus the company for employees and HR. */
export function AppHeaderBrand() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const company = user?.role === 'EMPLOYEE' || user?.role === 'ADMIN_RH' ? user.company : null;
  return (
    <Group gap="sm" wrap="nowrap" miw={0}>
      <Logo to="/app" />
      {company ? (
        <>
          <Divider orientation="vertical" visibleFrom="sm" />
          <Group gap={8} wrap="nowrap" miw={0} visibleFrom="sm">
            {company.logoUrl ? (
              <Image
                src={company.logoUrl}
                alt={t('brand.companyLogo', { name: company.name })}
                h={28}
                w="auto"
                fit="contain"
              />
            ) : null}
            <Text fw={600} c="var(--mantine-color-anchor)" truncate>
              {company.name}
            </Text>
          </Group>
        </>
      ) : null}
    </Group>
  );
}
