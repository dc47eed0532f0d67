// Moving a consultation ("Déplacer"): the booking feature's week slot picker, in the viewer's
// zone, on the practitioner's free slots; the API re-checks the slot and the 24-hour rule
// (RESCHEDULE_RULES in @huntzen/contracts), and a slot taken meanwhile is said so.
import type { Consultation, FreeSlot } from '@huntzen/contracts';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { SlotPicker } from '../booking/SlotPicker';
import { dateTimeLabel, inZone, weekStart } from '../booking/time';
import { useRescheduleConsultation } from './consultations.api';
import { otherName } from './labels';
import type { Party } from './timing';

export interface MoveDialogProps {
  consultation: Consultation | null;
  party: Party;
  zone: string;
  onClose(): void;
}

/** The move dialog of `consultation` (closed when null). */
export function MoveDialog({ consultation, party, zone, onClose }: MoveDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={consultation !== null}
      onClose={onClose}
      title={t('consultations.move.title')}
      size="xl"
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {consultation ? (
        <MoveForm consultation={consultation} party={party} zone={zone} onClose={onClose} />
      ) : null}
    </Modal>
  );
}

function MoveForm({
  consultation: c,
  party,
  zone,
  onClose,
}: MoveDialogProps & { consultation: Consultation }) {
  const { t } = useTranslation();
  const move = useRescheduleConsultation();
  const [week, setWeek] = useState(() => weekStart(c.scheduledAt, zone));
  const [selected, setSelected] = useState<FreeSlot | null>(null);
  const label = (iso: string) => dateTimeLabel(inZone(iso, zone), false);
  const name = otherName(c, party);

  const submit = () => {
    if (!selected) return;
    move.mutate(
      { id: c.id, scheduledAt: selected.start },
      {
        onSuccess: (moved) => {
          notifications.show({
            color: 'zen',
            closeButtonProps: { 'aria-label': t('common.close') },
            message: t('consultations.move.done', { when: label(moved.scheduledAt) }),
          });
          onClose();
        },
        onError: () => setSelected(null),
      },
    );
  };

  return (
    <Stack gap="md">
      <Text>{t('consultations.move.intro', { name })}</Text>
      <Text size="sm" c="dimmed">
        {t('consultations.move.current', { when: label(c.scheduledAt) })}
      </Text>
      <SlotPicker
        practitionerId={c.practitioner.id}
        zone={zone}
        week={week}
        onWeekChange={setWeek}
        selected={selected}
        onSelect={setSelected}
      />
      {selected ? (
        <Text fw={600} aria-live="polite">
          {t('consultations.move.chosen', { when: label(selected.start) })}
        </Text>
      ) : null}
      {move.isError ? (
        <Alert color="red" icon={<IconAlert />} role="alert">
          {isApiError(move.error, 'SLOT_TAKEN')
            ? t('consultations.move.taken')
            : isApiError(move.error, 'EMPLOYEE_BUSY')
              ? t('consultations.move.employeeBusy')
              : isApiError(move.error, 'OUTSIDE_TIME_WINDOW')
                ? t('consultations.move.tooLate')
                : errorMessage(move.error, t)}
        </Alert>
      ) : null}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          {t('consultations.move.keep')}
        </Button>
        <Button onClick={submit} disabled={!selected} loading={move.isPending}>
          {t('consultations.move.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
