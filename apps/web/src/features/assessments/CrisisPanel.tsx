// Shown at once when PHQ-9 item 9 is above 0: the emergency numbers (the crisis feature's list),
// SOS Amitié, and whether the practitioner was alerted.
import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { IconLifebuoy } from '../../components/icons';
import { CrisisResources } from '../crisis/CrisisResources';

/** The crisis help, announced to screen readers and focused when it appears. */
export function CrisisPanel({ alerted }: { alerted: boolean }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <Alert
      color="red"
      variant="outline"
      icon={<IconLifebuoy />}
      role="alert"
      aria-labelledby="crisis-help-title"
      data-testid="crisis-help"
    >
      <Stack gap="md">
        <Title order={2} fz="h3" id="crisis-help-title" ref={heading} tabIndex={-1}>
          {t('assessments.crisis.title')}
        </Title>
        <Text>{t('assessments.crisis.lead')}</Text>
        <CrisisResources />
        <Text fw={600}>
          <Anchor href="tel:+33972394050" c="red.9">
            {t('assessments.crisis.sos')}
          </Anchor>
        </Text>
        {alerted ? <Text size="sm">{t('assessments.crisis.alerted')}</Text> : null}
      </Stack>
    </Alert>
  );
}
