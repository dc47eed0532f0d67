// The free slots of the coming week as employees see them, computed by the API, grouped by day of
// the practitioner's zone.
import { Badge, Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/QueryState';
import { Spinner } from '../../components/Spinner';
import { useSlotPreview } from './availability.api';
import { calendarDateLabel, dateInZone, timeInZone } from './time';

/** The preview card of `practitionerId`'s next 7 days. */
export function SlotPreview({ practitionerId, timezone }: { practitionerId: string; timezone: string }) {
  const { t } = useTranslation();
  const preview = useSlotPreview(practitionerId);
  const zone = preview.data?.timezone ?? timezone;
  const days = new Map<string, { start: string; time: string }[]>();
  for (const slot of preview.data?.slots ?? []) {
    const day = dateInZone(slot.start, zone);
    days.set(day, [...(days.get(day) ?? []), { start: slot.start, time: timeInZone(slot.start, zone) }]);
  }

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="preview-title">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz="xl" id="preview-title">
            {t('availability.preview.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('availability.preview.description', { zone })}
          </Text>
        </Stack>
        {preview.isPending ? (
          <Center p="md">
            <Spinner />
          </Center>
        ) : preview.isError ? (
          <LoadError error={preview.error} />
        ) : days.size === 0 ? (
          <Text>{t('availability.preview.empty')}</Text>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {[...days.entries()].map(([day, times]) => (
              <li key={day}>
                <Group gap="md" align="flex-start" wrap="wrap">
                  <Stack gap={0} w={{ base: '100%', sm: 280 }}>
                    <Text fw={600}>{calendarDateLabel(day)}</Text>
                    <Text c="dimmed" size="sm">
                      {t('availability.preview.day', { count: times.length })}
                    </Text>
                  </Stack>
                  <Group gap="xs" style={{ flex: '1 1 300px' }}>
                    {times.map(({ start, time }) => (
                      <Badge key={start} variant="outline" color="zen" size="lg" radius="sm">
                        {time}
                      </Badge>
                    ))}
                  </Group>
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
