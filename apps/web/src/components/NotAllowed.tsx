import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../lib/use-page-title';
import { IconLock } from './icons';

/** Shown in place of a page the signed-in role may not open. */
export function NotAllowed() {
  const { t } = useTranslation();
  usePageTitle(t('notAllowed.title'));
  return (
    <Stack align="center" gap="md" py="xl" ta="center">
      <IconLock size={40} />
      <Title order={1}>{t('notAllowed.title')}</Title>
      <Text maw={480}>{t('notAllowed.body')}</Text>
      <Button component={Link} to="/app">
        {t('notAllowed.back')}
      </Button>
    </Stack>
  );
}
