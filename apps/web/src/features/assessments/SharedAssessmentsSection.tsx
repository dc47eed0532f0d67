// On the practitioner's patient file: the questionnaire results this patient chose to share with
// them — score and level per result, never the answers. Reading them is audited by the API.
import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../../components/Spinner';
import { useSharedWithMe } from './assessments.api';
import { dateText, levelText, SEVERITY_COLOR, scoreText } from './format';

/** The section (renders nothing while the API says the caller may not read it). */
export function SharedAssessmentsSection({ employeeId }: { employeeId: string }) {
  const { t } = useTranslation();
  const shared = useSharedWithMe(employeeId);
  if (shared.isError) return null;
  const items = shared.data?.items ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="shared-assessments-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="shared-assessments-title">
          {t('assessments.shared.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('assessments.shared.intro')}
        </Text>
        {shared.isPending ? (
          <Spinner size="sm" />
        ) : items.length === 0 ? (
          <Text c="dimmed">{t('assessments.shared.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing="xs" aria-labelledby="shared-assessments-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('assessments.history.date')}</Table.Th>
                  <Table.Th>{t('assessments.history.instrument')}</Table.Th>
                  <Table.Th>{t('assessments.history.score')}</Table.Th>
                  <Table.Th>{t('assessments.history.level')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{dateText(a.createdAt)}</Table.Td>
                    <Table.Td>{t(`assessments.instruments.${a.instrument}.name`)}</Table.Td>
                    <Table.Td>{scoreText(a)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge
                          variant="light"
                          c="dark.7"
                          color={a.severity ? SEVERITY_COLOR[a.severity] : a.lowWellbeing ? 'orange' : 'teal'}
                        >
                          {levelText(a, t)}
                        </Badge>
                        {a.crisis ? (
                          <Badge variant="outline" color="red.9">
                            {t('assessments.shared.crisis')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
