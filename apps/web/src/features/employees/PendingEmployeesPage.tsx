// `/app/employees` (HR): the accounts waiting for approval, approved one by one.
import {
  Alert,
  Button,
  Card,
  Center,
  Loader,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconCheck } from '../../components/icons';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { type PendingEmployee, useApproveEmployee, usePendingEmployees } from './employees.api';

/** The pending-approval list. */
export function PendingEmployeesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('employees.title'));
  const query = usePendingEmployees();
  const approve = useApproveEmployee();
  const items: PendingEmployee[] = query.data?.pages.flatMap((page) => page.items) ?? [];
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('employees.title')}</Title>
        <Text c="dimmed">{t('employees.subtitle')}</Text>
      </Stack>
      <Card withBorder padding={0}>
        {query.isPending ? (
          <Center p="xl">
            <Loader aria-label={t('common.loading')} />
          </Center>
        ) : query.isError ? (
          <Alert color="red" icon={<IconAlert />} m="md" role="alert">
            {errorMessage(query.error, t)}
          </Alert>
        ) : items.length === 0 ? (
          <Text p="xl" ta="center">
            {t('employees.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
              <Table.Caption>{t('employees.caption', { count: items.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('fields.email')}</Table.Th>
                  <Table.Th scope="col">{t('employees.requestedOn')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((employee) => {
                  const name = `${employee.firstName} ${employee.lastName}`;
                  const busy = approve.isPending && approve.variables?.id === employee.id;
                  return (
                    <Table.Tr key={employee.id}>
                      <Table.Td>{name}</Table.Td>
                      <Table.Td>{employee.email}</Table.Td>
                      <Table.Td>{date.format(new Date(employee.createdAt))}</Table.Td>
                      <Table.Td ta="right">
                        <Button
                          size="xs"
                          leftSection={<IconCheck size={16} />}
                          loading={busy}
                          onClick={() => approve.mutate(employee)}
                          aria-label={t('employees.approveLabel', { name })}
                        >
                          {t('employees.approve')}
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
    </Stack>
  );
}
