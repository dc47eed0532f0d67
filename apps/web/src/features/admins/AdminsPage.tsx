// `/app/admins` (SUPER_ADMIN): HuntZen's admin accounts — invite, deactivate, reactivate.
import { Alert, Badge, Button, Card, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { Loading } from '../../components/QueryState';
import { formatLocale } from '../../i18n';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { type AdminAccount, useAdmins, useSetAdminActive } from './admins.api';
import { CreateAdminForm } from './CreateAdminForm';

/** The admin accounts page. */
export function AdminsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  usePageTitle(t('admins.title'));
  const query = useAdmins();
  const setActive = useSetAdminActive();
  const items: AdminAccount[] = query.data?.pages.flatMap((page) => page.items) ?? [];
  const date = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium' });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('admins.title')}</Title>
        <Text c="dimmed">{t('admins.subtitle')}</Text>
      </Stack>
      <CreateAdminForm />
      <Card withBorder padding={0} component="section" aria-label={t('admins.listLabel')}>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <Alert color="red" icon={<IconAlert />} m="md" role="alert">
            {errorMessage(query.error, t)}
          </Alert>
        ) : items.length === 0 ? (
          <Text p="xl" ta="center">
            {t('admins.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fields.email')}</Table.Th>
                  <Table.Th scope="col">{t('admins.role')}</Table.Th>
                  <Table.Th scope="col">{t('admins.status')}</Table.Th>
                  <Table.Th scope="col">{t('admins.twoFactor')}</Table.Th>
                  <Table.Th scope="col">{t('admins.lastLogin')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((admin) => {
                  const busy = setActive.isPending && setActive.variables?.admin.id === admin.id;
                  const self = admin.id === user?.id;
                  return (
                    <Table.Tr key={admin.id}>
                      <Table.Td>{admin.email}</Table.Td>
                      <Table.Td>{t(`roles.${admin.role}`)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Badge
                          color={admin.isActive ? 'zen' : 'gray'}
                          variant="light"
                          tt="none"
                          style={{ minWidth: 'max-content' }}
                        >
                          {admin.isActive ? t('admins.active') : t('admins.inactive')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{admin.twoFactorEnabled ? t('security.on') : t('security.off')}</Table.Td>
                      <Table.Td>
                        {admin.lastLoginAt ? date.format(new Date(admin.lastLoginAt)) : t('admins.never')}
                      </Table.Td>
                      <Table.Td ta="right">
                        {self ? null : (
                          <Button
                            size="xs"
                            variant="outline"
                            color={admin.isActive ? 'red.9' : undefined}
                            loading={busy}
                            onClick={() => setActive.mutate({ admin, active: !admin.isActive })}
                            aria-label={t(
                              admin.isActive ? 'admins.deactivateLabel' : 'admins.reactivateLabel',
                              {
                                email: admin.email,
                              },
                            )}
                          >
                            {admin.isActive ? t('admins.deactivate') : t('admins.reactivate')}
                          </Button>
                        )}
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
