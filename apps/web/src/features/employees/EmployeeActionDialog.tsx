// The confirmation of an account change: approve a waiting employee, deactivate an active one (an
// optional reason, kept in the audit log only), or reactivate a deactivated one.
import type { EmployeeListItem } from '@huntzen/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { ApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { type EmployeeAction, useEmployeeAction } from './employees.api';

/** The dialog for `action` on `employee` (closed when either is null). */
export function EmployeeActionDialog({
  employee,
  action,
  onClose,
}: {
  employee: EmployeeListItem | null;
  action: EmployeeAction | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const mutation = useEmployeeAction();
  const [reason, setReason] = useState('');
  const [alert, setAlert] = useState<string | null>(null);
  const close = () => {
    setReason('');
    setAlert(null);
    onClose();
  };
  const name = employee ? `${employee.firstName} ${employee.lastName}` : '';
  const opened = Boolean(employee && action);

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={close}
      title={action ? t(`employees.dialog.${action}.title`, { name }) : ''}
    >
      {employee && action ? (
        <Stack gap="md">
          <Text>{t(`employees.dialog.${action}.body`, { name, email: employee.email })}</Text>
          <FormAlert message={alert} />
          {action === 'approve' ? null : (
            <Textarea
              label={t('employees.dialog.reason')}
              description={t('employees.dialog.reasonHelp')}
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              data-autofocus
              color={action === 'deactivate' ? 'red.9' : undefined}
              loading={mutation.isPending}
              onClick={() =>
                mutation.mutate(
                  { employee, action, reason: reason.trim() || undefined },
                  {
                    onSuccess: () => {
                      notifications.show({
                        color: 'zen',
                        closeButtonProps: { 'aria-label': t('common.close') },
                        message: t(`employees.dialog.${action}.done`, { name }),
                      });
                      close();
                    },
                    onError: (error) =>
                      setAlert(
                        error instanceof ApiError && error.code === 'ILLEGAL_TRANSITION'
                          ? t('employees.stateChanged')
                          : errorMessage(error, t),
                      ),
                  },
                )
              }
            >
              {t(`employees.dialog.${action}.confirm`)}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
