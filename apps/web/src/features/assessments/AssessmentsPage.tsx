// `/app/assessments` (employees): the three validated questionnaires (PHQ-9, GAD-7, WHO-5), the
// history of one with its severity bands, each result with its sharing, and the settings (urgent
// alert to the practitioner, reminders every 2 or 4 weeks). The copyright notices are shown.
import '@mantine/charts/styles.css';
import { type Assessment, INSTRUMENT_RULES, INSTRUMENTS, type Instrument } from '@huntzen/contracts';
import {
  Badge,
  Button,
  Card,
  Center,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/QueryState';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { usePhone } from '../../lib/use-phone';
import { dateTimeLabel, inZone } from '../booking/time';
import { useViewerZone } from '../consultations/hooks';
import { useAssessmentSettings, useAssessments, useUpdateAssessmentSettings } from './assessments.api';
import { dateText, levelText, SEVERITY_COLOR, scoreText } from './format';
import { HistoryChart } from './HistoryChart';
import { ShareControl } from './ShareControl';

/** The questionnaires page. */
export function AssessmentsPage() {
  const { t } = useTranslation();
  usePageTitle(t('assessments.title'));
  const [instrument, setInstrument] = useState<Instrument>('PHQ9');
  const history = useAssessments(instrument);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('assessments.title')}</Title>
        <Text maw={760}>{t('assessments.intro')}</Text>
        <Text size="sm" c="dimmed">
          {t('assessments.notDiagnosis')}
        </Text>
      </Stack>

      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        {INSTRUMENTS.map((id) => (
          <Card key={id} withBorder padding="lg" component="section" aria-labelledby={`take-${id}`}>
            <Stack gap="xs" h="100%" justify="space-between">
              <Stack gap={2}>
                <Title order={2} fz="lg" id={`take-${id}`}>
                  {t(`assessments.instruments.${id}.name`)}
                </Title>
                <Text>{t(`assessments.instruments.${id}.about`)}</Text>
                <Text size="sm" c="dimmed">
                  {t('assessments.take.minutes', { count: INSTRUMENT_RULES[id].items })}
                </Text>
              </Stack>
              <Button
                component={Link}
                to={`/app/assessments/take/${id}`}
                aria-label={`${t('assessments.take.start')} — ${t(`assessments.instruments.${id}.name`)}`}
              >
                {t('assessments.take.start')}
              </Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>

      <Card withBorder padding="lg" component="section" aria-labelledby="assessment-history-title">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={2} fz="lg" id="assessment-history-title">
              {t('assessments.history.title')}
            </Title>
            <SegmentedControl
              size="xs"
              aria-label={t('assessments.history.instrument')}
              value={instrument}
              onChange={(value) => setInstrument(value as Instrument)}
              data={INSTRUMENTS.map((id) => ({ value: id, label: t(`assessments.instruments.${id}.name`) }))}
            />
          </Group>
          {history.isPending ? (
            <Center p="md">
              <Spinner size="sm" />
            </Center>
          ) : history.isError ? (
            <LoadError error={history.error} />
          ) : (
            <>
              <HistoryChart instrument={instrument} items={history.data.items} />
              {history.data.items.length > 0 ? <ResultsTable items={history.data.items} /> : null}
            </>
          )}
        </Stack>
      </Card>

      <SettingsCard />

      <Stack gap={4} component="footer">
        {INSTRUMENTS.map((id) => (
          <Text key={id} size="xs" c="dimmed">
            {t(`assessments.instruments.${id}.copyright`)}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}

function ResultsTable({ items }: { items: Assessment[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" aria-label={t('assessments.history.list')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assessments.history.date')}</Table.Th>
            <Table.Th>{t('assessments.history.score')}</Table.Th>
            <Table.Th>{t('assessments.history.level')}</Table.Th>
            <Table.Th>{t('assessments.history.sharing')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{dateText(a.createdAt)}</Table.Td>
              <Table.Td>{scoreText(a)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge
                    variant="light"
                    color={a.severity ? SEVERITY_COLOR[a.severity] : a.lowWellbeing ? 'orange' : 'teal'}
                    c="dark.7"
                  >
                    {levelText(a, t)}
                  </Badge>
                  {a.crisis ? (
                    <Badge variant="outline" color="red.9">
                      {t('assessments.history.crisisBadge')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <ShareControl assessment={a} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SettingsCard() {
  const { t } = useTranslation();
  const phone = usePhone();
  const settings = useAssessmentSettings();
  const update = useUpdateAssessmentSettings();
  const { zone } = useViewerZone();
  const save = (body: Parameters<typeof update.mutate>[0]) =>
    update.mutate(body, {
      onSuccess: () =>
        notifications.show({
          color: 'zen',
          closeButtonProps: { 'aria-label': t('common.close') },
          message: t('assessments.settings.saved'),
        }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          closeButtonProps: { 'aria-label': t('common.close') },
          message: errorMessage(error, t),
        }),
    });
  const s = settings.data;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="assessment-settings-title">
      <Stack gap="md">
        <Title order={2} fz="lg" id="assessment-settings-title">
          {t('assessments.settings.title')}
        </Title>
        {!s ? (
          <Spinner size="sm" />
        ) : (
          <>
            <Switch
              checked={s.alertPractitionerOnCrisis}
              onChange={(event) => save({ alertPractitionerOnCrisis: event.currentTarget.checked })}
              label={t('assessments.settings.alert')}
              description={t('assessments.settings.alertHelp')}
              disabled={update.isPending}
            />
            <Stack gap={6}>
              <Text size="sm" fw={500} id="reminder-label">
                {t('assessments.settings.reminder')}
              </Text>
              <SegmentedControl
                aria-labelledby="reminder-label"
                value={String(s.reminderWeeks ?? 0)}
                onChange={(value) => save({ reminderWeeks: value === '0' ? null : (Number(value) as 2 | 4) })}
                data={[
                  { value: '0', label: t('assessments.settings.reminderNone') },
                  { value: '2', label: t('assessments.settings.reminder2') },
                  { value: '4', label: t('assessments.settings.reminder4') },
                ]}
                disabled={update.isPending}
                // Three long choices: one under the other on a phone.
                orientation={phone ? 'vertical' : 'horizontal'}
                fullWidth={phone}
                w={phone ? undefined : 'fit-content'}
              />
            </Stack>
            {s.reminderWeeks ? (
              <Group gap="md" align="flex-end" wrap="wrap">
                <Select
                  label={t('assessments.settings.reminderInstrument')}
                  value={s.reminderInstrument ?? 'any'}
                  onChange={(value) =>
                    save({ reminderInstrument: !value || value === 'any' ? null : (value as Instrument) })
                  }
                  data={[
                    { value: 'any', label: t('assessments.settings.any') },
                    ...INSTRUMENTS.map((id) => ({
                      value: id,
                      label: t(`assessments.instruments.${id}.name`),
                    })),
                  ]}
                  allowDeselect={false}
                  w={220}
                />
                {s.nextReminderAt ? (
                  <Text size="sm" c="dimmed">
                    {t('assessments.settings.next', {
                      when: dateTimeLabel(inZone(s.nextReminderAt, zone), false),
                    })}
                  </Text>
                ) : null}
              </Group>
            ) : null}
          </>
        )}
      </Stack>
    </Card>
  );
}
