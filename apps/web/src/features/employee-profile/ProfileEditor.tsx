// The profile's edit mode: the pictures (saved at once, as on the account page) and a form for the
// fields (saved together). The language takes effect in the interface when saved.
import { BIO_MAX_LENGTH, type EmployeeProfile, UpdateEmployeeProfileRequestSchema } from '@huntzen/contracts';
import { Button, Card, Group, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { changeLanguage } from '../../i18n';
import { schemaValidator } from '../../lib/form';
import { useMedia } from '../media/media.api';
import { PictureSlotControls } from '../media/PictureSlotControls';
import { useUpdateProfile } from './employee-profile.api';
import {
  applyProfileError,
  LanguageRadios,
  PROFILE_MESSAGES,
  type ProfileFormValues,
  profileFormValues,
  profileRequest,
  TimeZoneSelect,
} from './profile-form';

/** Edit mode of the profile page; `onClose` returns to the profile. */
export function ProfileEditor(props: {
  profile: EmployeeProfile;
  /** A picture being uploaded (data URL), or null when done. */
  onPreview(slot: 'avatar' | 'cover', url: string | null): void;
  onClose(): void;
}) {
  const { profile, onClose } = props;
  const { t } = useTranslation();
  const save = useUpdateProfile();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<ProfileFormValues>({
    initialValues: profileFormValues(profile),
    validate: schemaValidator(UpdateEmployeeProfileRequestSchema, t, profileRequest, PROFILE_MESSAGES),
  });
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  const submit = form.onSubmit((values) => {
    setAlert(null);
    save.mutate(profileRequest(values), {
      onSuccess: (saved) => {
        changeLanguage(saved.preferredLanguage);
        notifications.show({
          color: 'zen',
          message: t('employeeProfile.saved'),
          closeButtonProps: { 'aria-label': t('common.close') },
        });
        onClose();
      },
      onError: (error) => setAlert(applyProfileError(form, error, t)),
    });
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="profile-edit-title">
      <Stack gap="lg">
        <Title order={2} fz="lg" id="profile-edit-title" ref={titleRef} tabIndex={-1}>
          {t('employeeProfile.editTitle')}
        </Title>
        <PicturesEditor onPreview={props.onPreview} />
        <form noValidate onSubmit={submit}>
          <Stack gap="md">
            <FormAlert message={alert} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('employeeProfile.fields.firstName')}
                autoComplete="given-name"
                required
                {...form.getInputProps('firstName')}
              />
              <TextInput
                label={t('employeeProfile.fields.lastName')}
                autoComplete="family-name"
                required
                {...form.getInputProps('lastName')}
              />
              <TextInput
                label={t('employeeProfile.fields.position')}
                placeholder={t('employeeProfile.placeholders.position')}
                required
                {...form.getInputProps('position')}
              />
              <TextInput
                label={t('employeeProfile.fields.department')}
                placeholder={t('employeeProfile.placeholders.department')}
                required
                {...form.getInputProps('department')}
              />
            </SimpleGrid>
            <Textarea
              label={t('employeeProfile.fields.bio')}
              description={t('employeeProfile.bioCount', {
                count: form.values.bio.trim().length,
                max: BIO_MAX_LENGTH,
              })}
              autosize
              minRows={4}
              maxRows={12}
              {...form.getInputProps('bio')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('employeeProfile.fields.location')}
                placeholder={t('employeeProfile.placeholders.location')}
                autoComplete="address-level2"
                {...form.getInputProps('location')}
              />
              <TextInput
                label={t('employeeProfile.fields.phoneNumber')}
                placeholder={t('employeeProfile.placeholders.phoneNumber')}
                type="tel"
                autoComplete="tel"
                {...form.getInputProps('phoneNumber')}
              />
              <LanguageRadios
                value={form.values.preferredLanguage}
                error={form.errors.preferredLanguage}
                onChange={(language) => form.setFieldValue('preferredLanguage', language)}
              />
              <TimeZoneSelect {...form.getInputProps('timezone')} />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={save.isPending}>
                {t('employeeProfile.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('employeeProfile.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

/** The avatar and cover buttons (each picture is saved as soon as it is chosen). */
function PicturesEditor({ onPreview }: { onPreview(slot: 'avatar' | 'cover', url: string | null): void }) {
  const { t } = useTranslation();
  const media = useMedia('profile');
  return (
    <Stack gap="sm" component="section" aria-labelledby="profile-pictures-title">
      <Title order={3} fz="md" id="profile-pictures-title">
        {t('employeeProfile.picturesTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Stack gap={6}>
          <Text fw={600}>{t('media.avatar.label')}</Text>
          <PictureSlotControls
            area="profile"
            slot="avatar"
            hasPicture={Boolean(media.data?.avatarUrl)}
            onPreview={(url) => onPreview('avatar', url)}
            labels={{
              add: t('media.avatar.add'),
              change: t('media.avatar.change'),
              remove: t('media.avatar.remove'),
              hint: t('media.avatar.hint'),
            }}
          />
        </Stack>
        <Stack gap={6}>
          <Text fw={600}>{t('media.cover.label')}</Text>
          <PictureSlotControls
            area="profile"
            slot="cover"
            hasPicture={Boolean(media.data?.coverUrl)}
            onPreview={(url) => onPreview('cover', url)}
            labels={{
              add: t('media.cover.add'),
              change: t('media.cover.change'),
              remove: t('media.cover.remove'),
              hint: t('media.cover.hint'),
            }}
          />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
