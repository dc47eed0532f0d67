// Cancelling a consultation: a reason is required (shown to the other participant only), and under
// 24 hours before the start a warning says what a late cancellation means for the canceller —
// billed to the company when the employee cancels, never billed when the practitioner does.
import { CancelConsultationRequestSchema, type Consultation } from '@huntzen/contracts';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { schemaValidator } from '../../lib/form';
import { ActionError } from './ActionError';
import { useConsultationAction } from './consultations.api';
import { otherName } from './labels';
import { isLateCancellation, type Party } from './timing';

export interface CancelDialogProps {
  consultation: Consultation | null;
  party: Party;
  onClose(): void;
}

/** The cancellation dialog of `consultation` (closed when null). */
export function CancelDialog({ consultation, party, onClose }: CancelDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={consultation !== null}
      onClose={onClose}
      title={t('consultations.cancel.title')}
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {consultation ? <CancelForm consultation={consultation} party={party} onClose={onClose} /> : null}
    </Modal>
  );
}

function CancelForm({
  consultation,
  party,
  onClose,
}: Required<CancelDialogProps> & { consultation: Consultation }) {
  const { t } = useTranslation();
  const action = useConsultationAction();
  const late = isLateCancellation(consultation, Date.now());
  const form = useForm({
    initialValues: { reason: '' },
    validate: schemaValidator(CancelConsultationRequestSchema, t, (values: { reason: string }) => values),
  });

  const submit = form.onSubmit(({ reason }) => {
    action.mutate(
      { id: consultation.id, action: 'cancel', body: { reason: reason.trim() } },
      {
        onSuccess: () => {
          notifications.show({
            color: 'zen',
            closeButtonProps: { 'aria-label': t('common.close') },
            message: t('consultations.cancel.done'),
          });
          onClose();
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{t('consultations.cancel.intro', { name: otherName(consultation, party) })}</Text>
        {late ? (
          <Alert
            color="yellow"
            icon={<IconAlert />}
            title={t('consultations.cancel.lateTitle')}
            role="note"
            // The theme's yellow title is too light on the light yellow (AA): body text colour.
            styles={{ label: { color: 'var(--mantine-color-text)' } }}
          >
            {t(
              party === 'employee'
                ? 'consultations.cancel.lateEmployee'
                : 'consultations.cancel.latePractitioner',
            )}
          </Alert>
        ) : null}
        <Textarea
          label={t('consultations.cancel.reason')}
          description={t(
            party === 'employee'
              ? 'consultations.cancel.reasonHelpEmployee'
              : 'consultations.cancel.reasonHelpPractitioner',
          )}
          autosize
          minRows={3}
          maxLength={1000}
          required
          data-autofocus
          {...form.getInputProps('reason')}
        />
        {action.isError ? (
          <ActionError error={action.error} action="cancel" consultation={consultation} />
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('consultations.cancel.keep')}
          </Button>
          <Button type="submit" color="red.8" loading={action.isPending}>
            {t('consultations.cancel.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
