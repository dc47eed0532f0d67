// `/signup/practitioner`: a professional applies; HuntZen checks their credentials before they
// appear in the directory.
import {
  anyProfessionalIdProblem,
  PASSWORD_MIN_LENGTH,
  PractitionerSignupRequestSchema,
  SPECIALTIES,
} from '@huntzen/contracts';
import {
  Anchor,
  Button,
  Fieldset,
  MultiSelect,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCard } from '../../components/AuthCard';
import { FormAlert } from '../../components/FormAlert';
import { passwordToggleProps } from '../../components/password-props';
import { currentLanguage } from '../../i18n';
import { schemaValidator } from '../../lib/form';
import {
  emptyPractitioner,
  languageOptions,
  type PractitionerValues,
  practitionerRequest,
} from './practitioner-values';
import { useSignup } from './signup.api';
import { signupErrorMessage } from './signup-errors';

/** The practitioner application form. */
export function PractitionerSignupPage() {
  const { t, i18n } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<PractitionerValues>({
    initialValues: emptyPractitioner(),
    validate: schemaValidator(PractitionerSignupRequestSchema, t, practitionerRequest, {}, (values) => {
      // The profile's rule and wording, so a number accepted here is never refused later.
      const id = values.professionalId.replace(/\s+/g, '');
      const problem = id ? anyProfessionalIdProblem(id) : null;
      return problem ? { professionalId: t(`practitionerProfile.errors.${problem}` as const) } : {};
    }),
  });
  const mutation = useSignup('practitioner', (error) => setAlert(signupErrorMessage(form, error, t)));
  // biome-ignore lint/correctness/useExhaustiveDependencies: names follow the interface language
  const languages = useMemo(() => languageOptions(currentLanguage()), [i18n.language]);

  return (
    <AuthCard title={t('signup.practitioner.title')} subtitle={t('signup.practitioner.subtitle')} size="md">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setAlert(null);
          mutation.mutate({ body: practitionerRequest(values), email: values.email });
        })}
      >
        <Stack gap="lg">
          <FormAlert message={alert} />
          <Fieldset legend={t('signup.practitioner.identityLegend')} p={{ base: 'sm', sm: 'lg' }}>
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t('fields.professionalTitle')}
                  description={t('signup.practitioner.titleHelp')}
                  maxLength={20}
                  required
                  {...form.getInputProps('title')}
                />
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
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('fields.email')}
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
              </SimpleGrid>
            </Stack>
          </Fieldset>
          <Fieldset legend={t('signup.practitioner.practiceLegend')} p={{ base: 'sm', sm: 'lg' }}>
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('fields.specialty')}
                  placeholder={t('common.choose')}
                  required
                  data={SPECIALTIES.map((s) => ({ value: s, label: t(`specialties.${s}`) }))}
                  {...form.getInputProps('specialty')}
                />
                <TextInput
                  label={t('fields.professionalId')}
                  description={t('signup.practitioner.professionalIdHelp')}
                  {...form.getInputProps('professionalId')}
                />
                <NumberInput
                  label={t('fields.experience')}
                  min={0}
                  max={70}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps('experience')}
                />
                <MultiSelect
                  label={t('fields.consultationLanguages')}
                  required
                  searchable
                  data={languages}
                  {...form.getInputProps('languages')}
                />
              </SimpleGrid>
              <TagsInput
                label={t('fields.subSpecialties')}
                description={t('signup.practitioner.subSpecialtiesHelp')}
                maxTags={20}
                {...form.getInputProps('subSpecialties')}
              />
              <Textarea
                label={t('fields.bio')}
                description={t('signup.practitioner.bioHelp')}
                required
                autosize
                minRows={4}
                maxRows={12}
                {...form.getInputProps('bio')}
              />
            </Stack>
          </Fieldset>
          <Text size="sm" c="dimmed">
            {t('signup.practitioner.documentsNote')}
          </Text>
          <Button type="submit" size="md" loading={mutation.isPending}>
            {t('signup.practitioner.submit')}
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
