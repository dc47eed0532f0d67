// On a consultation's page, when it belongs to a weekly or fortnightly series: the series'
// occurrences and "cancel the rest of the series" (each upcoming occurrence cancelled by the API
// as one cancellation would be, with a reason shown to the other participant only).
import { Anchor, Button, Card, Group, List, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/QueryState';
import { StatusBadge } from '../consultations/labels';
import { useCancelSeries, useConsultationSeries } from './series.api';
import { dateTimeLabel, inZone } from './time';

/** The series part of a consultation's page; nothing when it is not part of a series. */
export function SeriesPanel({ consultationId, zone }: { consultationId: string; zone: string }) {
  const { t } = useTranslation();
  const series = useConsultationSeries(consultationId);
  const cancel = useCancelSeries();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  if (!series.data) return null;
  const data = series.data;
  const upcoming = data.occurrences.filter(
    (o) => ['SCHEDULED', 'CONFIRMED'].includes(o.status) && Date.parse(o.scheduledAt) > Date.now(),
  );

  const submit = () => {
    if (reason.trim().length < 3) {
      setTooShort(true);
      return;
    }
    cancel.mutate(
      { seriesId: data.seriesId, reason: reason.trim() },
      {
        onSuccess: async () => {
          setOpen(false);
          await series.refetch();
        },
      },
    );
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="series-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="series-title">
          {t(`booking.series.panelTitle.${data.interval}`)}
        </Title>
        <List spacing="xs" listStyleType="none" pl={0}>
          {data.occurrences.map((o) => (
            <List.Item key={o.consultationId}>
              <Group gap="sm" wrap="wrap">
                {o.consultationId === consultationId ? (
                  <Text size="sm" fw={700}>
                    {dateTimeLabel(inZone(o.scheduledAt, zone))}
                  </Text>
                ) : (
                  <Anchor component={Link} to={`/app/consultations/${o.consultationId}`} size="sm">
                    {dateTimeLabel(inZone(o.scheduledAt, zone))}
                  </Anchor>
                )}
                <StatusBadge status={o.status} />
              </Group>
            </List.Item>
          ))}
        </List>
        {cancel.isSuccess ? (
          <Text size="sm" role="status">
            {t('booking.series.cancelled', { count: cancel.data.cancelled.length })}
          </Text>
        ) : null}
        {upcoming.length > 0 ? (
          <Group>
            <Button variant="outline" color="red.8" onClick={() => setOpen(true)}>
              {t('booking.series.cancelRest')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('booking.series.cancelRest')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text size="sm">{t('booking.series.cancelIntro', { count: upcoming.length })}</Text>
          <Textarea
            label={t('consultations.cancel.reason')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setTooShort(false);
            }}
            error={tooShort ? t('booking.series.reasonTooShort') : undefined}
          />
          {cancel.isError ? <LoadError error={cancel.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('consultations.cancel.keep')}
            </Button>
            <Button color="red.8" onClick={submit} loading={cancel.isPending}>
              {t('booking.series.cancelRest')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
