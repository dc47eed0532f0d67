// The avatar and cover card of the account page (employees and practitioners): a preview of both
// together, and the controls of each.
import { Alert, Card, Center, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../lib/form';
import { useAuth } from '../auth/auth-context';
import { useMedia } from './media.api';
import { PicturePreview } from './PicturePreview';
import { PictureSlotControls } from './PictureSlotControls';

/** The card, for the roles that have a profile picture (nothing for the others). */
export function ProfileMediaCard() {
  const { user } = useAuth();
  if (user?.role !== 'EMPLOYEE' && user?.role !== 'PRACTITIONER') return null;
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email;
  return <ProfileMediaEditor name={name} />;
}

function ProfileMediaEditor({ name }: { name: string }) {
  const { t } = useTranslation();
  const media = useMedia('profile');
  const [avatarPreview, setAvatarPreview] = useState<string | null>(null);
  const [coverPreview, setCoverPreview] = useState<string | null>(null);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="profile-media-title">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz="xl" id="profile-media-title">
            {t('media.profile.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('media.profile.description')}
          </Text>
        </Stack>
        {media.isPending ? (
          <Center p="lg">
            <Spinner />
          </Center>
        ) : media.isError ? (
          <Alert color="red" icon={<IconAlert />} role="alert">
            {errorMessage(media.error, t)}
          </Alert>
        ) : (
          <>
            <PicturePreview
              coverUrl={coverPreview ?? media.data.coverUrl}
              coverAlt={t('media.cover.alt')}
              pictureUrl={avatarPreview ?? media.data.avatarUrl}
              pictureAlt={t('media.avatar.alt')}
              shape="round"
              fallback={name}
              busy={Boolean(avatarPreview || coverPreview)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
              <Stack gap={6}>
                <Text fw={600}>{t('media.avatar.label')}</Text>
                <PictureSlotControls
                  area="profile"
                  slot="avatar"
                  hasPicture={Boolean(media.data.avatarUrl)}
                  onPreview={setAvatarPreview}
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
                  hasPicture={Boolean(media.data.coverUrl)}
                  onPreview={setCoverPreview}
                  labels={{
                    add: t('media.cover.add'),
                    change: t('media.cover.change'),
                    remove: t('media.cover.remove'),
                    hint: t('media.cover.hint'),
                  }}
                />
              </Stack>
            </SimpleGrid>
          </>
        )}
      </Stack>
    </Card>
  );
}
