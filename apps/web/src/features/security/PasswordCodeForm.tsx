// Password + authenticator code: the proof asked before disabling 2FA or renewing recovery codes.
import { TwoFactorDisableRequestSchema } from '@huntzen/contracts';
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { passwordToggleProps } from '../../components/password-props';
import { isApiError } from '../../lib/api-error';
import { applyApiError, schemaValidator } from '../../lib/form';
import { TotpInput } from './TotpInput';

interface Values {
  password: string;
  code: string;
}

interface Props {
  submitLabel: string;
  danger?: boolean;
  onSubmit: (password: string, code: string) => Promise<unknown>;
  onCancel: () => void;
}

/** The form; `onSubmit` runs the API call, a 401/VALIDATION_FAILED marks the proof wrong. */
export function PasswordCodeForm({ submitLabel, danger = false, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { password: '', code: '' },
    validate: schemaValidator(
      TwoFactorDisableRequestSchema,
      t,
      (v: Values) => ({ password: v.password, code: v.code.trim() }),
      { code: 'validation.totp' },
    ),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => onSubmit(values.password, values.code.trim()),
    onError: (error) => {
      // The API names the wrong field(s) (body.password, body.code); without details, say both.
      if (isApiError(error, 'TWO_FACTOR_INVALID', 'VALIDATION_FAILED') && error.fieldErrors.length === 0) {
        setAlert(t('security.wrongProof'));
      } else setAlert(applyApiError(form, error, t));
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setAlert(null);
        mutation.mutate(values);
      })}
    >
      <Stack gap="sm" maw={360}>
        <FormAlert message={alert} />
        <PasswordInput
          label={t('fields.currentPassword')}
          autoComplete="current-password"
          required
          {...passwordToggleProps(t)}
          {...form.getInputProps('password')}
        />
        <TotpInput {...form.getInputProps('code')} />
        <Group gap="sm">
          <Button type="submit" color={danger ? 'red.9' : undefined} loading={mutation.isPending}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
