// The dialog that disputes a bill: a required reason (3 to 1,000 characters, as the API checks),
// shown to HuntZen and to HR only — never to the participants.
import { DisputeBillingRequestSchema } from '@huntzen/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { schemaValidator } from '../../lib/form';
import { useBillingChange } from './billing.api';
import { billingError } from './billing-labels';

export interface DisputeTarget {
  id: string;
  /** Who and when, to say which bill this is. */
  label: string;
}

/** The dispute dialog for `target` (closed when null). */
export function DisputeDialog({ target, onClose }: { target: DisputeTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useBillingChange();
  const form = useForm({
    initialValues: { reason: '' },
    validate: schemaValidator(DisputeBillingRequestSchema, t, (values: { reason: string }) => values),
  });
  const close = () => {
    form.reset();
    change.reset();
    onClose();
  };
  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={t('billing.dispute.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      <form
        onSubmit={form.onSubmit((values) => {
          if (!target) return;
          change.mutate(
            { kind: 'dispute', id: target.id, reason: values.reason },
            {
              onSuccess: () => {
                notifications.show({
                  color: 'zen',
                  message: t('billing.dispute.done'),
                  closeButtonProps: { 'aria-label': t('common.close') },
                });
                close();
              },
            },
          );
        })}
        noValidate
      >
        <Stack gap="md">
          <Text fz="sm">{target?.label}</Text>
          <Textarea
            label={t('billing.dispute.reason')}
            description={t('billing.dispute.reasonHint')}
            required
            autosize
            minRows={3}
            maxLength={1000}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          {change.isError ? (
            <Text c="red" fz="sm" role="alert">
              {billingError(change.error, t)}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={change.isPending}>
              {t('billing.dispute.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
