// The application and public profile form: identity and professional number, practice, and
// consultation settings. Read-only while HuntZen reviews it; once validated, the fields HuntZen
// verified stay as they are.
import { PROFESSIONAL_ID_KINDS, type PractitionerApplication, SPECIALTIES } from '@huntzen/contracts';
import {
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { ApiError } from '../../lib/api-error';
import { applyApiError } from '../../lib/form';
import { applicationErrorMessage } from './application-errors';
import { languageOptions, timeZoneOptions } from './language-options';
import { useUpdateProfile } from './practitioner-profile.api';
import {
  type ProfileValues,
  profileRequest,
  profileValidator,
  profileValues,
  translatedFieldErrors,
} from './profile-values';

const FORMATS = ['offersVideo', 'offersPhone', 'offersInPerson'] as const;

/** The profile form of the practitioner's page. */
export function PractitionerProfileForm({ application }: { application: PractitionerApplication }) {
  const { t, i18n } = useTranslation();
  const readOnly = application.status === 'SUBMITTED';
  const lockVerified = application.status === 'VALIDATED';
  const [alert, setAlert] = useState<string | null>(null);
  const update = useUpdateProfile();
  const form = useForm<ProfileValues>({
    initialValues: profileValues(application),
    validate: profileValidator(t, () => lockVerified),
  });
  // A new state (sent, validated, refused) brings the stored values back into the form.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a change of state only
  useEffect(() => {
    form.setValues(profileValues(application));
    form.resetDirty();
  }, [application.status]);
  const languages = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const zones = useMemo(() => timeZoneOptions(application.timezone), [application.timezone]);
  const verifiedHelp = lockVerified ? t('practitionerProfile.form.verifiedHelp') : undefined;

  const onSubmit = form.onSubmit((values) => {
    setAlert(null);
    update.mutate(profileRequest(values, lockVerified), {
      onSuccess: (saved) => {
        form.setValues(profileValues(saved));
        form.resetDirty();
        notifications.show({ color: 'zen', message: t('practitionerProfile.form.saved') });
      },
      onError: (error) =>
        setAlert(
          error instanceof ApiError && error.fieldErrors.length > 0
            ? applyApiError(form, translatedFieldErrors(error, t), t)
            : applicationErrorMessage(error, t),
        ),
    });
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="profile-form-title">
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="lg">
          <Stack gap={4}>
            <Title order={2} fz="xl" id="profile-form-title">
              {t('practitionerProfile.form.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {readOnly ? t('practitionerProfile.form.readOnly') : t('practitionerProfile.form.description')}
            </Text>
          </Stack>
          <FormAlert message={alert} />
          <Fieldset
            legend={t('practitionerProfile.form.identity')}
            disabled={readOnly}
            p={{ base: 'sm', sm: 'lg' }}
          >
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t('fields.professionalTitle')}
                  description={t('practitionerProfile.form.titleHelp')}
                  maxLength={20}
                  required
                  {...form.getInputProps('title')}
                />
                <TextInput
                  label={t('fields.firstName')}
                  required
                  disabled={lockVerified}
                  {...form.getInputProps('firstName')}
                />
                <TextInput
                  label={t('fields.lastName')}
                  required
                  disabled={lockVerified}
                  {...form.getInputProps('lastName')}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select
                  label={t('practitionerProfile.form.professionalIdKind')}
                  placeholder={t('common.choose')}
                  required
                  disabled={lockVerified}
                  data={PROFESSIONAL_ID_KINDS.map((kind) => ({
                    value: kind,
                    label: t(`practitionerProfile.idKinds.${kind}`),
                  }))}
                  {...form.getInputProps('professionalIdKind')}
                />
                <TextInput
                  label={t('practitionerProfile.form.professionalId')}
                  description={verifiedHelp ?? t('practitionerProfile.form.professionalIdHelp')}
                  inputMode="numeric"
                  autoComplete="off"
                  required
                  disabled={lockVerified}
                  {...form.getInputProps('professionalId')}
                />
                <Select
                  label={t('fields.specialty')}
                  placeholder={t('common.choose')}
                  required
                  disabled={lockVerified}
                  data={SPECIALTIES.map((s) => ({ value: s, label: t(`specialties.${s}`) }))}
                  {...form.getInputProps('specialty')}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset
            legend={t('practitionerProfile.form.practice')}
            disabled={readOnly}
            p={{ base: 'sm', sm: 'lg' }}
          >
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <MultiSelect
                  label={t('fields.consultationLanguages')}
                  required
                  searchable
                  maxValues={10}
                  data={languages}
                  nothingFoundMessage={t('practitionerProfile.form.noLanguage')}
                  {...form.getInputProps('languages')}
                />
                <NumberInput
                  label={t('fields.experience')}
                  min={0}
                  max={70}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps('experience')}
                />
              </SimpleGrid>
              <TagsInput
                label={t('fields.subSpecialties')}
                description={t('practitionerProfile.form.tagsHelp')}
                maxTags={20}
                {...form.getInputProps('subSpecialties')}
              />
              <Textarea
                label={t('fields.bio')}
                description={t('practitionerProfile.form.bioHelp')}
                required
                autosize
                minRows={4}
                maxRows={12}
                {...form.getInputProps('bio')}
              />
              <Textarea
                label={t('practitionerProfile.form.education')}
                autosize
                minRows={2}
                maxRows={8}
                {...form.getInputProps('education')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TagsInput
                  label={t('practitionerProfile.form.diplomas')}
                  description={t('practitionerProfile.form.tagsHelp')}
                  maxTags={20}
                  {...form.getInputProps('diplomas')}
                />
                <TagsInput
                  label={t('practitionerProfile.form.certifications')}
                  description={t('practitionerProfile.form.tagsHelp')}
                  maxTags={20}
                  {...form.getInputProps('certifications')}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset
            legend={t('practitionerProfile.form.consultations')}
            disabled={readOnly}
            p={{ base: 'sm', sm: 'lg' }}
          >
            <Stack gap="md">
              <Checkbox.Group
                label={t('practitionerProfile.form.formats')}
                description={t('practitionerProfile.form.formatsHelp')}
                error={form.errors.offersVideo}
                withAsterisk
                value={FORMATS.filter((f) => form.values[f])}
                onChange={(chosen) => {
                  for (const f of FORMATS) form.setFieldValue(f, chosen.includes(f));
                  form.clearFieldError('offersVideo');
                }}
              >
                <Group gap="lg" mt="xs">
                  <Checkbox value="offersVideo" label={t('practitionerProfile.formats.video')} />
                  <Checkbox value="offersPhone" label={t('practitionerProfile.formats.phone')} />
                  <Checkbox value="offersInPerson" label={t('practitionerProfile.formats.inPerson')} />
                </Group>
              </Checkbox.Group>
              {form.values.offersInPerson ? (
                <TextInput
                  label={t('practitionerProfile.form.inPersonAddress')}
                  autoComplete="street-address"
                  required
                  {...form.getInputProps('inPersonAddress')}
                />
              ) : null}
              <TextInput
                label={t('practitionerProfile.form.videoUrl')}
                description={t('practitionerProfile.form.videoUrlHelp')}
                type="url"
                placeholder="https://"
                {...form.getInputProps('videoUrl')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label={t('practitionerProfile.form.defaultDuration')}
                  description={t('practitionerProfile.form.minutesRange', { min: 20, max: 120 })}
                  min={20}
                  max={120}
                  step={5}
                  allowDecimal={false}
                  allowNegative={false}
                  required
                  {...form.getInputProps('defaultDuration')}
                />
                <NumberInput
                  label={t('practitionerProfile.form.bufferTime')}
                  description={t('practitionerProfile.form.minutesRange', { min: 0, max: 60 })}
                  min={0}
                  max={60}
                  step={5}
                  allowDecimal={false}
                  allowNegative={false}
                  required
                  {...form.getInputProps('bufferTime')}
                />
                <Select
                  label={t('practitionerProfile.form.timezone')}
                  searchable
                  required
                  data={zones}
                  allowDeselect={false}
                  {...form.getInputProps('timezone')}
                />
                <Select
                  label={t('practitionerProfile.form.preferredLanguage')}
                  description={t('practitionerProfile.form.preferredLanguageHelp')}
                  required
                  allowDeselect={false}
                  data={[
                    { value: 'fr', label: 'Français' },
                    { value: 'en', label: 'English' },
                  ]}
                  {...form.getInputProps('preferredLanguage')}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>
          {readOnly ? null : (
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('practitionerProfile.form.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}
