// `/account/data` ("My data", every role): download all my data as a zip, and ask for the erasure
// of my account with my password (and authenticator code); the e-mailed link confirms it
// (ConfirmErasurePage).
import {
  ERASABLE_ROLES,
  ERASURE_KEPT_BY_ROLE,
  type ErasureRequested,
  ErasureRequestSchema,
} from '@huntzen/contracts';
import {
  Alert,
  Button,
  Card,
  Container,
  Group,
  List,
  PasswordInput,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { IconTrash } from '../../components/icons';
import { passwordToggleProps } from '../../components/password-props';
import { isApiError } from '../../lib/api-error';
import { applyApiError, schemaValidator } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { TotpInput } from '../security/TotpInput';
import { downloadMyData, useRequestErasure } from './privacy.api';

function ExportCard() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setBusy(true);
    setError(null);
    try {
      await downloadMyData();
      notifications.show({ color: 'teal', message: t('privacy.export.done') });
    } catch (e) {
      setError(isApiError(e, 'RATE_LIMITED') ? t('privacy.export.tooMany') : t('privacy.export.failed'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="privacy-export-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="privacy-export-title">
          {t('privacy.export.title')}
        </Title>
        <Text>{t('privacy.export.text')}</Text>
        <Text size="sm" c="dimmed">
          {t('privacy.export.limit')}
        </Text>
        <FormAlert message={error} />
        <Group>
          <Button onClick={() => void download()} loading={busy}>
            {t('privacy.export.button')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

interface Values {
  password: string;
  code: string;
}

function EraseForm({
  withCode,
  onSent,
  onCancel,
}: {
  withCode: boolean;
  onSent: (r: ErasureRequested) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const request = useRequestErasure();
  const toRequest = (v: Values) => ({ password: v.password, ...(withCode ? { code: v.code.trim() } : {}) });
  const form = useForm<Values>({
    initialValues: { password: '', code: '' },
    validate: schemaValidator(ErasureRequestSchema, t, toRequest, { code: 'validation.totp' }, (v) =>
      withCode && !v.code.trim() ? { code: t('validation.totp') } : {},
    ),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setAlert(null);
        request.mutate(toRequest(values), {
          onSuccess: onSent,
          onError: (error) => {
            if (isApiError(error, 'CONFLICT')) setAlert(t('privacy.erase.lastAdmin'));
            else setAlert(applyApiError(form, error, t));
          },
        });
      })}
    >
      <Stack gap="sm" maw={380}>
        <Title order={3} size="h4">
          {t('privacy.erase.formTitle')}
        </Title>
        <FormAlert message={alert} />
        <PasswordInput
          label={t('fields.currentPassword')}
          autoComplete="current-password"
          required
          // Opened by a button: the keyboard lands in the form.
          autoFocus
          {...passwordToggleProps(t)}
          {...form.getInputProps('password')}
        />
        {withCode && <TotpInput {...form.getInputProps('code')} />}
        <Group gap="sm">
          <Button type="submit" color="red.9" loading={request.isPending}>
            {t('privacy.erase.submit')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EraseCard() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<ErasureRequested | null>(null);
  if (!user) return null;
  const role = (ERASABLE_ROLES as readonly string[]).includes(user.role)
    ? (user.role as (typeof ERASABLE_ROLES)[number])
    : null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="privacy-erase-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="privacy-erase-title">
          {t('privacy.erase.title')}
        </Title>
        {role === null ? (
          <Text>{t('privacy.erase.staff')}</Text>
        ) : (
          <>
            <Text>{t('privacy.erase.text')}</Text>
            <Title order={3} size="h4">
              {t('privacy.erase.erased')}
            </Title>
            <Text>{t(`privacy.erase.erasedItems.${role}`)}</Text>
            <Title order={3} size="h4">
              {t('privacy.erase.kept')}
            </Title>
            <List spacing={4}>
              {ERASURE_KEPT_BY_ROLE[role].map((item) => (
                <List.Item key={item}>{t(`privacy.erase.keptItems.${item}`)}</List.Item>
              ))}
            </List>
            {sent ? (
              <Alert color="teal" variant="light" role="status">
                {t('privacy.erase.sent', { email: user.email })}
              </Alert>
            ) : (
              <>
                {!open && (
                  <Group>
                    <Button
                      color="red.9"
                      variant="outline"
                      leftSection={<IconTrash size={16} />}
                      onClick={() => setOpen(true)}
                      aria-expanded={open}
                    >
                      {t('privacy.erase.start')}
                    </Button>
                  </Group>
                )}
                {open && (
                  <EraseForm
                    withCode={user.twoFactorEnabled}
                    onSent={setSent}
                    onCancel={() => setOpen(false)}
                  />
                )}
              </>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

/** The "My data" page. */
export function MyDataPage() {
  const { t } = useTranslation();
  usePageTitle(t('privacy.title'));
  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>{t('privacy.title')}</Title>
          <Text c="dimmed">{t('privacy.subtitle')}</Text>
        </Stack>
        <ExportCard />
        <EraseCard />
      </Stack>
    </Container>
  );
}
