// `/app/agenda` (practitioners): their consultations in a day or week calendar, in THEIR time zone
// (not the browser's), with their weekly hours shaded as the working time. A consultation opens its
// detail page (confirm, start, end, no-show).
//
// The calendar is FullCalendar 6 (MIT, maintained since 2009): React 19 is a supported peer, its
// Luxon 3 plugin gives real named time zones (DST included), it ships French and British English,
// and its events are links, so the keyboard reaches them. react-big-calendar was the alternative;
// it draws in the browser's zone only, which is wrong for a practitioner abroad.

import type { EventClickArg, EventInput } from '@fullcalendar/core';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import frLocale from '@fullcalendar/core/locales/fr';
import luxon3Plugin from '@fullcalendar/luxon3';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import type { Consultation, ConsultationStatus, WeeklySchedule } from '@huntzen/contracts';
import { ActionIcon, Button, Card, Group, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { currentLanguage } from '../../i18n';
import { usePageTitle } from '../../lib/use-page-title';
import { useWeeklySchedule } from '../availability/availability.api';
import { StatusBadge } from '../consultations/labels';
import { type AgendaRange, useAgendaConsultations } from './agenda.api';
import './agenda.css';
import { LoadError, Loading } from '../../components/QueryState';
import { usePhone } from '../../lib/use-phone';

// Background and text of each status, from the theme (AA contrast, like the status badges).
const COLORS: Record<ConsultationStatus, { bg: string; text: string }> = {
  SCHEDULED: { bg: 'var(--mantine-color-yellow-3)', text: 'var(--mantine-color-black)' },
  CONFIRMED: { bg: 'var(--mantine-color-zen-6)', text: 'var(--mantine-color-white)' },
  IN_PROGRESS: { bg: 'var(--mantine-color-blue-9)', text: 'var(--mantine-color-white)' },
  COMPLETED: { bg: 'var(--mantine-color-gray-7)', text: 'var(--mantine-color-white)' },
  CANCELLED: { bg: 'var(--mantine-color-gray-2)', text: 'var(--mantine-color-gray-8)' },
  NO_SHOW: { bg: 'var(--mantine-color-grape-8)', text: 'var(--mantine-color-white)' },
};
const LEGEND: ConsultationStatus[] = [
  'SCHEDULED',
  'CONFIRMED',
  'IN_PROGRESS',
  'COMPLETED',
  'NO_SHOW',
  'CANCELLED',
];

const hour = (time: string) => Number(time.slice(0, 2)) + (time.endsWith(':00') ? 0 : 1);
const hh = (h: number) => `${String(Math.max(0, Math.min(24, h))).padStart(2, '0')}:00:00`;

/** The hours shown: the working hours with an hour around, widened to every consultation. */
function visibleHours(schedule: WeeklySchedule | undefined, consultations: Consultation[], zone: string) {
  let first = 8;
  let last = 19;
  for (const w of schedule?.windows ?? []) {
    first = Math.min(first, Number(w.startTime.slice(0, 2)) - 1);
    last = Math.max(last, hour(w.endTime) + 1);
  }
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' });
  for (const c of consultations) {
    first = Math.min(first, Number(format.format(new Date(c.scheduledAt))));
    const endHour = Number(format.format(new Date(c.scheduledEndAt)));
    last = Math.max(last, endHour === 0 ? 24 : endHour + 1);
  }
  return { slotMinTime: hh(first), slotMaxTime: hh(last) };
}

/** The agenda page. */
export function AgendaPage() {
  const { t } = useTranslation();
  usePageTitle(t('agenda.title'));
  const navigate = useNavigate();
  const schedule = useWeeklySchedule();
  // The dates on screen, from the calendar: the consultations of those dates only are read.
  const [shown, setShown] = useState<AgendaRange | null>(null);
  const consultations = useAgendaConsultations(shown);
  const [showCancelled, setShowCancelled] = useState(false);
  // Our own toolbar (Mantine controls with labels) drives the calendar through its API.
  const calendar = useRef<FullCalendar>(null);
  // A phone shows one day at a time (a week's seven columns do not fit 375 px); its week view, if
  // chosen, names the days in one letter and a number.
  const phone = usePhone();
  const [view, setView] = useState<'timeGridWeek' | 'timeGridDay'>(phone ? 'timeGridDay' : 'timeGridWeek');
  const [range, setRange] = useState('');
  const api = () => calendar.current?.getApi();
  const zone = schedule.data?.timezone;
  const language = currentLanguage();

  const events = useMemo<EventInput[]>(
    () =>
      (consultations.data ?? [])
        .filter((c) => showCancelled || c.status !== 'CANCELLED')
        .map((c) => ({
          id: c.id,
          title: t('agenda.event', {
            name: `${c.employee.firstName} ${c.employee.lastName}`,
            format: t(`consultations.format.${c.format}`),
            status: t(`consultations.status.${c.status}`),
          }),
          start: c.scheduledAt,
          end: c.scheduledEndAt,
          // A link: focusable, and Enter opens it (eventClick keeps it inside the app).
          url: `/app/consultations/${c.id}`,
          backgroundColor: COLORS[c.status].bg,
          borderColor: COLORS[c.status].bg,
          textColor: COLORS[c.status].text,
          classNames: c.status === 'CANCELLED' ? ['agenda-cancelled'] : [],
        })),
    [consultations.data, showCancelled, t],
  );

  const businessHours = useMemo(
    () =>
      (schedule.data?.windows ?? []).map((w) => ({
        daysOfWeek: [w.dayOfWeek],
        startTime: w.startTime,
        endTime: w.endTime,
      })),
    [schedule.data],
  );

  const onEventClick = (info: EventClickArg) => {
    info.jsEvent.preventDefault();
    navigate(`/app/consultations/${info.event.id}`);
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Title order={1}>{t('agenda.title')}</Title>
          <Text c="dimmed">{zone ? t('agenda.subtitle', { zone }) : t('agenda.subtitleNoZone')}</Text>
        </Stack>
        <Group gap="sm">
          <Button component={Link} to="/app/availability" variant="default">
            {t('agenda.editHours')}
          </Button>
          <Button component={Link} to="/app/consultations" variant="default">
            {t('agenda.list')}
          </Button>
        </Group>
      </Group>

      {consultations.isError ? <LoadError error={consultations.error} /> : null}
      {schedule.isPending ? (
        <Loading />
      ) : schedule.isError ? (
        <LoadError error={schedule.error} />
      ) : (
        <Card
          withBorder
          padding="md"
          component="section"
          aria-label={t('agenda.calendarLabel')}
          aria-busy={consultations.isFetching}
        >
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Group gap="xs" wrap="wrap" aria-label={t('agenda.legend')} role="group">
                {LEGEND.map((status) => (
                  <StatusBadge key={status} status={status} />
                ))}
              </Group>
              <Switch
                label={t('agenda.showCancelled')}
                checked={showCancelled}
                onChange={(event) => setShowCancelled(event.currentTarget.checked)}
              />
            </Group>
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Group gap="xs" wrap="nowrap">
                <ActionIcon
                  variant="default"
                  size="lg"
                  onClick={() => api()?.prev()}
                  aria-label={t('agenda.previous')}
                >
                  <span aria-hidden="true">‹</span>
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  size="lg"
                  onClick={() => api()?.next()}
                  aria-label={t('agenda.next')}
                >
                  <span aria-hidden="true">›</span>
                </ActionIcon>
                <Button variant="default" onClick={() => api()?.today()}>
                  {t('agenda.today')}
                </Button>
              </Group>
              <Title order={2} fz="lg" aria-live="polite">
                {range}
              </Title>
              <SegmentedControl
                aria-label={t('agenda.view')}
                value={view}
                onChange={(value) => {
                  const next = value as typeof view;
                  setView(next);
                  api()?.changeView(next);
                }}
                data={[
                  { value: 'timeGridDay', label: t('agenda.day') },
                  { value: 'timeGridWeek', label: t('agenda.week') },
                ]}
              />
            </Group>
            <div className="agenda-calendar">
              <FullCalendar
                ref={calendar}
                plugins={[timeGridPlugin, luxon3Plugin]}
                initialView={view}
                dayHeaderFormat={
                  view === 'timeGridDay'
                    ? { weekday: 'long' }
                    : phone
                      ? { weekday: 'narrow', day: 'numeric' }
                      : { weekday: 'short', month: 'numeric', day: 'numeric', omitCommas: true }
                }
                timeZone={zone}
                locales={[frLocale, enGbLocale]}
                locale={language === 'fr' ? 'fr' : 'en-gb'}
                firstDay={1}
                headerToolbar={false}
                datesSet={(info) => {
                  setRange(info.view.title);
                  const from = info.start.toISOString();
                  const to = info.end.toISOString();
                  // Called again on every re-render of the view: a new object each time would
                  // re-render the page, and the calendar with it, without end.
                  setShown((shown) => (shown?.from === from && shown.to === to ? shown : { from, to }));
                }}
                allDaySlot={false}
                nowIndicator
                height="auto"
                expandRows
                slotDuration="00:30:00"
                {...visibleHours(schedule.data, consultations.data ?? [], zone ?? 'UTC')}
                businessHours={businessHours.length > 0 ? businessHours : false}
                eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
                slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
                events={events}
                eventClick={onEventClick}
              />
            </div>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
