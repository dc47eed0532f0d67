// `/app/availability` (PRACTITIONER): the weekly schedule, the exceptions and a preview of the free
// slots of the coming week, all in the practitioner's time zone (labelled).
import './availability.css';
import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconClock } from '../../components/icons';
import { LoadError, Loading } from '../../components/QueryState';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { useWeeklySchedule } from './availability.api';
import { ExceptionsCard } from './ExceptionsCard';
import { SlotPreview } from './SlotPreview';
import { todayIn } from './time';
import { WeeklyScheduleForm } from './WeeklyScheduleForm';

/** Exceptions may be planned up to two years ahead (as the API allows). */
const plusYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

/** The availability page. */
export function AvailabilityPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  usePageTitle(t('availability.title'));
  const schedule = useWeeklySchedule();

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('availability.title')}</Title>
        <Text c="dimmed">{t('availability.subtitle')}</Text>
      </Stack>
      {schedule.isPending ? (
        <Loading />
      ) : schedule.isError ? (
        <LoadError error={schedule.error} />
      ) : (
        <>
          <Group gap="sm">
            <Badge size="lg" variant="light" color="zen" leftSection={<IconClock size={14} />}>
              {t('availability.timezone', { zone: schedule.data.timezone })}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('availability.timezoneHint')}
            </Text>
          </Group>
          {/* Keyed by the saved schedule: the form starts again from what the server kept. */}
          <WeeklyScheduleForm key={JSON.stringify(schedule.data)} schedule={schedule.data} />
          <ExceptionsCard
            today={todayIn(schedule.data.timezone)}
            maxDate={plusYears(todayIn(schedule.data.timezone), 2)}
          />
          {user?.practitionerId ? (
            <SlotPreview practitionerId={user.practitionerId} timezone={schedule.data.timezone} />
          ) : null}
        </>
      )}
    </Stack>
  );
}
