// `/forgot-password`: asks for a reset link. The answer never says whether the address exists.
import { PasswordResetRequestSchema } from '@huntzen/contracts';
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { FormAlert } from '../../components/FormAlert';
import { IconMail } from '../../components/icons';
import { applyApiError, schemaValidator } from '../../lib/form';
import { requestPasswordReset } from './auth.api';

/** The "forgot password" form and its confirmation. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '' },
    validate: schemaValidator(PasswordResetRequestSchema, t, (v: { email: string }) => v),
  });
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) => requestPasswordReset(values.email),
    onError: (error) => setAlert(applyApiError(form, error, t)),
  });

  return (
    <AuthCard title={t('forgot.title')} subtitle={mutation.isSuccess ? undefined : t('forgot.subtitle')}>
      {mutation.isSuccess ? (
        <Stack gap="md">
          <Alert color="zen" icon={<IconMail />} title={t('forgot.sentTitle')} role="status">
            {t('forgot.sent', { email: form.values.email })}
          </Alert>
          <Anchor component={Link} to="/login">
            {t('common.backToLogin')}
          </Anchor>
        </Stack>
      ) : (
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
              autoComplete="email"
              required
              {...form.getInputProps('email')}
            />
            <Button type="submit" size="md" loading={mutation.isPending} fullWidth>
              {t('forgot.submit')}
            </Button>
            <Text size="sm" ta="center">
              <Anchor component={Link} to="/login">
                {t('common.backToLogin')}
              </Anchor>
            </Text>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
