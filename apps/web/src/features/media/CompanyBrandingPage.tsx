// The company's logo and cover (HR), shown in its employees' interface (the header shows the logo)
// and in the e-mails they receive. A card of HR's company settings page (features/companies).
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

/** The company pictures card: logo and cover, each uploaded, changed or removed on its own. */
export function CompanyPicturesCard() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const media = useMedia('company');
  const [logoPreview, setLogoPreview] = useState<string | null>(null);
  const [coverPreview, setCoverPreview] = useState<string | null>(null);
  const name = user?.company?.name ?? '';

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="company-media-title">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz="xl" id="company-media-title">
            {t('media.company.pictures')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('media.company.subtitle', { name })}
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
              coverAlt={t('media.company.coverAlt', { name })}
              pictureUrl={logoPreview ?? media.data.logoUrl}
              pictureAlt={t('media.logo.alt', { name })}
              shape="square"
              fallback={name}
              busy={Boolean(logoPreview || coverPreview)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
              <Stack gap={6}>
                <Text fw={600}>{t('media.logo.label')}</Text>
                <PictureSlotControls
                  area="company"
                  slot="logo"
                  hasPicture={Boolean(media.data.logoUrl)}
                  onPreview={setLogoPreview}
                  labels={{
                    add: t('media.logo.add'),
                    change: t('media.logo.change'),
                    remove: t('media.logo.remove'),
                    hint: t('media.logo.hint'),
                  }}
                />
              </Stack>
              <Stack gap={6}>
                <Text fw={600}>{t('media.cover.label')}</Text>
                <PictureSlotControls
                  area="company"
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
