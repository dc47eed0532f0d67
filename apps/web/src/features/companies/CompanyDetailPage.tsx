// `/app/companies/:id` (ADMIN_HUNTZEN, SUPER_ADMIN): one company — identity, contacts, domains,
// settings, number of accounts — and, while it waits, the validate / reject decisions. No health
// data: counts of accounts only.
import type { CompanyDetail } from '@huntzen/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { IconAlert } from '../../components/icons';
import { LoadError, Loading } from '../../components/QueryState';
import { formatLocale } from '../../i18n';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { RejectCompanyDialog, ValidateCompanyDialog } from './CompanyDecisionDialogs';
import { CompanyStatusBadge } from './CompanyStatusBadge';
import { useAdminVerifyDomain, useCompany } from './companies.api';
import { DomainStateBadge } from './DomainVerificationCard';

/** A titled card of label / value rows. */
function InfoCard({ title, rows }: { title: string; rows: [string, ReactNode][] }) {
  const id = `card-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} fz="lg" id={id}>
          {title}
        </Title>
        <Table variant="vertical" layout="fixed" withTableBorder={false}>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w="45%" scope="row">
                  {label}
                </Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{value ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

/** The company page. */
export function CompanyDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useCompany(id);
  usePageTitle(query.data?.name ?? t('companies.title'));

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/companies" w="fit-content">
        ← {t('companies.back')}
      </Anchor>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} />
      ) : (
        <CompanyView company={query.data} />
      )}
    </Stack>
  );
}

function CompanyView({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'validate' | 'reject' | null>(null);
  const date = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'long' });
  const day = (value: string | null) => (value ? date.format(new Date(value)) : null);
  const yesNo = (value: boolean) => (value ? t('companies.yes') : t('companies.no'));

  return (
    <>
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6}>
          <Group gap="sm">
            <Title order={1}>{company.name}</Title>
            <CompanyStatusBadge status={company.status} />
          </Group>
          <Text c="dimmed">
            {t('companies.signedUpOn', { date: day(company.createdAt) })}
            {company.validatedAt
              ? ` · ${t('companies.validatedOn', { date: day(company.validatedAt) })}`
              : ''}
          </Text>
        </Stack>
        {company.status === 'PENDING' ? (
          <Group gap="sm">
            <Button onClick={() => setDialog('validate')}>{t('companies.decision.validate')}</Button>
            <Button variant="outline" color="red.9" onClick={() => setDialog('reject')}>
              {t('companies.decision.rejectOpen')}
            </Button>
          </Group>
        ) : null}
      </Group>

      {company.status === 'REJECTED' ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlert />}
          title={t('companies.rejectedTitle', { date: day(company.rejectedAt) })}
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {company.rejectionReason}
          </Text>
        </Alert>
      ) : null}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <InfoCard
          title={t('companies.sections.identity')}
          rows={[
            [t('fields.legalName'), company.legalName],
            [t('fields.siret'), company.siret],
            [t('companies.fields.slug'), company.slug],
            [t('fields.sector'), company.sector],
            [t('fields.companySize'), company.size ? t(`companySize.${company.size}`) : null],
            [
              t('companies.fields.address'),
              [company.address, [company.postalCode, company.city].filter(Boolean).join(' '), company.country]
                .filter(Boolean)
                .join(', ') || null,
            ],
            [t('companies.fields.website'), company.websiteUrl],
          ]}
        />
        <InfoCard
          title={t('companies.sections.contacts')}
          rows={[
            [t('companies.fields.contactEmail'), company.contactEmail],
            [t('fields.contactPhone'), company.contactPhone],
            [
              t('companies.fields.hrAdmins'),
              company.hrAdmins.length ? (
                <List key="admins" size="sm" spacing={4} listStyleType="none" p={0}>
                  {company.hrAdmins.map((admin) => (
                    <List.Item key={admin.id}>
                      {admin.email}{' '}
                      <Badge size="sm" variant="light" color={admin.emailVerified ? 'zen' : 'gray'} tt="none">
                        {admin.emailVerified ? t('companies.emailVerified') : t('companies.emailNotVerified')}
                      </Badge>
                    </List.Item>
                  ))}
                </List>
              ) : null,
            ],
            [t('companies.columns.domains'), <AdminDomainList key="domains" company={company} />],
          ]}
        />
        <InfoCard
          title={t('companies.sections.settings')}
          rows={[
            [t('companySettings.fields.requireEmailVerification'), yesNo(company.requireEmailVerification)],
            [t('companySettings.fields.autoApproveEmployees'), yesNo(company.autoApproveEmployees)],
            [t('companySettings.fields.allowInternalNews'), yesNo(company.allowInternalNews)],
            [
              t('companySettings.fields.maxEmployees'),
              company.maxEmployees == null ? t('companySettings.unlimited') : String(company.maxEmployees),
            ],
          ]}
        />
        <InfoCard
          title={t('companies.sections.accounts')}
          rows={[
            [t('companies.accounts.active'), String(company.employees.active)],
            [t('companies.accounts.pending'), String(company.employees.pending)],
            [t('companies.accounts.deactivated'), String(company.employees.deactivated)],
            [t('companies.fields.validatedBy'), company.validatedBy?.email ?? null],
          ]}
        />
      </SimpleGrid>

      <ValidateCompanyDialog
        company={company}
        opened={dialog === 'validate'}
        onClose={() => setDialog(null)}
      />
      <RejectCompanyDialog company={company} opened={dialog === 'reject'} onClose={() => setDialog(null)} />
    </>
  );
}

/** Each claimed domain with its state; a pending one can be validated by HuntZen (issue 17). */
function AdminDomainList({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const verify = useAdminVerifyDomain(company.id);
  return (
    <Stack gap={6}>
      {company.domains.map((domain) => (
        <Group key={domain.domain} gap="xs" wrap="wrap">
          <Text size="sm">{domain.domain}</Text>
          <DomainStateBadge domain={domain} />
          {domain.verificationMethod ? (
            <Text size="xs" c="dimmed">
              {t(`domainVerification.admin.method.${domain.verificationMethod}`)}
            </Text>
          ) : null}
          {domain.state === 'PENDING' && company.status === 'ACTIVE' ? (
            <Button
              size="compact-sm"
              variant="light"
              loading={verify.isPending && verify.variables === domain.domain}
              onClick={() => verify.mutate(domain.domain)}
            >
              {t('domainVerification.admin.verify', { domain: domain.domain })}
            </Button>
          ) : null}
        </Group>
      ))}
      {verify.isError ? (
        <Text size="sm" c="red.9" role="alert">
          {errorMessage(verify.error, t)}
        </Text>
      ) : null}
    </Stack>
  );
}
