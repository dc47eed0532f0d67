// The 2FA card of /account/security: turn it on, or (when on) renew recovery codes / turn it off.
import { ROLES_REQUIRING_2FA } from '@huntzen/contracts';
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-context';
import { PasswordCodeForm } from './PasswordCodeForm';
import { RecoveryCodes } from './RecoveryCodes';
import { disableTwoFactor, regenerateRecoveryCodes } from './security.api';
import { TwoFactorEnrollment } from './TwoFactorEnrollment';

type Panel = 'none' | 'enroll' | 'disable' | 'regenerate';

/** Status and actions of two-factor authentication. */
export function TwoFactorCard() {
  const { t } = useTranslation();
  const { user, reloadUser } = useAuth();
  const [panel, setPanel] = useState<Panel>('none');
  const [codes, setCodes] = useState<string[] | null>(null);
  if (!user) return null;
  const required = ROLES_REQUIRING_2FA.includes(user.role);
  // While enrolling, the session flips to "enabled" before the recovery codes are shown.
  const enabled = user.twoFactorEnabled && panel !== 'enroll';

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="twofactor-title">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Title order={2} fz="xl" id="twofactor-title">
            {t('security.twoFactorTitle')}
          </Title>
          <Badge color={user.twoFactorEnabled ? 'zen' : 'gray'} variant="light" size="lg">
            {user.twoFactorEnabled ? t('security.on') : t('security.off')}
          </Badge>
        </Group>
        <Text>{required ? t('security.twoFactorRequired') : t('security.twoFactorHelp')}</Text>

        {!enabled && panel !== 'enroll' ? (
          <Group>
            <Button onClick={() => setPanel('enroll')}>{t('security.enable')}</Button>
          </Group>
        ) : null}
        {panel === 'enroll' ? (
          <TwoFactorEnrollment doneLabel={t('common.done')} onDone={() => setPanel('none')} />
        ) : null}

        {enabled && panel === 'none' ? (
          <Group gap="sm">
            <Button
              variant="light"
              onClick={() => {
                setCodes(null);
                setPanel('regenerate');
              }}
            >
              {t('security.regenerate')}
            </Button>
            {required ? null : (
              <Button variant="outline" color="red.9" onClick={() => setPanel('disable')}>
                {t('security.disable')}
              </Button>
            )}
          </Group>
        ) : null}
        {codes ? <RecoveryCodes codes={codes} /> : null}

        {panel === 'regenerate' ? (
          <Stack gap="xs">
            <Text size="sm">{t('security.regenerateHelp')}</Text>
            <PasswordCodeForm
              submitLabel={t('security.regenerate')}
              onCancel={() => setPanel('none')}
              onSubmit={async (password, code) => {
                const result = await regenerateRecoveryCodes(password, code);
                setCodes(result.recoveryCodes);
                setPanel('none');
              }}
            />
          </Stack>
        ) : null}
        {panel === 'disable' ? (
          <Stack gap="xs">
            <Text size="sm">{t('security.disableHelp')}</Text>
            <PasswordCodeForm
              submitLabel={t('security.disable')}
              danger
              onCancel={() => setPanel('none')}
              onSubmit={async (password, code) => {
                await disableTwoFactor(password, code);
                await reloadUser();
                setPanel('none');
                notifications.show({ color: 'zen', message: t('security.disabled') });
              }}
            />
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
