// `/app/consultations` (employees and practitioners): upcoming and past consultations (cancelled,
// completed and missed ones are past: isUpcomingConsultation of @huntzen/contracts), each with its
// status, the join button in the room's window, "add to calendar", cancellation and the detail page.
// Times are in the viewer's zone: the employee's profile zone, the practitioner's own.
import { type Consultation, isUpcomingConsultation } from '@huntzen/contracts';
import { Anchor, Button, Card, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError, Loading } from '../../components/QueryState';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { dateTimeLabel, inZone, timeLabel } from '../booking/time';
import { CalendarFeedCard } from './CalendarFeedCard';
import { CancelDialog } from './CancelDialog';
import { CalendarButton, JoinButton } from './ConsultationButtons';
import { type ConsultationsTab, useConsultations } from './consultations.api';
import { useNow, useViewerZone } from './hooks';
import { otherName, partyOf, StatusBadge, zoneFor } from './labels';
import { canAct, type Party } from './timing';

/** The consultations page. */
export function ConsultationsPage() {
  const { t } = useTranslation();
  const { role } = useAuth();
  const party = partyOf(role);
  const title = t(party === 'employee' ? 'consultations.titleEmployee' : 'consultations.titlePractitioner');
  usePageTitle(title);
  const [params, setParams] = useSearchParams();
  const tab: ConsultationsTab = params.get('tab') === 'past' ? 'past' : 'upcoming';

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Title order={1}>{title}</Title>
          <Text c="dimmed">
            {t(
              party === 'employee' ? 'consultations.subtitleEmployee' : 'consultations.subtitlePractitioner',
            )}
          </Text>
        </Stack>
        {party === 'employee' ? (
          <Button component={Link} to="/app/practitioners">
            {t('consultations.findPractitioner')}
          </Button>
        ) : (
          <Button component={Link} to="/app/agenda" variant="default">
            {t('consultations.openAgenda')}
          </Button>
        )}
      </Group>
      <Tabs value={tab} onChange={(value) => setParams(value === 'past' ? { tab: 'past' } : {})}>
        <Tabs.List>
          <Tabs.Tab value="upcoming">{t('consultations.tabs.upcoming')}</Tabs.Tab>
          <Tabs.Tab value="past">{t('consultations.tabs.past')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value={tab} pt="md">
          <ConsultationList when={tab} party={party} />
        </Tabs.Panel>
      </Tabs>
      <CalendarFeedCard />
    </Stack>
  );
}

function ConsultationList({ when, party }: { when: ConsultationsTab; party: Party }) {
  const { t } = useTranslation();
  const query = useConsultations(when);
  const { zone } = useViewerZone();
  const now = useNow();
  const [cancelling, setCancelling] = useState<Consultation | null>(null);
  // The API lists by the same rule; applied here too, a consultation cancelled, ended or over while
  // the page is open leaves "Upcoming" at once rather than at the next refresh.
  const items = (query.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (c) => isUpcomingConsultation(c, now) === (when === 'upcoming'),
  );

  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError) {
    return <LoadError error={query.error} />;
  }
  if (items.length === 0) {
    return (
      <Card withBorder padding="xl">
        <Stack align="center" gap="sm">
          <Text>{t(when === 'upcoming' ? 'consultations.emptyUpcoming' : 'consultations.emptyPast')}</Text>
          {party === 'employee' && when === 'upcoming' ? (
            <Anchor component={Link} to="/app/practitioners">
              {t('consultations.findPractitioner')}
            </Anchor>
          ) : null}
        </Stack>
      </Card>
    );
  }

  return (
    <Stack gap="md">
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((c) => (
          <ConsultationItem
            key={c.id}
            consultation={c}
            party={party}
            zone={zoneFor(c, party, zone)}
            now={now}
            onCancel={() => setCancelling(c)}
          />
        ))}
      </Stack>
      {query.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('consultations.more')}
          </Button>
        </Group>
      ) : null}
      <CancelDialog consultation={cancelling} party={party} onClose={() => setCancelling(null)} />
    </Stack>
  );
}

interface ItemProps {
  consultation: Consultation;
  party: Party;
  zone: string;
  now: number;
  onCancel(): void;
}

function ConsultationItem({ consultation: c, party, zone, now, onCancel }: ItemProps) {
  const { t } = useTranslation();
  const start = inZone(c.scheduledAt, zone);
  const end = inZone(c.scheduledEndAt, zone);
  const titleId = `consultation-${c.id}`;
  return (
    <Card component="li" withBorder padding="md" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={4} style={{ flex: '1 1 320px' }}>
          <Group gap="sm" wrap="wrap">
            <Text fw={700} id={titleId}>
              {dateTimeLabel(start)} – {timeLabel(end)}
            </Text>
            <StatusBadge status={c.status} />
          </Group>
          <Text>
            {t(party === 'employee' ? 'consultations.withPractitioner' : 'consultations.withEmployee', {
              name: otherName(c, party),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t(`consultations.format.${c.format}`)} · {t('booking.minutes', { count: c.duration })} · {zone}
          </Text>
          {c.status === 'CANCELLED' &&
          c.cancelledWithin24h &&
          party === 'employee' &&
          c.cancelledBy === 'employee' ? (
            <Text size="sm" c="red.9">
              {t('consultations.lateCancelled')}
            </Text>
          ) : null}
        </Stack>
        <Group gap="xs" wrap="wrap" justify="flex-end">
          <JoinButton consultation={c} now={now} zone={zone} />
          <CalendarButton consultation={c} />
          {canAct('cancel', party, c, now) ? (
            <Button
              variant="outline"
              color="red.8"
              onClick={onCancel}
              aria-label={t('consultations.cancel.openFor', { when: dateTimeLabel(start, false) })}
            >
              {t('consultations.cancel.open')}
            </Button>
          ) : null}
          <Button
            component={Link}
            to={`/app/consultations/${c.id}`}
            variant="subtle"
            aria-label={t('consultations.detailsOf', { when: dateTimeLabel(start, false) })}
          >
            {t('consultations.details')}
          </Button>
        </Group>
      </Group>
    </Card>
  );
}
