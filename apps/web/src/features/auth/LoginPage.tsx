// `/login`: e-mail and password; a 2FA account continues on /login/2fa. A successful login leaves
// this page through the AnonymousOnly guard (back to where the user was going).
import { LoginRequestSchema } from '@huntzen/contracts';
import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { FormAlert } from '../../components/FormAlert';
import { passwordToggleProps } from '../../components/password-props';
import { ApiError } from '../../lib/api-error';
import { errorMessage, schemaValidator } from '../../lib/form';
import { login } from './auth.api';
import { useAuth } from './auth-context';

function loginErrorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return errorMessage(error, t);
  switch (error.code) {
    case 'UNAUTHENTICATED':
    case 'VALIDATION_FAILED':
      return t('login.invalidCredentials');
    case 'ACCOUNT_LOCKED':
    case 'RATE_LIMITED':
      return t('login.locked');
    case 'EMAIL_NOT_VERIFIED':
      return t('login.emailNotVerified');
    case 'ACCOUNT_PENDING_APPROVAL':
      return t('login.pendingApproval');
    case 'ACCOUNT_DISABLED':
      return t('login.disabled');
    case 'FORBIDDEN':
      return t('login.notActive');
    default:
      return errorMessage(error, t);
  }
}

/** The login form. */
export function LoginPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [alert, setAlert] = useState<string | null>(null);

  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: schemaValidator(LoginRequestSchema, t, (v: { email: string; password: string }) => v),
  });

  const mutation = useMutation({
    mutationFn: (values: typeof form.values) => login(values.email, values.password),
    onSuccess: (result) => {
      if (result.status === 'OK') signIn(result);
      else {
        navigate('/login/2fa', {
          state: { challengeToken: result.challengeToken, from: (location.state as { from?: string })?.from },
        });
      }
    },
    onError: (error) => setAlert(loginErrorMessage(error, t)),
  });

  return (
    <AuthCard title={t('login.title')} subtitle={t('login.subtitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setAlert(null);
          mutation.mutate(values);
        })}
      >
        <Stack gap="md">
          <FormAlert message={alert} />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            {...passwordToggleProps(t)}
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('login.forgot')}
            </Anchor>
          </Group>
          <Button type="submit" size="md" loading={mutation.isPending} fullWidth>
            {t('login.submit')}
          </Button>
          <Text size="sm" ta="center">
            {t('login.noAccount')}{' '}
            <Anchor component={Link} to="/signup">
              {t('auth.signup')}
            </Anchor>
          </Text>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/verify-email">
              {t('login.resendVerification')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
