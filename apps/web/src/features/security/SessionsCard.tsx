// "Log out everywhere": revokes every session of the account, this one included.
import { Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IconLogout } from '../../components/icons';
import { errorMessage } from '../../lib/form';
import { useAuth } from '../auth/auth-context';

/** The sessions card with its confirmation dialog. */
export function SessionsCard() {
  const { t } = useTranslation();
  const { signOutEverywhere } = useAuth();
  const [opened, { open, close }] = useDisclosure(false);
  const mutation = useMutation({
    mutationFn: signOutEverywhere,
    // RequireAuth then leads to the home page.
    onSuccess: () => notifications.show({ color: 'zen', message: t('security.loggedOutEverywhere') }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sessions-title">
      <Stack gap="md">
        <Title order={2} fz="xl" id="sessions-title">
          {t('security.sessionsTitle')}
        </Title>
        <Text>{t('security.sessionsHelp')}</Text>
        <Group>
          <Button variant="outline" color="red.9" leftSection={<IconLogout size={18} />} onClick={open}>
            {t('security.logoutEverywhere')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={opened} onClose={close} title={t('security.logoutEverywhere')}>
        <Stack gap="md">
          <Text>{t('security.logoutEverywhereConfirm')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button color="red.9" loading={mutation.isPending} onClick={() => mutation.mutate()}>
              {t('security.logoutEverywhere')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
