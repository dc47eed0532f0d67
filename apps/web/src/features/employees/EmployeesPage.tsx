// `/app/employees` (ADMIN_RH): the company's employees — search by name or e-mail, department
// filter, status tabs (the "waiting" tab is the approval queue) — with approve, deactivate and
// reactivate, each confirmed. No health data here: name, e-mail, department, position, status, dates.
import { EMPLOYEE_STATUSES, type EmployeeListItem, type EmployeeStatus } from '@huntzen/contracts';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IconAlert } from '../../components/icons';
import { Loading } from '../../components/QueryState';
import { formatLocale } from '../../i18n';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { RequireValidatedCompany } from '../companies/CompanyPendingNotice';
import { EmployeeActionDialog } from './EmployeeActionDialog';
import {
  type EmployeeAction,
  type EmployeeFilters,
  useDepartments,
  useEmployees,
  usePendingCount,
} from './employees.api';

// Filled badges whose text (Mantine's autoContrast) reads at AA.
const BADGE: Record<EmployeeStatus, string> = { ACTIVE: 'zen', PENDING: 'yellow.5', DEACTIVATED: 'gray.7' };
const ACTION: Record<EmployeeStatus, EmployeeAction> = {
  ACTIVE: 'deactivate',
  PENDING: 'approve',
  DEACTIVATED: 'reactivate',
};

/** The employees page; a notice instead until HuntZen validated the company. */
export function EmployeesPage() {
  const { t } = useTranslation();
  return (
    <RequireValidatedCompany title={t('employees.title')}>
      <EmployeesContent />
    </RequireValidatedCompany>
  );
}

function EmployeesContent() {
  const { t } = useTranslation();
  usePageTitle(t('employees.title'));
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status') ?? '';
  const status = (EMPLOYEE_STATUSES as readonly string[]).includes(rawStatus)
    ? (rawStatus as EmployeeStatus)
    : '';
  const filters: EmployeeFilters = {
    q: params.get('q') ?? '',
    department: params.get('department') ?? '',
    status,
  };
  const [search, setSearch] = useState(filters.q);
  const [department, setDepartment] = useState(filters.department);
  useEffect(() => {
    setSearch(filters.q);
    setDepartment(filters.department);
  }, [filters.q, filters.department]);
  const departments = useDepartments();
  const pendingCount = usePendingCount();

  const apply = (next: Partial<EmployeeFilters>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged);
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('employees.title')}</Title>
        <Text c="dimmed">{t('employees.subtitle')}</Text>
      </Stack>
      <Card withBorder padding="md" component="section" aria-label={t('employees.searchLabel')}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            apply({ q: search.trim(), department });
          }}
        >
          <Group align="flex-end" gap="sm">
            <TextInput
              style={{ flex: '1 1 260px' }}
              type="search"
              label={t('employees.search')}
              description={t('employees.searchHelp')}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
            />
            <Select
              w={240}
              label={t('employees.columns.department')}
              placeholder={t('employees.anyDepartment')}
              clearable
              searchable
              data={departments.data?.items ?? []}
              value={department || null}
              onChange={(value) => setDepartment(value ?? '')}
            />
            <Button type="submit">{t('employees.apply')}</Button>
          </Group>
        </form>
      </Card>
      <Tabs
        value={status || 'ALL'}
        onChange={(value) => apply({ status: value === 'ALL' ? '' : (value as EmployeeStatus) })}
      >
        <Tabs.List>
          <Tabs.Tab value="ALL">{t('employees.tabs.ALL')}</Tabs.Tab>
          <Tabs.Tab value="ACTIVE">{t('employees.tabs.ACTIVE')}</Tabs.Tab>
          <Tabs.Tab
            value="PENDING"
            rightSection={
              pendingCount.data && pendingCount.data !== '0' ? (
                <Badge size="sm" color="yellow.5" variant="filled" circle={pendingCount.data.length < 3}>
                  <VisuallyHidden>{t('employees.waitingCount')} </VisuallyHidden>
                  {pendingCount.data}
                </Badge>
              ) : null
            }
          >
            {t('employees.tabs.PENDING')}
          </Tabs.Tab>
          <Tabs.Tab value="DEACTIVATED">{t('employees.tabs.DEACTIVATED')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <EmployeeTable filters={filters} />
    </Stack>
  );
}

function EmployeeTable({ filters }: { filters: EmployeeFilters }) {
  const { t } = useTranslation();
  const query = useEmployees(filters);
  const items: EmployeeListItem[] = query.data?.pages.flatMap((page) => page.items) ?? [];
  const date = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium' });
  const [target, setTarget] = useState<{ employee: EmployeeListItem; action: EmployeeAction } | null>(null);

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
            {filters.status === 'PENDING' && !filters.q && !filters.department
              ? t('employees.emptyPending')
              : t('employees.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
              <Table.Caption>{t('employees.caption', { count: items.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('fields.email')}</Table.Th>
                  <Table.Th scope="col">{t('employees.columns.department')}</Table.Th>
                  <Table.Th scope="col">{t('employees.columns.position')}</Table.Th>
                  <Table.Th scope="col">{t('employees.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('employees.columns.signedUp')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((employee) => {
                  const name = `${employee.firstName} ${employee.lastName}`;
                  const action = ACTION[employee.status];
                  return (
                    <Table.Tr key={employee.id}>
                      <Table.Td fw={600}>{name}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        {employee.email}
                        {employee.emailVerified ? null : (
                          <Text size="xs" c="dimmed">
                            {t('employees.emailNotVerified')}
                          </Text>
                        )}
                        {employee.domainRemoved ? (
                          <Badge
                            display="block"
                            mt={4}
                            color="red.9"
                            variant="outline"
                            tt="none"
                            title={t('employees.domainRemovedHint')}
                          >
                            {t('employees.domainRemoved')}
                          </Badge>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{employee.department ?? '—'}</Table.Td>
                      <Table.Td>{employee.position ?? '—'}</Table.Td>
                      <Table.Td>
                        <Badge
                          color={BADGE[employee.status]}
                          variant="filled"
                          tt="none"
                          style={{ minWidth: 'max-content' }}
                        >
                          {t(`employees.status.${employee.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {date.format(new Date(employee.createdAt))}
                      </Table.Td>
                      <Table.Td ta="right">
                        <Button
                          size="xs"
                          variant={action === 'approve' ? 'filled' : 'outline'}
                          color={action === 'deactivate' ? 'red.9' : undefined}
                          onClick={() => setTarget({ employee, action })}
                          aria-label={t(`employees.actions.${action}Label`, { name })}
                        >
                          {t(`employees.actions.${action}`)}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
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
      <EmployeeActionDialog
        employee={target?.employee ?? null}
        action={target?.action ?? null}
        onClose={() => setTarget(null)}
      />
    </Stack>
  );
}
