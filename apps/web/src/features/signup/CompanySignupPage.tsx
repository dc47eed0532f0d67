// `/signup/company`: a company registers with its first HR administrator; HuntZen validates it.
import { COMPANY_SIZES, CompanySignupRequestSchema, PASSWORD_MIN_LENGTH } from '@huntzen/contracts';
import {
  Anchor,
  Button,
  Divider,
  Fieldset,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { FormAlert } from '../../components/FormAlert';
import { passwordToggleProps } from '../../components/password-props';
import { schemaValidator } from '../../lib/form';
import { type CompanyValues, companyRequest, EMPTY_COMPANY } from './company-values';
import { EmailDomainsField } from './EmailDomainsField';
import { useSignup } from './signup.api';
import { signupErrorMessage } from './signup-errors';

/** The company sign-up form. */
export function CompanySignupPage() {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<CompanyValues>({
    initialValues: EMPTY_COMPANY,
    validate: schemaValidator(CompanySignupRequestSchema, t, companyRequest, {
      'company.siret': 'validation.siret',
      'company.emailDomains.*': 'validation.domain',
    }),
  });
  const mutation = useSignup('company', (error) =>
    setAlert(signupErrorMessage(form, error, t, 'admin.email')),
  );

  return (
    <AuthCard title={t('signup.company.title')} subtitle={t('signup.company.subtitle')} size="md">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setAlert(null);
          mutation.mutate({ body: companyRequest(values), email: values.admin.email });
        })}
      >
        <Stack gap="lg">
          <FormAlert message={alert} />
          <Fieldset legend={t('signup.company.companyLegend')} p={{ base: 'sm', sm: 'lg' }}>
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('fields.companyName')}
                  autoComplete="organization"
                  required
                  {...form.getInputProps('company.name')}
                />
                <TextInput label={t('fields.legalName')} {...form.getInputProps('company.legalName')} />
                <TextInput
                  label={t('fields.siret')}
                  description={t('signup.company.siretHelp')}
                  inputMode="numeric"
                  {...form.getInputProps('company.siret')}
                />
                <Select
                  label={t('fields.companySize')}
                  placeholder={t('common.choose')}
                  clearable
                  data={COMPANY_SIZES.map((size) => ({ value: size, label: t(`companySize.${size}`) }))}
                  {...form.getInputProps('company.size')}
                />
                <TextInput label={t('fields.sector')} {...form.getInputProps('company.sector')} />
                <TextInput
                  label={t('fields.city')}
                  autoComplete="address-level2"
                  {...form.getInputProps('company.city')}
                />
                <TextInput
                  label={t('fields.contactPhone')}
                  type="tel"
                  autoComplete="tel"
                  {...form.getInputProps('company.contactPhone')}
                />
              </SimpleGrid>
              <Divider />
              <EmailDomainsField form={form} />
            </Stack>
          </Fieldset>
          <Fieldset legend={t('signup.company.adminLegend')} p={{ base: 'sm', sm: 'lg' }}>
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                {t('signup.company.adminHelp')}
              </Text>
              <TextInput
                maw={360}
                label={t('displayName.label')}
                description={t('displayName.help')}
                autoComplete="name"
                {...form.getInputProps('admin.displayName')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('fields.workEmail')}
                  type="email"
                  autoComplete="email"
                  required
                  {...form.getInputProps('admin.email')}
                />
                <PasswordInput
                  label={t('fields.password')}
                  description={t('password.rule', { count: PASSWORD_MIN_LENGTH })}
                  autoComplete="new-password"
                  required
                  {...passwordToggleProps(t)}
                  {...form.getInputProps('admin.password')}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>
          <Button type="submit" size="md" loading={mutation.isPending}>
            {t('signup.company.submit')}
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
