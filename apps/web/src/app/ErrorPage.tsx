// Route error boundary: a crash in a page shows this instead of a blank screen.
import { Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { usePageTitle } from '../lib/use-page-title';
import { NotFoundPage } from './NotFoundPage';

/** The error page (404 responses get the not-found page). */
export function ErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  usePageTitle(t('errorPage.title'));
  useEffect(() => {
    console.error(error);
  }, [error]);

  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <Container size="sm" py={48}>
      <Stack align="center" gap="md" ta="center" role="alert">
        <Title order={1}>{t('errorPage.title')}</Title>
        <Text>{t('errorPage.body')}</Text>
        <Group>
          <Button onClick={() => window.location.reload()}>{t('errorPage.reload')}</Button>
          <Button component={Link} to="/" variant="default">
            {t('common.backHome')}
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}
