// The emergency numbers (France) and the plain statement that HuntZen is not an emergency service.
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconPhone } from '../../components/icons';

const NUMBERS = [
  { number: '3114', key: 'suicide' },
  { number: '15', key: 'samu' },
  { number: '112', key: 'europe' },
] as const;

/** The list of numbers as tel: links, large enough to tap on a phone. */
export function CrisisResources() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="red" variant="light" icon={<IconAlert />} title={t('crisis.notEmergencyTitle')}>
        {t('crisis.notEmergency')}
      </Alert>
      <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {NUMBERS.map(({ number, key }) => (
          <li key={number}>
            <Button
              component="a"
              href={`tel:${number}`}
              variant="outline"
              color="red.9"
              size="lg"
              fullWidth
              justify="flex-start"
              leftSection={<IconPhone />}
              h="auto"
              py="sm"
              aria-label={t('crisis.callLabel', { number, name: t(`crisis.numbers.${key}.name`) })}
            >
              <Stack gap={0} align="flex-start">
                <Text fw={700} fz="xl" lh={1.2}>
                  {number}
                </Text>
                <Text fz="sm" c="dark.7" style={{ whiteSpace: 'normal', textAlign: 'left' }}>
                  {t(`crisis.numbers.${key}.name`)} — {t(`crisis.numbers.${key}.when`)}
                </Text>
              </Stack>
            </Button>
          </li>
        ))}
      </Stack>
      <Text size="sm">{t('crisis.abroad')}</Text>
    </Stack>
  );
}
