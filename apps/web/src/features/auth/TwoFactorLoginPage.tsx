// `/login/2fa`: the second step of a login, with the 6-digit code of the authenticator app or one
// of the recovery codes. Reached only from /login (the challenge token travels in router state).
import { Anchor, Button, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { FormAlert } from '../../components/FormAlert';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { verifyTwoFactor } from './auth.api';
import { useAuth } from './auth-context';

type Method = 'code' | 'recovery';

/** The 2FA step of the login. */
export function TwoFactorLoginPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const location = useLocation();
  const challengeToken = (location.state as { challengeToken?: string } | null)?.challengeToken;
  const [method, setMethod] = useState<Method>('code');
  const [alert, setAlert] = useState<string | null>(null);

  const form = useForm({
    initialValues: { code: '', recoveryCode: '' },
    validate: {
      code: (value) => (method === 'code' && !/^\d{6}$/.test(value.trim()) ? t('validation.totp') : null),
      recoveryCode: (value) =>
        method === 'recovery' && value.trim().length < 8 ? t('validation.recoveryCode') : null,
    },
  });

  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      verifyTwoFactor(
        challengeToken ?? '',
        method === 'code' ? { code: values.code.trim() } : { recoveryCode: values.recoveryCode.trim() },
      ),
    onSuccess: signIn,
    onError: (error) => {
      if (isApiError(error, 'TWO_FACTOR_INVALID', 'VALIDATION_FAILED')) {
        form.setFieldError(method === 'code' ? 'code' : 'recoveryCode', t('twoFactor.invalidCode'));
      } else if (isApiError(error, 'UNAUTHENTICATED')) setAlert(t('twoFactor.expired'));
      else if (isApiError(error, 'ACCOUNT_LOCKED', 'RATE_LIMITED')) setAlert(t('login.locked'));
      else setAlert(errorMessage(error, t));
    },
  });

  // Opened directly (bookmark, reload): the challenge is gone, start again.
  if (!challengeToken) return <Navigate to="/login" replace />;

  return (
    <AuthCard title={t('twoFactor.loginTitle')} subtitle={t('twoFactor.loginSubtitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setAlert(null);
          mutation.mutate(values);
        })}
      >
        <Stack gap="md">
          <FormAlert message={alert} />
          <SegmentedControl
            fullWidth
            value={method}
            onChange={(value) => {
              setMethod(value as Method);
              form.clearErrors();
            }}
            aria-label={t('twoFactor.method')}
            data={[
              { value: 'code', label: t('twoFactor.useApp') },
              { value: 'recovery', label: t('twoFactor.useRecovery') },
            ]}
          />
          {method === 'code' ? (
            <TextInput
              key="code"
              label={t('fields.totpCode')}
              description={t('twoFactor.codeHelp')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              data-autofocus
              {...form.getInputProps('code')}
            />
          ) : (
            <TextInput
              key="recovery"
              label={t('fields.recoveryCode')}
              description={t('twoFactor.recoveryHelp')}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              required
              {...form.getInputProps('recoveryCode')}
            />
          )}
          <Button type="submit" size="md" loading={mutation.isPending} fullWidth>
            {t('twoFactor.verify')}
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/login">
              {t('twoFactor.backToLogin')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
