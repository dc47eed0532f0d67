// Asks for a new verification e-mail (the answer never says whether the address exists).
import { ResendVerificationRequestSchema } from '@huntzen/contracts';
import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { IconMail } from '../../components/icons';
import { applyApiError, schemaValidator } from '../../lib/form';
import { resendVerification } from './auth.api';

/** E-mail field + "send again" button; `email` pre-fills it (from the sign-up result page). */
export function ResendVerificationForm({ email = '' }: { email?: string }) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email },
    validate: schemaValidator(ResendVerificationRequestSchema, t, (v: { email: string }) => v),
  });
  const mutation = useMutation({
    mutationFn: (values: typeof form.values) => resendVerification(values.email),
    onError: (error) => setAlert(applyApiError(form, error, t)),
  });

  if (mutation.isSuccess) {
    return (
      <Alert color="zen" icon={<IconMail />} role="status">
        {t('verify.resent', { email: form.values.email })}
      </Alert>
    );
  }
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setAlert(null);
        mutation.mutate(values);
      })}
    >
      <Stack gap="sm">
        <FormAlert message={alert} />
        <TextInput
          label={t('fields.email')}
          type="email"
          autoComplete="email"
          required
          {...form.getInputProps('email')}
        />
        <Button type="submit" variant="light" loading={mutation.isPending}>
          {t('verify.resend')}
        </Button>
      </Stack>
    </form>
  );
}
