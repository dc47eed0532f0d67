// Any path nothing else matches.
import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../lib/use-page-title';

/** The 404 page; `home` is where its button leads (the public or the signed-in home). */
export function NotFoundPage({ home = '/' }: { home?: string }) {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <Stack align="center" gap="md" py={48} ta="center">
      <Text fz={64} fw={700} c="zen.5" aria-hidden="true" lh={1}>
        404
      </Text>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text maw={460}>{t('notFound.body')}</Text>
      <Button component={Link} to={home}>
        {t('notFound.back')}
      </Button>
    </Stack>
  );
}
