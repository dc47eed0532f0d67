// The company's logo and cover (HR), shown in its employees' interface (the header shows the logo)
// and in the e-mails they receive. A card of HR's company settings page (features/companies).
import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-context';
import { PicturesEditor } from './PicturesEditor';

/** The company pictures card: logo and cover, each uploaded, changed or removed on its own. */
export function CompanyPicturesCard() {
  const { t } = useTranslation();
  const { user } = useAuth();
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
        <PicturesEditor
          area="company"
          pictureAlt={t('media.logo.alt', { name })}
          coverAlt={t('media.company.coverAlt', { name })}
          fallback={name}
        />
      </Stack>
    </Card>
  );
}
