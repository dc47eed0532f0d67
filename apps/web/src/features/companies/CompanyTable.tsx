// A page-by-page table of companies for HuntZen's admins; each name links to the company's page.
import { Alert, Anchor, Button, Card, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconAlert } from '../../components/icons';
import { Loading } from '../../components/QueryState';
import { formatLocale } from '../../i18n';
import { errorMessage } from '../../lib/form';
import { CompanyStatusBadge } from './CompanyStatusBadge';
import { type CompanyFilters, useCompanies } from './companies.api';

/** The companies matching `filters`; `empty` is said when there are none. */
export function CompanyTable({
  filters,
  caption,
  empty,
}: {
  filters: CompanyFilters;
  caption: string;
  empty: string;
}) {
  const { t } = useTranslation();
  const query = useCompanies(filters);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const date = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium' });

  return (
    <Stack gap="md">
      <Card withBorder padding={0}>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <Alert color="red" icon={<IconAlert />} m="md" role="alert">
            {errorMessage(query.error, t)}
          </Alert>
        ) : items.length === 0 ? (
          <Text p="xl" ta="center">
            {empty}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('companies.columns.name')}</Table.Th>
                  <Table.Th scope="col">{t('fields.siret')}</Table.Th>
                  <Table.Th scope="col">{t('companies.columns.domains')}</Table.Th>
                  <Table.Th scope="col">{t('fields.city')}</Table.Th>
                  <Table.Th scope="col">{t('companies.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('companies.columns.signedUp')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('companies.columns.employees')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((company) => (
                  <Table.Tr key={company.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/app/companies/${company.id}`} fw={600}>
                        {company.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{company.siret ?? '—'}</Table.Td>
                    <Table.Td>{company.emailDomains.join(', ')}</Table.Td>
                    <Table.Td>{company.city ?? '—'}</Table.Td>
                    <Table.Td>
                      <CompanyStatusBadge status={company.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {date.format(new Date(company.createdAt))}
                    </Table.Td>
                    <Table.Td ta="right">{company.employeeCount}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {query.hasNextPage ? (
        <Button variant="default" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Stack>
  );
}
