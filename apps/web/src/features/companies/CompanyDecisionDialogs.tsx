// HuntZen's two decisions on a waiting company: validate (after a confirmation) or reject with a
// reason that its HR admin receives by e-mail.
import { type CompanyDetail, REJECTION_REASON_MIN, RejectCompanyRequestSchema } from '@huntzen/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { ApiError } from '../../lib/api-error';
import { applyApiError, errorMessage, schemaValidator } from '../../lib/form';
import { useCompanyDecision } from './companies.api';

/** The sentence for a failed decision: the company changed state meanwhile, or the generic one. */
function decisionError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.code === 'ILLEGAL_TRANSITION')
    return t('companies.decision.stateChanged');
  return errorMessage(error, t);
}

interface DialogProps {
  company: CompanyDetail;
  opened: boolean;
  onClose(): void;
}

/** "Validate this company?" */
export function ValidateCompanyDialog({ company, opened, onClose }: DialogProps) {
  const { t } = useTranslation();
  const { validate } = useCompanyDecision(company.id);
  const [alert, setAlert] = useState<string | null>(null);
  const close = () => {
    setAlert(null);
    onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={close}
      title={t('companies.decision.validateTitle', { name: company.name })}
    >
      <Stack gap="md">
        <Text>{t('companies.decision.validateExplain')}</Text>
        <FormAlert message={alert} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            data-autofocus
            loading={validate.isPending}
            onClick={() =>
              validate.mutate(undefined, {
                onSuccess: () => {
                  notifications.show({
                    color: 'zen',
                    closeButtonProps: { 'aria-label': t('common.close') },
                    message: t('companies.decision.validated', { name: company.name }),
                  });
                  close();
                },
                onError: (error) => setAlert(decisionError(error, t)),
              })
            }
          >
            {t('companies.decision.validate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** "Reject this company" with the reason its HR admin will read. */
export function RejectCompanyDialog({ company, opened, onClose }: DialogProps) {
  const { t } = useTranslation();
  const { reject } = useCompanyDecision(company.id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { reason: '' },
    validate: schemaValidator(RejectCompanyRequestSchema, t, (values: { reason: string }) => values),
  });
  const close = () => {
    form.reset();
    setAlert(null);
    onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={close}
      title={t('companies.decision.rejectTitle', { name: company.name })}
      size="lg"
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setAlert(null);
          reject.mutate(values.reason.trim(), {
            onSuccess: () => {
              notifications.show({
                color: 'zen',
                closeButtonProps: { 'aria-label': t('common.close') },
                message: t('companies.decision.rejected', { name: company.name }),
              });
              close();
            },
            onError: (error) =>
              setAlert(
                error instanceof ApiError && error.fieldErrors.length > 0
                  ? applyApiError(form, error, t)
                  : decisionError(error, t),
              ),
          });
        })}
      >
        <Stack gap="md">
          <Text size="sm">{t('companies.decision.rejectExplain')}</Text>
          <FormAlert message={alert} />
          <Textarea
            label={t('companies.decision.reason')}
            description={t('companies.decision.reasonHelp', { min: REJECTION_REASON_MIN })}
            required
            autosize
            minRows={4}
            maxLength={2000}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={reject.isPending}>
              {t('companies.decision.reject')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
