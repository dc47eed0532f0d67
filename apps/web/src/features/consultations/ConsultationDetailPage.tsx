// `/app/consultations/:id`: one consultation for its two participants — when, with whom, how, what
// happened (start, end, cancellation and its reason, absence) — and the actions open to the viewer
// now: the practitioner confirms, starts, ends or reports the employee absent; the employee reports
// the practitioner absent; both join, add to their calendar and cancel. Buttons follow the API's
// rules (timing.ts); the API decides, and a refusal is explained with the reloaded status.
import {
  type Consultation,
  type ConsultationAction,
  isShortSession,
  MIN_BILLABLE_MINUTES,
  RESCHEDULE_RULES,
  rescheduleCloses,
} from '@huntzen/contracts';
import { Alert, Anchor, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { IconAlert } from '../../components/icons';
import { Loading } from '../../components/QueryState';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { SeriesPanel } from '../booking/SeriesPanel';
import { dateTimeLabel, inZone, timeLabel } from '../booking/time';
import { ConsultationNotesSection } from '../clinical-notes/ConsultationNotesSection';
import { ActionError } from './ActionError';
import { CancelDialog } from './CancelDialog';
import { CalendarButton, JoinButton } from './ConsultationButtons';
import { useConsultation, useConsultationAction } from './consultations.api';
import { useNow, useViewerZone } from './hooks';
import { otherName, partyOf, StatusBadge, zoneFor } from './labels';
import { MoveDialog } from './MoveDialog';
import { canAct, opensLater, type ParticipantAction, type Party } from './timing';

/** The detail page. */
export function ConsultationDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { role } = useAuth();
  const party = partyOf(role);
  const query = useConsultation(id);
  const { zone: viewerZone } = useViewerZone();
  usePageTitle(
    query.data
      ? t('consultations.detail.title', { name: otherName(query.data, party) })
      : t('consultations.detail.loading'),
  );

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/consultations" size="sm">
        ← {t(party === 'employee' ? 'consultations.titleEmployee' : 'consultations.titlePractitioner')}
      </Anchor>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert
          color={isApiError(query.error, 'NOT_FOUND') ? 'gray' : 'red'}
          icon={<IconAlert />}
          role="alert"
        >
          {isApiError(query.error, 'NOT_FOUND')
            ? t('consultations.errors.notFound')
            : errorMessage(query.error, t)}
        </Alert>
      ) : (
        <Detail consultation={query.data} party={party} zone={zoneFor(query.data, party, viewerZone)} />
      )}
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text component="dt" size="sm" c="dimmed" w={170} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </Group>
  );
}

function Detail({
  consultation: c,
  party,
  zone,
}: {
  consultation: Consultation;
  party: Party;
  zone: string;
}) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const [cancelling, setCancelling] = useState(false);
  const [moving, setMoving] = useState(false);
  const when = (iso: string) => dateTimeLabel(inZone(iso, zone));
  const start = inZone(c.scheduledAt, zone);

  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="consultation-title">
        <Stack gap="md">
          <Group gap="sm" wrap="wrap" align="center">
            <Title order={1} id="consultation-title" fz="h2">
              {t('consultations.detail.title', { name: otherName(c, party) })}
            </Title>
            <StatusBadge status={c.status} />
          </Group>
          <Stack component="dl" gap={6} m={0}>
            <Fact label={t('consultations.detail.when')}>
              {dateTimeLabel(start)} – {timeLabel(inZone(c.scheduledEndAt, zone))}
            </Fact>
            <Fact label={t('booking.confirm.zone')}>{zone}</Fact>
            <Fact label={t('booking.confirm.format')}>{t(`consultations.format.${c.format}`)}</Fact>
            <Fact label={t('consultations.detail.duration')}>
              {t('booking.minutes', { count: c.duration })}
            </Fact>
            {c.startedAt ? (
              <Fact label={t('consultations.detail.startedAt')}>{when(c.startedAt)}</Fact>
            ) : null}
            {c.endedAt ? <Fact label={t('consultations.detail.endedAt')}>{when(c.endedAt)}</Fact> : null}
            {c.actualDuration !== null ? (
              <Fact label={t('consultations.detail.actualDuration')}>
                {t('booking.minutes', { count: c.actualDuration })}
              </Fact>
            ) : null}
            {c.cancelledAt ? (
              <Fact label={t('consultations.detail.cancelledAt')}>
                {when(c.cancelledAt)}
                {c.cancelledBy ? ` · ${t(`consultations.detail.by.${c.cancelledBy}`)}` : ''}
                {c.cancelledWithin24h ? ` · ${t('consultations.detail.late')}` : ''}
              </Fact>
            ) : null}
            {c.cancelReason ? <Fact label={t('consultations.detail.reason')}>{c.cancelReason}</Fact> : null}
            {c.noShowBy ? (
              <Fact label={t('consultations.detail.noShow')}>
                {t(`consultations.detail.absent.${c.noShowBy}`)}
              </Fact>
            ) : null}
          </Stack>
          {party === 'employee' &&
          c.status === 'CANCELLED' &&
          c.cancelledBy === 'employee' &&
          c.cancelledWithin24h ? (
            <Text size="sm" c="red.9">
              {t('consultations.lateCancelled')}
            </Text>
          ) : null}
          <Group gap="xs" wrap="wrap">
            <JoinButton consultation={c} now={now} zone={zone} />
            <CalendarButton consultation={c} />
            <Button component={Link} to={`/app/messages/${c.id}`} variant="default">
              {t('messages.openThread')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <Actions
        consultation={c}
        party={party}
        zone={zone}
        now={now}
        onCancel={() => setCancelling(true)}
        onMove={() => setMoving(true)}
      />
      <SeriesPanel consultationId={c.id} zone={zone} />
      {party === 'practitioner' ? <ConsultationNotesSection consultation={c} /> : null}
      <CancelDialog consultation={cancelling ? c : null} party={party} onClose={() => setCancelling(false)} />
      <MoveDialog
        consultation={moving ? c : null}
        party={party}
        zone={zone}
        onClose={() => setMoving(false)}
      />
    </Stack>
  );
}

/** The viewer's lifecycle actions, in the order a session goes. */
const ACTIONS: Record<Party, ParticipantAction[]> = {
  practitioner: ['confirm', 'start', 'end', 'no-show'],
  employee: ['no-show'],
};
/** Actions asked twice: irreversible, and billing follows them. */
const CONFIRMED_TWICE: ParticipantAction[] = ['end', 'no-show'];
const FINAL = ['COMPLETED', 'CANCELLED', 'NO_SHOW'];

/** The wording of an action: a no-show reports the OTHER participant absent. */
function wording(party: Party, name: ParticipantAction) {
  if (name === 'no-show') return party === 'practitioner' ? 'employeeAbsent' : 'practitionerAbsent';
  return name as 'confirm' | 'start' | 'end';
}

interface ActionsProps {
  consultation: Consultation;
  party: Party;
  zone: string;
  now: number;
  onCancel(): void;
  onMove(): void;
}

function Actions({ consultation: c, party, zone, now, onCancel, onMove }: ActionsProps) {
  const { t } = useTranslation();
  const action = useConsultationAction();
  const [asking, setAsking] = useState<ParticipantAction | null>(null);
  const [last, setLast] = useState<ParticipantAction | null>(null);
  // Ending a session shorter than the billable minimum: said in the dialog, confirmed to the API.
  const [short, setShort] = useState(false);

  const ask = (name: ParticipantAction) => {
    const tooShortHere = c.startedAt !== null && isShortSession(new Date(c.startedAt), new Date());
    // The server's clock decides: after its 409 CONFIRMATION_REQUIRED the end is asked as short.
    const tooShortThere = isApiError(action.error, 'CONFIRMATION_REQUIRED');
    setShort(name === 'end' && (tooShortHere || tooShortThere));
    setAsking(name);
  };

  const run = (name: ParticipantAction) => {
    setAsking(null);
    setLast(name);
    action.mutate(
      {
        id: c.id,
        action: name as ConsultationAction,
        ...(name === 'end' && short ? { body: { confirmShort: true } } : {}),
      },
      {
        onSuccess: () =>
          notifications.show({
            color: 'zen',
            closeButtonProps: { 'aria-label': t('common.close') },
            message: t(`consultations.actions.${wording(party, name)}.done`),
          }),
      },
    );
  };

  if (FINAL.includes(c.status)) {
    return (
      <Text c="dimmed">
        {t('consultations.actions.none', { status: t(`consultations.status.${c.status}`) })}
      </Text>
    );
  }

  // Shown: what fits the current status (start also before the confirmation, to say it comes next).
  const shown = ACTIONS[party].filter(
    (name) =>
      canAct(name, party, c, now) ||
      opensLater(name, party, c, now) !== null ||
      (name === 'start' && c.status === 'SCHEDULED') ||
      (name === 'end' && c.status === 'IN_PROGRESS'),
  );
  const canCancel = canAct('cancel', party, c, now);
  // Moving: either participant more than 24 h ahead, then only the practitioner (until the start).
  const movable = RESCHEDULE_RULES.statuses.includes(c.status) && now < Date.parse(c.scheduledAt);
  const canMove = movable && now < rescheduleCloses(party, new Date(c.scheduledAt)).getTime();

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="consultation-actions">
      <Stack gap="md">
        <Title order={2} fz="lg" id="consultation-actions">
          {t('consultations.actions.title')}
        </Title>
        <Stack gap="sm">
          {shown.map((name) => {
            const allowed = canAct(name, party, c, now);
            const opens = opensLater(name, party, c, now);
            const hint = allowed
              ? null
              : opens !== null
                ? t(`consultations.actions.opens.${name === 'no-show' ? 'noShow' : 'other'}`, {
                    when: dateTimeLabel(inZone(new Date(opens), zone), false),
                  })
                : name === 'start' && c.status === 'SCHEDULED'
                  ? t('consultations.actions.confirmFirst')
                  : null;
            const hintId = `hint-${name}`;
            return (
              <Group key={name} gap="sm" wrap="wrap" align="center">
                <Button
                  onClick={() => (CONFIRMED_TWICE.includes(name) ? ask(name) : run(name))}
                  disabled={!allowed}
                  loading={action.isPending && last === name}
                  variant={name === 'no-show' ? 'outline' : 'filled'}
                  color={name === 'no-show' ? 'red.9' : undefined}
                  aria-describedby={hint ? hintId : undefined}
                >
                  {t(`consultations.actions.${wording(party, name)}.label`)}
                </Button>
                {hint ? (
                  <Text size="sm" c="dimmed" id={hintId}>
                    {hint}
                  </Text>
                ) : null}
              </Group>
            );
          })}
          {movable ? (
            <Group gap="sm" wrap="wrap" align="center">
              <Button
                variant="outline"
                onClick={onMove}
                disabled={!canMove}
                aria-describedby={canMove ? undefined : 'hint-move'}
              >
                {t('consultations.move.label')}
              </Button>
              {canMove ? null : (
                <Text size="sm" c="dimmed" id="hint-move">
                  {t('consultations.move.tooLate')}
                </Text>
              )}
            </Group>
          ) : null}
          {canCancel ? (
            <Group>
              <Button variant="outline" color="red.8" onClick={onCancel}>
                {t('consultations.cancel.submit')}
              </Button>
            </Group>
          ) : null}
          {shown.length === 0 && !canCancel && !movable ? (
            <Text c="dimmed">{t('consultations.actions.nothingNow')}</Text>
          ) : null}
        </Stack>
        {action.isError && last ? (
          <ActionError error={action.error} action={last} consultation={c} zone={zone} />
        ) : null}
      </Stack>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={asking ? t(`consultations.actions.${wording(party, asking)}.label`) : ''}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {asking ? (
          <Stack gap="md">
            <Text>
              {asking === 'end' && short
                ? t('consultations.actions.end.confirmShort', { minutes: MIN_BILLABLE_MINUTES })
                : t(`consultations.actions.${wording(party, asking)}.confirm`)}
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setAsking(null)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => run(asking)} data-autofocus>
                {asking === 'end' && short
                  ? t('consultations.actions.end.labelShort')
                  : t(`consultations.actions.${wording(party, asking)}.label`)}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Card>
  );
}
