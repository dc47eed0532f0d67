// Invite a HuntZen admin: e-mail, the name they are greeted by, and the language of their invitation.
import { CreateAdminRequestSchema, LANGUAGES } from '@huntzen/contracts';
import { Button, Card, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { IconPlus } from '../../components/icons';
import { currentLanguage } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { applyApiError, optional, schemaValidator } from '../../lib/form';
import { ADMINS_KEY, createAdmin } from './admins.api';

interface Values {
  email: string;
  /** How HuntZen will greet them (optional; they may change it). */
  displayName: string;
  preferredLanguage: string;
}

const toRequest = (v: Values) => ({ ...v, displayName: optional(v.displayName) });

/** The invitation form above the list. */
export function CreateAdminForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { email: '', displayName: '', preferredLanguage: currentLanguage() },
    validate: schemaValidator(CreateAdminRequestSchema, t, toRequest),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      createAdmin(values.email, values.preferredLanguage, optional(values.displayName)),
    onSuccess: (admin) => {
      form.reset();
      notifications.show({ color: 'zen', message: t('admins.invited', { email: admin.email }) });
      return queryClient.invalidateQueries({ queryKey: ADMINS_KEY });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        form.setFieldError('email', t('admins.exists'));
      } else setAlert(applyApiError(form, error, t));
    },
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="create-admin-title">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setAlert(null);
          mutation.mutate(values);
        })}
      >
        <Stack gap="md">
          <Title order={2} fz="lg" id="create-admin-title">
            {t('admins.createTitle')}
          </Title>
          <FormAlert message={alert} />
          <Group align="flex-start" gap="sm">
            <TextInput
              label={t('fields.email')}
              type="email"
              autoComplete="off"
              required
              style={{ flex: '1 1 260px' }}
              {...form.getInputProps('email')}
            />
            <TextInput
              label={t('displayName.label')}
              autoComplete="off"
              style={{ flex: '1 1 200px' }}
              {...form.getInputProps('displayName')}
            />
            <Select
              label={t('fields.invitationLanguage')}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`language.names.${l}`) }))}
              allowDeselect={false}
              style={{ flex: '0 1 220px' }}
              {...form.getInputProps('preferredLanguage')}
            />
            <Button
              type="submit"
              mt={{ base: 0, sm: 26 }}
              size="md"
              leftSection={<IconPlus size={18} />}
              loading={mutation.isPending}
            >
              {t('admins.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
