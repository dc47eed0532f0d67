import { Group, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The HuntZen mark (two calm waves) and name, linking to `to`. */
export function Logo({ to = '/' }: { to?: string }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton component={Link} to={to} aria-label={t('brand.homeLink')} style={{ borderRadius: 8 }}>
      <Group gap={8} wrap="nowrap">
        <svg width="32" height="32" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
          <rect width="64" height="64" rx="16" fill="var(--mantine-color-zen-6)" />
          <path
            d="M14 38c6-8 12-8 18 0s12 8 18 0"
            fill="none"
            stroke="#e8f6f7"
            strokeWidth="5"
            strokeLinecap="round"
          />
          <path
            d="M14 26c6-8 12-8 18 0s12 8 18 0"
            fill="none"
            stroke="#a7d6dc"
            strokeWidth="5"
            strokeLinecap="round"
          />
        </svg>
        <Text fw={700} fz="lg" c="zen.8" visibleFrom="xs">
          HuntZen
        </Text>
      </Group>
    </UnstyledButton>
  );
}
