// The consent text of the current version, plain and short, as a labelled region.
import { CURRENT_CONSENT_VERSION } from '@huntzen/contracts';
import { Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconLock } from '../../components/icons';
import { currentConsentText } from './consent-texts';

/** The text to accept; `headingOrder` fits it into the page's outline. */
export function ConsentText({ headingOrder = 2 }: { headingOrder?: 2 | 3 }) {
  const { t } = useTranslation();
  const text = currentConsentText();
  return (
    <Stack gap="sm" component="section" aria-labelledby="consent-text-title">
      <Group gap="sm" justify="space-between" wrap="wrap">
        <Title order={headingOrder} fz="lg" id="consent-text-title">
          {t(text.title)}
        </Title>
        <Badge variant="light" color="gray">
          {t('onboarding.consent.version', { version: CURRENT_CONSENT_VERSION })}
        </Badge>
      </Group>
      <Text>{t(text.intro)}</Text>
      <List spacing="xs" icon={<IconLock size={16} />} center={false}>
        {text.points.map((point) => (
          <List.Item key={point}>{t(point)}</List.Item>
        ))}
      </List>
      <Text size="sm" c="dimmed">
        {t(text.closing)}
      </Text>
    </Stack>
  );
}
