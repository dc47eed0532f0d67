// HR's proof of control of its company's email domains (issue 17): each domain's state, and for a
// pending one a link sent to an address at that domain chosen by HR. Sign-ups match verified
// domains only; HuntZen's validation of the company verifies the domains of its sign-up.
import type { CompanyDomain, CompanySettings } from '@huntzen/contracts';
import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLocale } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { useRequestDomainVerification } from './companies.api';

/** A domain's state as a badge (filled colours read at AA, like CompanyStatusBadge's). */
export function DomainStateBadge({ domain }: { domain: CompanyDomain }) {
  const { t } = useTranslation();
  return domain.state === 'VERIFIED' ? (
    <Badge variant="filled" color="zen" tt="none" style={{ minWidth: 'max-content' }}>
      {t('domainVerification.state.VERIFIED')}
    </Badge>
  ) : (
    <Badge variant="filled" color="yellow.5" tt="none" style={{ minWidth: 'max-content' }}>
      {t('domainVerification.state.PENDING')}
    </Badge>
  );
}

/** The card under the settings form (its own form: one per pending domain). */
export function DomainVerificationCard({ settings }: { settings: CompanySettings }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="domain-verification-title">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz="xl" id="domain-verification-title">
            {t('domainVerification.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('domainVerification.help')}
          </Text>
        </Stack>
        {settings.domains.map((domain) => (
          <DomainRow key={domain.domain} domain={domain} />
        ))}
      </Stack>
    </Card>
  );
}

function DomainRow({ domain }: { domain: CompanyDomain }) {
  const { t } = useTranslation();
  const request = useRequestDomainVerification();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = `domain-${domain.domain.replace(/\W+/g, '-')}`;
  const sentAt = domain.linkSentAt
    ? new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'long', timeStyle: 'short' }).format(
        new Date(domain.linkSentAt),
      )
    : null;

  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Group gap="sm">
        <Text fw={600} id={id}>
          {domain.domain}
        </Text>
        <DomainStateBadge domain={domain} />
      </Group>
      {domain.state === 'PENDING' ? (
        <>
          <Text size="sm">{t('domainVerification.pendingHelp', { domain: domain.domain })}</Text>
          {domain.linkSentTo ? (
            <Text size="sm" role="status">
              {t('domainVerification.sent', { email: domain.linkSentTo, date: sentAt })}
            </Text>
          ) : null}
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              setError(null);
              request.mutate(
                { domain: domain.domain, email: email.trim() },
                {
                  onSuccess: () => setEmail(''),
                  onError: (e) =>
                    setError(
                      e instanceof ApiError && e.fieldErrors.some((f) => f.path === 'body.email')
                        ? t('domainVerification.wrongDomain', { domain: domain.domain })
                        : errorMessage(e, t),
                    ),
                },
              );
            }}
          >
            <Group align="flex-end" gap="sm">
              <TextInput
                type="email"
                maw={440}
                w="100%"
                label={t('domainVerification.emailLabel', { domain: domain.domain })}
                placeholder={`rh${domain.domain}`}
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={error}
                required
              />
              <Button type="submit" variant="light" loading={request.isPending}>
                {domain.linkSentTo ? t('domainVerification.resend') : t('domainVerification.send')}
              </Button>
            </Group>
          </form>
        </>
      ) : null}
    </Stack>
  );
}
