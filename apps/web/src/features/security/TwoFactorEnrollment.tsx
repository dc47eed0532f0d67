// Turning on 2FA: scan the QR code (or type the secret), confirm with a code, keep the recovery
// codes. Used by /account/security and by the mandatory /setup-2fa.
import { TwoFactorConfirmRequestSchema } from '@huntzen/contracts';
import { Button, Code, CopyButton, Group, Image, List, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { IconCheck, IconCopy } from '../../components/icons';
import { isApiError } from '../../lib/api-error';
import { applyApiError, errorMessage, schemaValidator } from '../../lib/form';
import { useAuth } from '../auth/auth-context';
import { RecoveryCodes } from './RecoveryCodes';
import { confirmTwoFactor, setupTwoFactor } from './security.api';
import { TotpInput } from './TotpInput';

/** Groups the base32 secret by four characters, easier to type. */
function spaced(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

interface Props {
  /** Shown under the recovery codes once 2FA is on. */
  onDone: () => void;
  doneLabel: string;
}

/** The three-step enrolment. */
export function TwoFactorEnrollment({ onDone, doneLabel }: Props) {
  const { t } = useTranslation();
  const { replaceSession } = useAuth();
  const [alert, setAlert] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  const setup = useMutation({ mutationFn: setupTwoFactor, onError: (e) => setAlert(errorMessage(e, t)) });
  const form = useForm({
    initialValues: { code: '' },
    validate: schemaValidator(
      TwoFactorConfirmRequestSchema,
      t,
      (v: { code: string }) => ({ code: v.code.trim() }),
      {
        code: 'validation.totp',
      },
    ),
  });
  const confirm = useMutation({
    mutationFn: (values: typeof form.values) => confirmTwoFactor(values.code.trim()),
    onSuccess: (result) => {
      setCodes(result.recoveryCodes);
      replaceSession(result.session);
    },
    onError: (error) => {
      if (isApiError(error, 'TWO_FACTOR_INVALID', 'VALIDATION_FAILED')) {
        form.setFieldError('code', t('twoFactor.invalidCode'));
      } else setAlert(applyApiError(form, error, t));
    },
  });

  if (codes) {
    return (
      <Stack gap="md">
        <Text fw={600}>{t('twoFactor.enabled')}</Text>
        <RecoveryCodes codes={codes} />
        <Group>
          <Button onClick={onDone}>{doneLabel}</Button>
        </Group>
      </Stack>
    );
  }

  if (!setup.data) {
    return (
      <Stack gap="md">
        <FormAlert message={alert} />
        <Text>{t('twoFactor.intro')}</Text>
        <Group>
          <Button onClick={() => setup.mutate()} loading={setup.isPending}>
            {t('twoFactor.start')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const { secret, qrCodeDataUrl } = setup.data;
  return (
    <Stack gap="md">
      <FormAlert message={alert} />
      <List type="ordered" spacing="md">
        <List.Item>
          <Stack gap="sm">
            <Text>{t('twoFactor.step1')}</Text>
            <Image
              src={qrCodeDataUrl}
              alt={t('twoFactor.qrAlt')}
              w={200}
              h={200}
              radius="md"
              style={{ border: '1px solid var(--mantine-color-gray-3)' }}
            />
            <Text size="sm">{t('twoFactor.manual')}</Text>
            <Group gap="xs" wrap="nowrap">
              <Code fz="md" style={{ wordBreak: 'break-all' }}>
                {spaced(secret)}
              </Code>
              <CopyButton value={secret}>
                {({ copied, copy }) => (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={copy}
                    leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  >
                    {copied ? t('recovery.copied') : t('twoFactor.copySecret')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </List.Item>
        <List.Item>
          <form
            noValidate
            onSubmit={form.onSubmit((values) => {
              setAlert(null);
              confirm.mutate(values);
            })}
          >
            <Stack gap="sm" maw={320}>
              <Text>{t('twoFactor.step2')}</Text>
              <TotpInput {...form.getInputProps('code')} />
              <Button type="submit" loading={confirm.isPending}>
                {t('twoFactor.confirm')}
              </Button>
            </Stack>
          </form>
        </List.Item>
      </List>
    </Stack>
  );
}
