// The avatar and cover card of the account page (employees and practitioners): a preview of both
// together, and the controls of each.
import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-context';
import { PicturesEditor } from './PicturesEditor';

/** The card, for the roles that have a profile picture (nothing for the others). */
export function ProfileMediaCard() {
  const { user } = useAuth();
  if (user?.role !== 'EMPLOYEE' && user?.role !== 'PRACTITIONER') return null;
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email;
  return <ProfileMediaEditor name={name} />;
}

function ProfileMediaEditor({ name }: { name: string }) {
  const { t } = useTranslation();

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
        <PicturesEditor
          area="profile"
          pictureAlt={t('media.avatar.alt')}
          coverAlt={t('media.cover.alt')}
          fallback={name}
        />
      </Stack>
    </Card>
  );
}
