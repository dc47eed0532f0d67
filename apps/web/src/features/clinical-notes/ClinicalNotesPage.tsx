// `/app/clinical-notes` (practitioners): the completed consultations still without a signed note,
// latest first, overdue ones flagged (72 hours after the end, rule from @huntzen/contracts), each
// leading to the consultation's page where the note is written.
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconAlert } from '../../components/icons';
import { Loading } from '../../components/QueryState';
import { usePageTitle } from '../../lib/use-page-title';
import { noteErrorMessage, useNotesToWrite } from './clinical-notes.api';
import { useDateTime } from './format';

/** The "notes to write" page. */
export function ClinicalNotesPage() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  usePageTitle(t('clinicalNotes.toWrite.title'));
  const query = useNotesToWrite();
  const first = query.data?.pages[0];
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('clinicalNotes.toWrite.title')}</Title>
        <Text c="dimmed" maw={760}>
          {t('clinicalNotes.toWrite.intro')}
        </Text>
      </Stack>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert color="red" icon={<IconAlert />} role="alert">
          {noteErrorMessage(query.error, t)}
        </Alert>
      ) : items.length === 0 ? (
        <Card withBorder padding="lg">
          <Text>{t('clinicalNotes.toWrite.empty')}</Text>
        </Card>
      ) : (
        <Card withBorder padding="lg" component="section" aria-labelledby="to-write-summary">
          <Stack gap="md">
            <Text fw={500} id="to-write-summary">
              {t('clinicalNotes.toWrite.summary', {
                count: first?.total ?? 0,
                overdue: first?.overdueCount ?? 0,
              })}
            </Text>
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="sm" aria-labelledby="to-write-summary">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('clinicalNotes.toWrite.patient')}</Table.Th>
                    <Table.Th scope="col">{t('clinicalNotes.toWrite.ended')}</Table.Th>
                    <Table.Th scope="col">{t('clinicalNotes.toWrite.state')}</Table.Th>
                    <Table.Th scope="col">{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => {
                    const name = `${item.patient.firstName} ${item.patient.lastName}`.trim();
                    return (
                      <Table.Tr key={item.consultationId}>
                        <Table.Td>
                          <Anchor component={Link} to={`/app/patients/${item.patient.id}`}>
                            {name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{dateTime(item.endedAt)}</Table.Td>
                        <Table.Td>
                          <Group gap={6}>
                            {item.overdue ? (
                              <Badge color="red.9">{t('clinicalNotes.toWrite.overdue')}</Badge>
                            ) : (
                              <Badge color="blue.9">{t('clinicalNotes.toWrite.onTime')}</Badge>
                            )}
                            {item.draftNoteId ? (
                              <Badge color="gray.8" variant="outline">
                                {t('clinicalNotes.toWrite.draft')}
                              </Badge>
                            ) : null}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Button
                            component={Link}
                            to={`/app/consultations/${item.consultationId}`}
                            size="xs"
                            variant="light"
                          >
                            {t(
                              item.draftNoteId
                                ? 'clinicalNotes.toWrite.continue'
                                : 'clinicalNotes.toWrite.write',
                              {
                                name,
                              },
                            )}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {query.hasNextPage ? (
              <Group>
                <Button
                  variant="default"
                  onClick={() => void query.fetchNextPage()}
                  loading={query.isFetchingNextPage}
                >
                  {t('common.loadMore')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
