// `/reset-password?token=…` (and `&invite=1` for a new HuntZen admin): choose a new password,
// typed twice.
import { PASSWORD_MIN_LENGTH, PasswordResetConfirmSchema } from '@huntzen/contracts';
import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { FormAlert } from '../../components/FormAlert';
import { IconAlert, IconCheck } from '../../components/icons';
import { passwordToggleProps } from '../../components/password-props';
import { ApiError } from '../../lib/api-error';
import { applyApiError, schemaValidator } from '../../lib/form';
import { confirmPasswordReset } from './auth.api';

interface Values {
  newPassword: string;
  confirmation: string;
}

function isInvalidLink(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'TOKEN_INVALID' ||
      error.code === 'NOT_FOUND' ||
      error.code === 'UNAUTHENTICATED' ||
      error.code === 'ILLEGAL_TRANSITION' ||
      error.fieldErrors.some((e) => e.path === 'body.token'))
  );
}

/** The new-password form. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const invite = params.get('invite') === '1';
  const [alert, setAlert] = useState<string | null>(null);

  const form = useForm<Values>({
    initialValues: { newPassword: '', confirmation: '' },
    validate: schemaValidator(
      PasswordResetConfirmSchema,
      t,
      (v: Values) => ({ token, newPassword: v.newPassword }),
      {},
      (v) => (v.confirmation !== v.newPassword ? { confirmation: t('validation.passwordsDiffer') } : {}),
    ),
  });

  const mutation = useMutation({
    mutationFn: (values: Values) => confirmPasswordReset(token, values.newPassword),
    onError: (error) => setAlert(isInvalidLink(error) ? null : applyApiError(form, error, t)),
  });

  const title = invite ? t('reset.inviteTitle') : t('reset.title');
  const invalid = token.length < 20 || (mutation.isError && isInvalidLink(mutation.error));

  if (invalid) {
    return (
      <AuthCard title={title}>
        <Alert color="red" icon={<IconAlert />} title={t('reset.invalidTitle')} role="alert">
          {t('reset.invalid')}
        </Alert>
        <Button component={Link} to="/forgot-password" variant="light">
          {t('reset.askAgain')}
        </Button>
      </AuthCard>
    );
  }

  if (mutation.isSuccess) {
    return (
      <AuthCard title={title}>
        <Alert color="zen" icon={<IconCheck />} title={t('reset.doneTitle')} role="status">
          {t('reset.done')}
        </Alert>
        <Button component={Link} to="/login">
          {t('auth.login')}
        </Button>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={title} subtitle={invite ? t('reset.inviteSubtitle') : t('reset.subtitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setAlert(null);
          mutation.mutate(values);
        })}
      >
        <Stack gap="md">
          <FormAlert message={alert} />
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
          <Button type="submit" size="md" loading={mutation.isPending} fullWidth>
            {invite ? t('reset.inviteSubmit') : t('reset.submit')}
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/login">
              {t('common.backToLogin')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
