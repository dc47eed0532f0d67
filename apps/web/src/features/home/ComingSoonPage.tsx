// A page of the navigation whose feature is not built yet.
import { Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconHourglass } from '../../components/icons';
import { usePageTitle } from '../../lib/use-page-title';

/** "Coming soon", titled with the page's name. */
export function ComingSoonPage({ title }: { title: ParseKeys }) {
  const { t } = useTranslation();
  const name = t(title);
  usePageTitle(name);
  return (
    <Stack align="center" gap="md" py={48} ta="center">
      <ThemeIcon size={64} radius="xl" variant="light">
        <IconHourglass size={32} />
      </ThemeIcon>
      <Title order={1}>{name}</Title>
      <Text maw={460}>{t('comingSoon.body')}</Text>
      <Button component={Link} to="/app" variant="light">
        {t('comingSoon.back')}
      </Button>
    </Stack>
  );
}
