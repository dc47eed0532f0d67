// `/account/data/erase?token=…`: the link of the confirmation e-mail. The signed-in account
// confirms, is erased at once, then signed out (the landing page shows that it is done).
import { Alert, Button, Card, Checkbox, Container, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { useConfirmErasure } from './privacy.api';

/** The confirmation page. */
export function ConfirmErasurePage() {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [understood, setUnderstood] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const confirm = useConfirmErasure();
  usePageTitle(t('privacy.confirm.title'));

  function erase() {
    setAlert(null);
    confirm.mutate(token, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          title: t('privacy.confirm.doneTitle'),
          message: t('privacy.confirm.done'),
          autoClose: false,
        });
        // The sessions are gone already; this clears the page's own.
        void signOut().catch(() => undefined);
      },
      onError: (error) =>
        setAlert(isApiError(error, 'TOKEN_INVALID') ? t('privacy.confirm.invalid') : errorMessage(error, t)),
    });
  }

  return (
    <Container size="sm" px={0}>
      <Card withBorder padding="lg" component="section" aria-labelledby="privacy-confirm-title">
        <Stack gap="md">
          <Title order={1} size="h2" id="privacy-confirm-title">
            {t('privacy.confirm.title')}
          </Title>
          {token.length < 20 ? (
            <Alert color="yellow" variant="light">
              {t('privacy.confirm.missing')}
            </Alert>
          ) : (
            <>
              <Text>{t('privacy.confirm.text')}</Text>
              <FormAlert message={alert} />
              <Checkbox
                label={t('privacy.confirm.understand')}
                checked={understood}
                onChange={(event) => setUnderstood(event.currentTarget.checked)}
              />
              <Group gap="sm">
                <Button color="red.9" disabled={!understood} loading={confirm.isPending} onClick={erase}>
                  {t('privacy.confirm.button')}
                </Button>
                <Button variant="default" component={Link} to="/account/data">
                  {t('privacy.confirm.cancel')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </Card>
    </Container>
  );
}
