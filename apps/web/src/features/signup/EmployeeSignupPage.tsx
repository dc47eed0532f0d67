// `/signup/employee`: an employee creates their account with their work e-mail address.
import { EmployeeSignupRequestSchema, PASSWORD_MIN_LENGTH } from '@huntzen/contracts';
import { Alert, Anchor, Button, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { FormAlert } from '../../components/FormAlert';
import { IconLock } from '../../components/icons';
import { passwordToggleProps } from '../../components/password-props';
import { currentLanguage } from '../../i18n';
import { schemaValidator } from '../../lib/form';
import { useSignup } from './signup.api';
import { signupErrorMessage } from './signup-errors';

interface Values {
  firstName: string;
  lastName: string;
  email: string;
  password: string;
}

function toRequest(values: Values) {
  return { ...values, preferredLanguage: currentLanguage() };
}

/** The employee sign-up form. */
export function EmployeeSignupPage() {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { firstName: '', lastName: '', email: '', password: '' },
    validate: schemaValidator(EmployeeSignupRequestSchema, t, toRequest),
  });
  const mutation = useSignup('employee', (error) => setAlert(signupErrorMessage(form, error, t)));

  return (
    <AuthCard title={t('signup.employee.title')} subtitle={t('signup.employee.subtitle')} size="sm">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setAlert(null);
          mutation.mutate({ body: toRequest(values), email: values.email });
        })}
      >
        <Stack gap="md">
          <FormAlert message={alert} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('fields.firstName')}
              autoComplete="given-name"
              required
              {...form.getInputProps('firstName')}
            />
            <TextInput
              label={t('fields.lastName')}
              autoComplete="family-name"
              required
              {...form.getInputProps('lastName')}
            />
          </SimpleGrid>
          <TextInput
            label={t('fields.workEmail')}
            description={t('signup.employee.emailHelp')}
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('fields.password')}
            description={t('password.rule', { count: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            {...passwordToggleProps(t)}
            {...form.getInputProps('password')}
          />
          <Alert color="zen" variant="light" icon={<IconLock />}>
            {t('signup.employee.privacy')}
          </Alert>
          <Button type="submit" size="md" loading={mutation.isPending} fullWidth>
            {t('signup.submit')}
          </Button>
          <Text size="sm" ta="center">
            {t('signup.haveAccount')}{' '}
            <Anchor component={Link} to="/login">
              {t('auth.login')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
