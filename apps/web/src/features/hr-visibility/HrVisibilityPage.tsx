// `/app/what-my-hr-sees` (employees): exactly what the company's HR can see about me — my account as
// HR's employee list shows it, and my usage counters only if I share them — with the sharing switch.
import { Alert, Card, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/QueryState';
import { currentLanguage, formatLocale } from '../../i18n';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { useHrVisibility, useUpdateHrSharing } from './hr-visibility.api';

/** The "what my HR sees" page. */
export function HrVisibilityPage() {
  const { t } = useTranslation();
  usePageTitle(t('hrVisibility.title'));
  const visibility = useHrVisibility();
  const update = useUpdateHrSharing();
  const language = currentLanguage();
  const date = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(formatLocale(language), { dateStyle: 'long' }).format(new Date(iso))
      : t('hrVisibility.account.none');
  const month = (key: string) =>
    new Intl.DateTimeFormat(formatLocale(language), {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${key}-01T00:00:00Z`));

  if (visibility.isError) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(visibility.error, t)}
      </Alert>
    );
  }
  if (!visibility.data) {
    return <Loading padding="lg" />;
  }
  const { account, sharing, counters, minGroupSize } = visibility.data;
  const none = t('hrVisibility.account.none');
  const fields: [string, string][] = [
    [t('hrVisibility.account.firstName'), account.firstName],
    [t('hrVisibility.account.lastName'), account.lastName],
    [t('hrVisibility.account.email'), account.email],
    [t('hrVisibility.account.department'), account.department ?? none],
    [t('hrVisibility.account.position'), account.position ?? none],
    [t('hrVisibility.account.status'), t(`hrVisibility.account.statuses.${account.status}`)],
    [
      t('hrVisibility.account.emailVerified'),
      account.emailVerified ? t('hrVisibility.account.yes') : t('hrVisibility.account.no'),
    ],
    [t('hrVisibility.account.createdAt'), date(account.createdAt)],
    [t('hrVisibility.account.approvedAt'), date(account.approvedAt)],
    ...(account.domainRemoved
      ? ([[t('hrVisibility.account.domainRemoved'), t('hrVisibility.account.yes')]] as [string, string][])
      : []),
  ];

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('hrVisibility.title')}</Title>
        <Text c="dimmed">{t('hrVisibility.subtitle')}</Text>
      </Stack>

      <Card withBorder padding="lg" component="section" aria-labelledby="hr-account-title">
        <Title order={2} fz="lg" id="hr-account-title" mb="sm">
          {t('hrVisibility.account.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="sm" m={0} data-testid="hr-account">
          {fields.map(([label, value]) => (
            <div key={label}>
              <Text component="dt" size="sm" c="dimmed">
                {label}
              </Text>
              <Text component="dd" m={0}>
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="hr-sharing-title">
        <Stack gap="sm">
          <Title order={2} fz="lg" id="hr-sharing-title">
            {t('hrVisibility.sharing.title')}
          </Title>
          <Switch
            checked={sharing.shareUsageWithHr}
            disabled={update.isPending}
            label={t('hrVisibility.sharing.switch')}
            onChange={(event) => update.mutate(event.currentTarget.checked)}
          />
          {update.isError && (
            <Alert color="red" role="alert">
              {errorMessage(update.error, t)}
            </Alert>
          )}
          <Text size="sm" data-testid="hr-sharing-state" role="status">
            {sharing.shareUsageWithHr
              ? t('hrVisibility.sharing.on')
              : t('hrVisibility.sharing.off', { k: minGroupSize })}
          </Text>
          {sharing.changedAt && (
            <Text size="sm" c="dimmed">
              {t('hrVisibility.sharing.changedAt', { date: date(sharing.changedAt) })}
            </Text>
          )}
          {counters && (
            <Stack gap="xs">
              <Title order={3} fz="md">
                {t('hrVisibility.sharing.countersTitle')}
              </Title>
              {counters.length === 0 ? (
                <Text>{t('hrVisibility.sharing.empty')}</Text>
              ) : (
                <Table data-testid="hr-counters">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('hrVisibility.sharing.month')}</Table.Th>
                      <Table.Th scope="col">{t('hrVisibility.sharing.consultations')}</Table.Th>
                      <Table.Th scope="col">{t('hrVisibility.sharing.minutes')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {counters.map((c) => (
                      <Table.Tr key={c.month}>
                        <Table.Th scope="row" fw={400}>
                          {month(c.month)}
                        </Table.Th>
                        <Table.Td>{c.consultations}</Table.Td>
                        <Table.Td>{c.minutes}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
