// The booking card of a practitioner's profile (employees): pick a free slot of the week, a format
// the practitioner offers, check the summary, book. One Idempotency-Key per attempt (made when the
// summary opens), so a retry after a lost answer books once; a slot taken meanwhile sends the
// employee back to fresh slots with a kind word; missing consent links to the consent page.
import {
  type ConsultationFormat,
  type FreeSlot,
  SERIES_RULES,
  type SeriesInterval,
} from '@huntzen/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  List,
  NumberInput,
  Radio,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { DateTime } from 'luxon';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconAlert, IconCheck, IconInfo } from '../../components/icons';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { useViewerZone } from '../consultations/hooks';
import { useBookConsultation } from './booking.api';
import { SlotPicker } from './SlotPicker';
import { useBookSeries } from './series.api';
import { dateTimeLabel, inZone, weekStart } from './time';
import { WaitlistCard } from './WaitlistCard';

/** What the card needs of a practitioner (a PractitionerProfile fits). */
export interface BookingPractitioner {
  id: string;
  title: string;
  firstName: string;
  lastName: string;
  formats: { video: boolean; phone: boolean; inPerson: boolean };
  inPersonAddress?: string | null;
  isAcceptingNewClients?: boolean;
  /** The soonest free slot (the directory computed it): the card opens on its week. */
  nextSlot?: string | null;
}

type Step = 'pick' | 'confirm' | 'done' | 'series';
/** Once, or the same slot every week or every two weeks (POST /consultations/series). */
type Repeat = 'once' | SeriesInterval;
/** Why the employee is back at the slots: shown above them. */
type Notice = 'taken' | 'yours' | 'unavailable' | 'busy' | null;

const MINUTE = 60_000;

/** The formats the practitioner offers, in the API's words (AUDIO is the profile's "phone"). */
export function offeredFormats(p: BookingPractitioner): ConsultationFormat[] {
  const formats: ConsultationFormat[] = [];
  if (p.formats.video) formats.push('VIDEO');
  if (p.formats.phone) formats.push('AUDIO');
  if (p.formats.inPerson) formats.push('IN_PERSON');
  return formats;
}

/** The booking card. */
export function BookingCard({ practitioner }: { practitioner: BookingPractitioner }) {
  const { t } = useTranslation();
  const { zone } = useViewerZone();
  const formats = offeredFormats(practitioner);
  // The week of the soonest free slot, not the current one, which may have none left (a Sunday).
  const [firstWeekDay] = useState(() =>
    practitioner.nextSlot ? new Date(practitioner.nextSlot) : new Date(),
  );
  const [week, setWeek] = useState<DateTime>(() => weekStart(firstWeekDay, zone));
  const [slot, setSlot] = useState<FreeSlot | null>(null);
  const [format, setFormat] = useState<ConsultationFormat | null>(formats.length === 1 ? formats[0]! : null);
  const [step, setStep] = useState<Step>('pick');
  const [notice, setNotice] = useState<Notice>(null);
  // The employee's own consultation holding the slot they lost (booked from another tab).
  const [ownConsultation, setOwnConsultation] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const booking = useBookConsultation();
  const series = useBookSeries();
  const [repeat, setRepeat] = useState<Repeat>('once');
  const [occurrences, setOccurrences] = useState(4);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const name = `${practitioner.title} ${practitioner.firstName} ${practitioner.lastName}`;

  // The week follows the employee's zone once their profile has loaded.
  useEffect(() => {
    setWeek((current) => (current.zoneName === zone ? current : weekStart(firstWeekDay, zone)));
  }, [zone, firstWeekDay]);
  useEffect(() => {
    if (step !== 'pick') stepHeading.current?.focus();
  }, [step]);

  const openSummary = () => {
    // A new attempt: a new key. Retries of this attempt (network errors) reuse it.
    setIdempotencyKey(crypto.randomUUID());
    booking.reset();
    series.reset();
    setStep('confirm');
  };

  const backToSlots = (why: Notice) => {
    setNotice(why);
    setSlot(null);
    setStep('pick');
  };

  const book = () => {
    if (!slot || !format) return;
    if (repeat !== 'once') {
      series.mutate(
        { practitionerId: practitioner.id, scheduledAt: slot.start, format, interval: repeat, occurrences },
        { onSuccess: () => setStep('series') },
      );
      return;
    }
    booking.mutate(
      {
        request: { practitionerId: practitioner.id, scheduledAt: slot.start, format },
        idempotencyKey,
      },
      {
        onSuccess: () => setStep('done'),
        onError: (error) => {
          if (isApiError(error, 'SLOT_TAKEN') && error.consultationId) {
            setOwnConsultation(error.consultationId);
            backToSlots('yours');
          } else if (isApiError(error, 'SLOT_TAKEN')) backToSlots('taken');
          else if (isApiError(error, 'EMPLOYEE_BUSY')) backToSlots('busy');
          else if (
            isApiError(error, 'VALIDATION_FAILED') &&
            error.fieldErrors.some((e) => e.path === 'body.scheduledAt')
          ) {
            backToSlots('unavailable');
          }
        },
      },
    );
  };

  const start = slot ? inZone(slot.start, zone) : null;
  const duration = slot ? Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / MINUTE) : 0;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="booking-title">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz="lg" id="booking-title">
            {t('booking.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('booking.subtitle', { name })}
          </Text>
        </Stack>

        {formats.length === 0 ? (
          <Text>{t('booking.noFormat')}</Text>
        ) : step === 'pick' ? (
          <Stack gap="md">
            {practitioner.isAcceptingNewClients === false ? (
              <Alert color="gray" icon={<IconInfo />}>
                {t('booking.notAccepting')}
              </Alert>
            ) : null}
            {notice === 'yours' && ownConsultation ? (
              <Alert color="zen" icon={<IconCheck />} role="status">
                {t('booking.notice.yours')}{' '}
                <Anchor component={Link} to={`/app/consultations/${ownConsultation}`} fw={600}>
                  {t('booking.notice.yoursLink')}
                </Anchor>
              </Alert>
            ) : notice ? (
              <Alert color="yellow" icon={<IconInfo />} role="status">
                {t(`booking.notice.${notice}`)}
              </Alert>
            ) : null}
            <SlotPicker
              practitionerId={practitioner.id}
              zone={zone}
              week={week}
              onWeekChange={setWeek}
              selected={slot}
              onSelect={(chosen) => {
                setSlot(chosen);
                setNotice(null);
              }}
            />
            <Radio.Group
              label={t('booking.format.label')}
              value={format ?? ''}
              onChange={(value) => setFormat(value as ConsultationFormat)}
            >
              <Group gap="lg" mt="xs">
                {formats.map((f) => (
                  <Radio
                    key={f}
                    value={f}
                    label={t(`consultations.format.${f}`)}
                    description={
                      f === 'IN_PERSON' && practitioner.inPersonAddress
                        ? practitioner.inPersonAddress
                        : undefined
                    }
                  />
                ))}
              </Group>
            </Radio.Group>
            <Group justify="space-between" align="center" wrap="wrap">
              <Text size="sm" c={slot ? undefined : 'dimmed'} aria-live="polite">
                {start ? t('booking.chosen', { when: dateTimeLabel(start) }) : t('booking.chooseSlot')}
              </Text>
              <Button onClick={openSummary} disabled={!slot || !format}>
                {t('booking.continue')}
              </Button>
            </Group>
            <Divider />
            {/* Keyed by the zone: its default dates start again in the employee's zone once their
                profile has loaded (the first render may have the browser's, a day apart near midnight). */}
            <WaitlistCard key={zone} practitionerId={practitioner.id} name={name} zone={zone} />
          </Stack>
        ) : step === 'confirm' && slot && format && start ? (
          <Stack gap="md">
            <Title order={3} fz="md" ref={stepHeading} tabIndex={-1}>
              {t('booking.confirm.title')}
            </Title>
            <Stack component="dl" gap={6} m={0}>
              <Summary label={t('booking.confirm.with')} value={name} />
              <Summary label={t('booking.confirm.when')} value={dateTimeLabel(start)} />
              <Summary label={t('booking.confirm.zone')} value={zone} />
              <Summary label={t('booking.confirm.format')} value={t(`consultations.format.${format}`)} />
              <Summary
                label={t('booking.confirm.duration')}
                value={t('booking.minutes', { count: duration })}
              />
            </Stack>
            <Radio.Group
              label={t('booking.series.label')}
              value={repeat}
              onChange={(value) => setRepeat(value as Repeat)}
            >
              <Group gap="lg" mt="xs">
                {(['once', 'WEEKLY', 'FORTNIGHTLY'] as const).map((r) => (
                  <Radio key={r} value={r} label={t(`booking.series.${r}`)} />
                ))}
              </Group>
            </Radio.Group>
            {repeat !== 'once' ? (
              <NumberInput
                label={t('booking.series.occurrences')}
                description={t('booking.series.occurrencesHint', {
                  min: SERIES_RULES.minOccurrences,
                  max: SERIES_RULES.maxOccurrences,
                })}
                min={SERIES_RULES.minOccurrences}
                max={SERIES_RULES.maxOccurrences}
                clampBehavior="strict"
                allowDecimal={false}
                value={occurrences}
                onChange={(value) =>
                  setOccurrences(typeof value === 'number' ? value : SERIES_RULES.minOccurrences)
                }
                maw={360}
              />
            ) : null}
            <Text size="sm" c="dimmed">
              {t('booking.confirm.cancelPolicy')}
            </Text>
            {booking.isError ? <BookingError error={booking.error} /> : null}
            {series.isError ? (
              isApiError(series.error, 'SLOT_TAKEN') ? (
                <Alert color="yellow" icon={<IconInfo />} role="alert">
                  {t('booking.series.noneFree')}
                </Alert>
              ) : (
                <BookingError error={series.error} />
              )
            ) : null}
            <Group justify="flex-end" gap="sm">
              <Button
                variant="default"
                onClick={() => setStep('pick')}
                disabled={booking.isPending || series.isPending}
              >
                {t('booking.confirm.back')}
              </Button>
              <Button onClick={book} loading={booking.isPending || series.isPending}>
                {t('booking.confirm.submit')}
              </Button>
            </Group>
          </Stack>
        ) : step === 'series' && series.data ? (
          <Stack gap="sm">
            <Alert color="zen" icon={<IconCheck />} variant="light">
              <Title order={3} fz="md" ref={stepHeading} tabIndex={-1} mb={4}>
                {t('booking.series.doneTitle', { count: series.data.booked })}
              </Title>
              <Text size="sm">{t('booking.series.doneBody', { name })}</Text>
            </Alert>
            <List spacing="xs" listStyleType="none" pl={0} data-testid="series-result">
              {series.data.occurrences.map((o) => (
                <List.Item key={o.occurrence}>
                  <Group gap="sm" wrap="wrap">
                    <Text size="sm" fw={500}>
                      {dateTimeLabel(inZone(o.scheduledAt, zone))}
                    </Text>
                    <Badge
                      color={o.status === 'BOOKED' ? 'zen' : 'red.9'}
                      variant={o.status === 'BOOKED' ? 'light' : 'outline'}
                    >
                      {t(`booking.series.status.${o.status}`)}
                    </Badge>
                    {o.consultationId ? (
                      <Anchor component={Link} to={`/app/consultations/${o.consultationId}`} size="sm">
                        {t('booking.done.open')}
                      </Anchor>
                    ) : null}
                  </Group>
                </List.Item>
              ))}
            </List>
            <Group gap="sm">
              <Button component={Link} to="/app/consultations" variant="default">
                {t('booking.done.list')}
              </Button>
              <Button
                variant="subtle"
                onClick={() => {
                  series.reset();
                  setSlot(null);
                  setRepeat('once');
                  setStep('pick');
                }}
              >
                {t('booking.done.another')}
              </Button>
            </Group>
          </Stack>
        ) : step === 'done' && booking.data ? (
          <Stack gap="sm">
            <Alert color="zen" icon={<IconCheck />} variant="light">
              <Title order={3} fz="md" ref={stepHeading} tabIndex={-1} mb={4}>
                {t('booking.done.title')}
              </Title>
              <Text size="sm">
                {t('booking.done.body', {
                  name,
                  when: dateTimeLabel(inZone(booking.data.scheduledAt, zone), false),
                })}
              </Text>
            </Alert>
            <Group gap="sm">
              <Button component={Link} to={`/app/consultations/${booking.data.id}`}>
                {t('booking.done.open')}
              </Button>
              <Button component={Link} to="/app/consultations" variant="default">
                {t('booking.done.list')}
              </Button>
              <Button
                variant="subtle"
                onClick={() => {
                  booking.reset();
                  setSlot(null);
                  setStep('pick');
                }}
              >
                {t('booking.done.another')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

function Summary({ label, value }: { label: string; value: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text component="dt" size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {value}
      </Text>
    </Group>
  );
}

/** The refusal of a booking that keeps the employee on the summary. */
function BookingError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error, 'CONSENT_REQUIRED')) {
    return (
      <Alert color="yellow" icon={<IconInfo />} role="alert">
        {t('booking.errors.consent')}{' '}
        <Anchor component={Link} to="/app/consent" fw={600}>
          {t('booking.errors.consentLink')}
        </Anchor>
      </Alert>
    );
  }
  const message = isApiError(error, 'NOT_ACCEPTING_NEW_CLIENTS')
    ? t('booking.errors.notAccepting')
    : isApiError(error, 'FORBIDDEN')
      ? t('booking.errors.forbidden')
      : isApiError(error, 'NOT_FOUND')
        ? t('booking.errors.notFound')
        : isApiError(error, 'VALIDATION_FAILED')
          ? t('booking.errors.format')
          : errorMessage(error, t);
  return (
    <Alert color="red" icon={<IconAlert />} role="alert">
      {message}
      {isApiError(error, 'NETWORK_ERROR', 'INTERNAL', 'SERVICE_UNAVAILABLE')
        ? ` ${t('booking.errors.retrySafe')}`
        : ''}
    </Alert>
  );
}
