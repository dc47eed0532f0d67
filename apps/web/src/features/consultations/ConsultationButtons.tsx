// Buttons shared by the list and the detail page: join the video room (live from 10 minutes before
// the start to 30 minutes after the planned end) and add the consultation to a calendar (.ics).
import type { Consultation } from '@huntzen/contracts';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconCalendar } from '../../components/icons';
import { errorMessage } from '../../lib/form';
import { inZone, timeLabel } from '../booking/time';
import { downloadCalendar } from './consultations.api';
import { canJoin, joinComing, roomWindow } from './timing';

const DAY = 86_400_000;

/**
 * "Join" (a link to the room page) when the window is open; during the day before, disabled with
 * its opening time.
 */
export function JoinButton({
  consultation,
  now,
  zone,
}: {
  consultation: Consultation;
  now: number;
  zone: string;
}) {
  const { t } = useTranslation();
  if (!joinComing(consultation, now)) return null;
  if (canJoin(consultation, now)) {
    return (
      <Button component={Link} to={`/app/consultations/${consultation.id}/room`} color="zen">
        {t('consultations.join')}
      </Button>
    );
  }
  // Announced (disabled) during the last day before the room opens; further ahead it is noise.
  const { opens: opensAt } = roomWindow(consultation);
  if (opensAt - now > DAY) return null;
  const opens = inZone(new Date(opensAt), zone);
  return (
    <Button disabled title={t('consultations.joinOpensAt', { time: timeLabel(opens) })}>
      {t('consultations.joinFrom', { time: timeLabel(opens) })}
    </Button>
  );
}

/** Saves the consultation's .ics file (fetched with the session's token). */
export function CalendarButton({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  // Worth adding only while it is still to come.
  if (consultation.status !== 'SCHEDULED' && consultation.status !== 'CONFIRMED') return null;
  return (
    <Button
      variant="default"
      leftSection={<IconCalendar size={16} />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadCalendar(consultation.id);
        } catch (error) {
          notifications.show({
            color: 'red',
            closeButtonProps: { 'aria-label': t('common.close') },
            message: errorMessage(error, t),
          });
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('consultations.addToCalendar')}
    </Button>
  );
}
