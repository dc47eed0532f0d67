// "Join the waitlist" on a practitioner's booking card (employees): wait for a freed slot between
// two dates. When a consultation of the practitioner in that range is cancelled or moved, the
// waiters are told in the order they joined (a notification and an e-mail); the first to book gets
// the slot. Shows the employee's entry (dates, place in the queue) with a way to leave it.
import { WAITLIST_RULES } from '@huntzen/contracts';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { IconAlert, IconCheck } from '../../components/icons';
import { formatLocale } from '../../i18n';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { useJoinWaitlist, useLeaveWaitlist, useWaitlist } from './waitlist.api';

const dayLabel = (iso: string, zone: string) =>
  DateTime.fromISO(iso, { zone }).setLocale(formatLocale()).toLocaleString(DateTime.DATE_FULL);

/** The waitlist part of the booking card. */
export function WaitlistCard({
  practitionerId,
  name,
  zone,
}: {
  practitionerId: string;
  name: string;
  zone: string;
}) {
  const { t } = useTranslation();
  const waitlist = useWaitlist();
  const join = useJoinWaitlist();
  const leave = useLeaveWaitlist();
  const today = DateTime.now().setZone(zone).toISODate()!;
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(() => DateTime.now().setZone(zone).plus({ days: 30 }).toISODate()!);
  const entry = waitlist.data?.items.find((e) => e.practitionerId === practitionerId);
  const maxTo = DateTime.fromISO(from || today, { zone })
    .plus({ days: WAITLIST_RULES.maxRangeDays - 1 })
    .toISODate()!;
  const reversed = Boolean(from && to && to < from);

  const submit = () => {
    const start = DateTime.fromISO(from, { zone }).startOf('day');
    const end = DateTime.fromISO(to, { zone }).plus({ days: 1 }).startOf('day');
    join.mutate({
      practitionerId,
      from: start.toUTC().toISO({ suppressMilliseconds: true })!,
      to: end.toUTC().toISO({ suppressMilliseconds: true })!,
    });
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="waitlist-title">
      <Title order={3} fz="md" id="waitlist-title">
        {t('booking.waitlist.title')}
      </Title>
      {entry ? (
        <Stack gap="sm">
          <Alert color="zen" icon={<IconCheck />} role="status">
            {t('booking.waitlist.joined', {
              name,
              from: dayLabel(entry.from, zone),
              to: dayLabel(DateTime.fromISO(entry.to).minus({ minutes: 1 }).toISO()!, zone),
              position: entry.position,
            })}
          </Alert>
          <Text size="sm" c="dimmed">
            {t('booking.waitlist.rule')}
          </Text>
          <Group>
            <Button variant="default" loading={leave.isPending} onClick={() => leave.mutate(entry.id)}>
              {t('booking.waitlist.leave')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t('booking.waitlist.intro', { name })}</Text>
          <Group gap="md" align="flex-end" wrap="wrap">
            <DateField label={t('booking.waitlist.from')} value={from} minDate={today} onChange={setFrom} />
            <DateField
              label={t('booking.waitlist.to')}
              value={to}
              minDate={from || today}
              maxDate={maxTo}
              onChange={setTo}
              error={reversed ? t('booking.waitlist.reversed') : undefined}
            />
            <Button onClick={submit} loading={join.isPending} disabled={!from || !to || reversed}>
              {t('booking.waitlist.join')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {t('booking.waitlist.rule')}
          </Text>
          {join.isError ? (
            <Alert color="red" icon={<IconAlert />} role="alert">
              {isApiError(join.error, 'VALIDATION_FAILED')
                ? t('booking.waitlist.invalid', { days: WAITLIST_RULES.maxRangeDays })
                : errorMessage(join.error, t)}
            </Alert>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
