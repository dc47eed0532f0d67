// Change the password (current one required), new one typed twice.
import { ChangePasswordRequestSchema, PASSWORD_MIN_LENGTH } from '@huntzen/contracts';
import { Button, Card, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { passwordToggleProps } from '../../components/password-props';
import { applyApiError, schemaValidator } from '../../lib/form';
import { changePassword } from './security.api';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}

const EMPTY: Values = { currentPassword: '', newPassword: '', confirmation: '' };

/** The password card of /account/security. */
export function ChangePasswordCard() {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: EMPTY,
    validate: schemaValidator(
      ChangePasswordRequestSchema,
      t,
      (v: Values) => ({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
      {},
      (v) => (v.confirmation !== v.newPassword ? { confirmation: t('validation.passwordsDiffer') } : {}),
    ),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => changePassword(values.currentPassword, values.newPassword),
    onSuccess: () => {
      form.setValues(EMPTY);
      notifications.show({ color: 'zen', message: t('security.passwordChanged') });
    },
    // A wrong current password is VALIDATION_FAILED on body.currentPassword: it lands on that field.
    onError: (error) => setAlert(applyApiError(form, error, t)),
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="password-title">
      <Stack gap="md">
        <Title order={2} fz="xl" id="password-title">
          {t('security.passwordTitle')}
        </Title>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setAlert(null);
            mutation.mutate(values);
          })}
        >
          <Stack gap="sm" maw={420}>
            <FormAlert message={alert} />
            <PasswordInput
              label={t('fields.currentPassword')}
              autoComplete="current-password"
              required
              {...passwordToggleProps(t)}
              {...form.getInputProps('currentPassword')}
            />
            <PasswordInput
              label={t('fields.newPassword')}
              description={t('password.rule', { count: PASSWORD_MIN_LENGTH })}
              autoComplete="new-password"
              required
              {...passwordToggleProps(t)}
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput
              label={t('fields.passwordConfirmation')}
              autoComplete="new-password"
              required
              {...passwordToggleProps(t)}
              {...form.getInputProps('confirmation')}
            />
            <Button type="submit" loading={mutation.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('security.changePassword')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
