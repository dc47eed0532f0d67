// `/app/consent`: the current consent text. An employee whose accepted version is outdated is sent
// here by the route guard and accepts it to go on; one who is up to date can reread it.
import { CURRENT_CONSENT_VERSION } from '@huntzen/contracts';
import { Alert, Button, Card, Checkbox, Container, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { returnPath } from '../../app/guards';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/QueryState';
import { formatLocale } from '../../i18n';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { ConsentText } from './ConsentText';
import { useAcceptConsent, useConsent } from './onboarding.api';

/** The consent page. */
export function ConsentPage() {
  const { t } = useTranslation();
  usePageTitle(t('onboarding.consent.pageTitle'));
  const { reloadUser } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const consent = useConsent();
  const accept = useAcceptConsent();
  const [checked, setChecked] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);

  if (consent.isPending) {
    return <Loading />;
  }
  if (consent.isError) {
    return (
      <Container size="sm" px={0}>
        <FormAlert message={errorMessage(consent.error, t)} />
      </Container>
    );
  }
  const state = consent.data;
  const outdated = !state.upToDate;

  const submit = () => {
    setAlert(null);
    if (!checked) {
      setCheckError(t('onboarding.consent.checkboxRequired'));
      return;
    }
    accept.mutate(CURRENT_CONSENT_VERSION, {
      onSuccess: async () => {
        await reloadUser();
        notifications.show({
          color: 'zen',
          message: t('onboarding.consent.accepted'),
          closeButtonProps: { 'aria-label': t('common.close') },
        });
        navigate(returnPath(location.state) ?? '/app', { replace: true });
      },
      onError: (error) =>
        setAlert(
          isApiError(error, 'CONSENT_VERSION_MISMATCH')
            ? t('onboarding.consent.mismatch')
            : errorMessage(error, t),
        ),
    });
  };

  return (
    <Container size="sm" px={0}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>
            {outdated && state.acceptedVersion
              ? t('onboarding.consent.updatedTitle')
              : t('onboarding.consent.pageTitle')}
          </Title>
          {outdated ? <Text c="dimmed">{t('onboarding.consent.updatedIntro')}</Text> : null}
        </Stack>
        <Card withBorder padding="lg">
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <Stack gap="md">
              <FormAlert message={alert} />
              <ConsentText />
              {outdated ? (
                <>
                  <Checkbox
                    label={t('onboarding.consent.checkbox')}
                    checked={checked}
                    onChange={(event) => {
                      setChecked(event.currentTarget.checked);
                      setCheckError(null);
                    }}
                    error={checkError}
                    required
                  />
                  <Button type="submit" loading={accept.isPending} style={{ alignSelf: 'flex-start' }}>
                    {t('onboarding.consent.accept')}
                  </Button>
                </>
              ) : (
                <>
                  <Alert color="zen" variant="light">
                    {t('onboarding.consent.acceptedOn', {
                      version: state.acceptedVersion,
                      date: state.acceptedAt
                        ? new Date(state.acceptedAt).toLocaleDateString(formatLocale(), { dateStyle: 'long' })
                        : '',
                    })}
                  </Alert>
                  <Button component={Link} to="/app" variant="default" style={{ alignSelf: 'flex-start' }}>
                    {t('common.backHome')}
                  </Button>
                </>
              )}
            </Stack>
          </form>
        </Card>
        <Text size="sm" c="dimmed">
          {t('onboarding.consent.crisisHint')}
        </Text>
      </Stack>
    </Container>
  );
}
