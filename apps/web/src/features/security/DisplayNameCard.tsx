// The name HuntZen greets HR and its own admins by (issue 17): they have no profile with names. On
// the home page while none is set (`prompt`), and on /account/security to change it.
import { HUNTZEN_ADMINS, type Me, UpdateDisplayNameRequestSchema } from '@huntzen/contracts';
import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { apiRequest } from '../../lib/api';
import { applyApiError, schemaValidator } from '../../lib/form';
import { useAuth } from '../auth/auth-context';

/** The roles named by a display name (the others by their profile). */
export const NAMED_BY_DISPLAY_NAME: readonly Me['role'][] = ['ADMIN_RH', ...HUNTZEN_ADMINS];

/** The display name card; `prompt`: the home page's first-time wording. */
export function DisplayNameCard({ prompt = false }: { prompt?: boolean }) {
  const { t } = useTranslation();
  const { user, reloadUser } = useAuth();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { displayName: user?.displayName ?? '' },
    validate: schemaValidator(UpdateDisplayNameRequestSchema, t, (v: { displayName: string }) => v),
  });
  const mutation = useMutation({
    mutationFn: (displayName: string) =>
      apiRequest<Me>('/auth/me/display-name', { method: 'PATCH', body: { displayName } }),
    onSuccess: async () => {
      await reloadUser();
      notifications.show({
        color: 'zen',
        closeButtonProps: { 'aria-label': t('common.close') },
        message: t('displayName.saved'),
      });
    },
    onError: (error) => setAlert(applyApiError(form, error, t)),
  });
  if (!user || !NAMED_BY_DISPLAY_NAME.includes(user.role)) return null;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="display-name-title">
      <Stack gap="sm">
        <Stack gap={4}>
          <Title order={2} fz="xl" id="display-name-title">
            {prompt ? t('displayName.promptTitle') : t('displayName.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('displayName.help')}
          </Text>
        </Stack>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setAlert(null);
            mutation.mutate(values.displayName.trim());
          })}
        >
          <Stack gap="sm">
            <FormAlert message={alert} />
            <Group align="flex-end" gap="sm">
              <TextInput
                maw={360}
                w="100%"
                label={t('displayName.label')}
                autoComplete="name"
                required
                {...form.getInputProps('displayName')}
              />
              <Button type="submit" loading={mutation.isPending}>
                {t('displayName.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
