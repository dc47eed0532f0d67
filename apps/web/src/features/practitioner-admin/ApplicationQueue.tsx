// One tab of the review queue: a table of applications, each opened for review by its button.
import type { ApplicationSummary, ReviewQueue } from '@huntzen/contracts';
import { Alert, Badge, Button, Card, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { Loading } from '../../components/QueryState';
import { formatLocale } from '../../i18n';
import { errorMessage } from '../../lib/form';
import { useApplicationQueue } from './practitioner-admin.api';

/** The date a tab is sorted by. */
const DATE_OF: Record<ReviewQueue, (a: ApplicationSummary) => string | null> = {
  pending: (a) => a.submittedAt,
  validated: (a) => a.validatedAt,
  rejected: (a) => a.rejectedAt,
};

/** The table of one tab. */
export function ApplicationQueue({ status, onOpen }: { status: ReviewQueue; onOpen(id: string): void }) {
  const { t } = useTranslation();
  const query = useApplicationQueue(status);
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
            {t(`practitionerAdmin.empty.${status}`)}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
              <Table.Caption>
                {t(`practitionerAdmin.caption.${status}`, { count: items.length })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('fields.specialty')}</Table.Th>
                  <Table.Th scope="col">{t('practitionerAdmin.columns.professionalId')}</Table.Th>
                  <Table.Th scope="col">{t(`practitionerAdmin.columns.date.${status}`)}</Table.Th>
                  <Table.Th scope="col">{t('practitionerAdmin.columns.documents')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((application) => {
                  const name = `${application.title} ${application.firstName} ${application.lastName}`;
                  const when = DATE_OF[status](application);
                  return (
                    <Table.Tr key={application.id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {application.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t(`specialties.${application.specialty}`)}</Table.Td>
                      <Table.Td>
                        {application.professionalId ? (
                          <Text size="sm">
                            {application.professionalIdKind ? `${application.professionalIdKind} ` : ''}
                            {application.professionalId}
                          </Text>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>{when ? date.format(new Date(when)) : '—'}</Table.Td>
                      <Table.Td>
                        <Stack gap={4} align="flex-start">
                          <Text size="sm">
                            {t('practitionerAdmin.documentCount', { count: application.documentCount })}
                          </Text>
                          {application.documentsVerified ? (
                            <Badge color="zen" variant="light" size="sm">
                              {t('practitionerAdmin.verified')}
                            </Badge>
                          ) : null}
                        </Stack>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Button
                          size="xs"
                          onClick={() => onOpen(application.id)}
                          aria-label={t('practitionerAdmin.openLabel', { name })}
                        >
                          {t('practitionerAdmin.open')}
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
