// Sending an application back: a dialog asking for the reason the practitioner will read (on their
// profile and by e-mail). About credentials and the profile only.
import {
  type ApplicationReview,
  REJECTION_REASON_LENGTH,
  RejectApplicationRequestSchema,
} from '@huntzen/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { ApiError } from '../../lib/api-error';
import { applyApiError, errorMessage, schemaValidator } from '../../lib/form';
import { useRejectApplication } from './practitioner-admin.api';

/** The "send back with a reason" dialog of `review`. */
export function RejectDialog({
  review,
  opened,
  onClose,
}: {
  review: ApplicationReview;
  opened: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const reject = useRejectApplication(review.id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { reason: '' },
    validate: schemaValidator(RejectApplicationRequestSchema, t, (values: { reason: string }) => values),
  });
  const close = () => {
    form.reset();
    setAlert(null);
    onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('practitionerAdmin.reject.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setAlert(null);
          reject.mutate(values.reason, {
            onSuccess: () => {
              notifications.show({
                color: 'zen',
                message: t('practitionerAdmin.reject.done', {
                  name: `${review.firstName} ${review.lastName}`,
                }),
              });
              close();
            },
            onError: (error) =>
              setAlert(
                error instanceof ApiError && error.code === 'ILLEGAL_TRANSITION'
                  ? t('practitionerAdmin.review.stateChanged')
                  : error instanceof ApiError && error.fieldErrors.length > 0
                    ? applyApiError(form, error, t)
                    : errorMessage(error, t),
              ),
          });
        })}
      >
        <Stack gap="md">
          <Text size="sm">{t('practitionerAdmin.reject.explain')}</Text>
          <FormAlert message={alert} />
          <Textarea
            label={t('practitionerAdmin.reject.reason')}
            description={t('practitionerAdmin.reject.reasonHelp', { min: REJECTION_REASON_LENGTH.min })}
            required
            autosize
            minRows={4}
            maxLength={REJECTION_REASON_LENGTH.max}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.8" loading={reject.isPending}>
              {t('practitionerAdmin.reject.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
