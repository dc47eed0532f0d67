// A week of a practitioner's free slots, in the EMPLOYEE's time zone (said on screen): previous /
// next week, one button per slot. The slots are ONE composite widget (issue 17): a single Tab stop
// (roving tabindex: the chosen slot, else the first), the arrow keys move between the times of a day
// (up / down) and between days (left / right, to the nearest time of the next day with any), Home /
// End go to the day's first / last time (with Ctrl: the week's), Enter or Space picks.
import { DEFAULT_HORIZON_DAYS, type FreeSlot } from '@huntzen/contracts';
import { ActionIcon, Box, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { DateTime } from 'luxon';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/QueryState';
import { Spinner } from '../../components/Spinner';
import { formatLocale } from '../../i18n';
import { useFreeSlots } from './booking.api';
import { moveInSlotGrid } from './slot-grid';
import { dayKey, dayLabel, inZone, shortDayLabel, timeLabel, weekDays, weekLabel, weekStart } from './time';

export interface SlotPickerProps {
  practitionerId: string;
  /** The employee's IANA zone: every time is shown in it. */
  zone: string;
  /** Monday 00:00 of the week shown (in `zone`). */
  week: DateTime;
  onWeekChange(week: DateTime): void;
  selected: FreeSlot | null;
  onSelect(slot: FreeSlot): void;
  /** Heading level of the picker's title inside the host page. */
  headingOrder?: 2 | 3;
}

/** The week's slot picker. */
export function SlotPicker({
  practitionerId,
  zone,
  week,
  onWeekChange,
  selected,
  onSelect,
  headingOrder = 3,
}: SlotPickerProps) {
  const { t } = useTranslation();
  const from = week.toUTC().toISO() ?? '';
  const to = week.plus({ weeks: 1 }).toUTC().toISO() ?? '';
  const slots = useFreeSlots(practitionerId, from, to);
  // Labels in the current language, whatever the language when the week was chosen.
  const locale = formatLocale();
  const monday = week.setLocale(locale);
  const grid = useRef<HTMLDivElement>(null);

  const thisWeek = weekStart(new Date(), zone);
  const today = inZone(new Date(), zone).startOf('day');
  const horizon = inZone(new Date(), zone).plus({ days: DEFAULT_HORIZON_DAYS });
  const canGoBack = week > thisWeek;
  const canGoForward = week.plus({ weeks: 1 }) < horizon;

  const byDay = useMemo(() => {
    const days = new Map<string, { slot: FreeSlot; start: DateTime }[]>();
    for (const slot of slots.data?.slots ?? []) {
      const start = inZone(slot.start, zone).setLocale(locale);
      const key = dayKey(start);
      days.set(key, [...(days.get(key) ?? []), { slot, start }]);
    }
    return days;
    // The locale too: the DateTimes carry the language of their labels.
  }, [slots.data, zone, locale]);
  const total = slots.data?.slots.length ?? 0;
  // The week's days that have slots, each its slot starts in order: the widget's columns.
  const columns = useMemo(
    () =>
      weekDays(monday)
        .map((day) => (byDay.get(dayKey(day)) ?? []).map(({ slot }) => slot.start))
        .filter((starts) => starts.length > 0),
    [byDay, monday],
  );
  // The one slot in the Tab order: the last one focused, else the chosen one, else the first.
  const [focusedStart, setFocusedStart] = useState<string | null>(null);
  const starts = columns.flat();
  const tabStop =
    [focusedStart, selected?.start].find((start) => start && starts.includes(start)) ?? starts[0] ?? null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = (document.activeElement as HTMLElement | null)?.dataset.start;
    const day = columns.findIndex((column) => current !== undefined && column.includes(current));
    if (day < 0) return;
    const target = moveInSlotGrid(
      columns,
      day,
      columns[day]!.indexOf(current!),
      event.key,
      event.ctrlKey || event.metaKey,
    );
    if (!target) return;
    event.preventDefault();
    const start = columns[target.day]![target.row]!;
    setFocusedStart(start);
    grid.current?.querySelector<HTMLButtonElement>(`button[data-start="${CSS.escape(start)}"]`)?.focus();
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Title order={headingOrder} fz="md" id="slot-picker-title">
            {t('booking.picker.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('booking.picker.zone', { zone })}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <ActionIcon
            variant="default"
            size="lg"
            onClick={() => onWeekChange(week.minus({ weeks: 1 }))}
            disabled={!canGoBack}
            aria-label={t('booking.picker.previousWeek')}
          >
            <span aria-hidden="true">‹</span>
          </ActionIcon>
          <Text fw={600} miw={170} ta="center" aria-live="polite" id="slot-picker-week">
            {weekLabel(monday)}
          </Text>
          <ActionIcon
            variant="default"
            size="lg"
            onClick={() => onWeekChange(week.plus({ weeks: 1 }))}
            disabled={!canGoForward}
            aria-label={t('booking.picker.nextWeek')}
          >
            <span aria-hidden="true">›</span>
          </ActionIcon>
        </Group>
      </Group>

      {slots.isPending ? (
        <Group justify="center" p="md">
          <Spinner size="sm" />
        </Group>
      ) : slots.isError ? (
        <LoadError error={slots.error} />
      ) : (
        <>
          <Text size="sm" aria-live="polite">
            {total === 0 ? t('booking.picker.noneThisWeek') : t('booking.picker.count', { count: total })}
          </Text>
          {total === 0 && canGoForward ? (
            <Box>
              <Button variant="light" onClick={() => onWeekChange(week.plus({ weeks: 1 }))}>
                {t('booking.picker.seeNextWeek')}
              </Button>
            </Box>
          ) : null}
          {total > 0 ? (
            <Box style={{ containerType: 'inline-size' }}>
              <SimpleGrid
                ref={grid}
                type="container"
                cols={{ base: 1, '420px': 4, '760px': 7 }}
                spacing="xs"
                verticalSpacing="md"
                role="group"
                aria-labelledby="slot-picker-title slot-picker-week"
                aria-describedby="slot-picker-keys"
                onKeyDown={onKeyDown}
                // Busy while another week loads, at full contrast: a faded grid would fall below
                // WCAG AA for every time it shows.
                aria-busy={slots.isPlaceholderData || undefined}
              >
                {weekDays(monday).map((day) => {
                  const times = byDay.get(dayKey(day)) ?? [];
                  // On a phone the days are one list: the days gone by would only add "no slot" lines.
                  const past = times.length === 0 && day < today;
                  return (
                    <Stack
                      key={dayKey(day)}
                      gap={6}
                      component="section"
                      aria-label={dayLabel(day)}
                      visibleFrom={past ? 'xs' : undefined}
                      data-past={past || undefined}
                    >
                      <Text size="sm" fw={600} aria-hidden="true">
                        {shortDayLabel(day)}
                      </Text>
                      {times.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('booking.picker.noSlot')}
                        </Text>
                      ) : (
                        <Group gap={6}>
                          {times.map(({ slot, start }) => {
                            const isSelected = selected?.start === slot.start;
                            return (
                              <Button
                                key={slot.start}
                                data-slot
                                data-start={slot.start}
                                size="compact-sm"
                                variant={isSelected ? 'filled' : 'outline'}
                                aria-pressed={isSelected}
                                tabIndex={slot.start === tabStop ? 0 : -1}
                                onFocus={() => setFocusedStart(slot.start)}
                                aria-label={t('booking.picker.slotLabel', {
                                  time: timeLabel(start),
                                  day: dayLabel(start),
                                })}
                                onClick={() => onSelect(slot)}
                              >
                                {timeLabel(start)}
                              </Button>
                            );
                          })}
                        </Group>
                      )}
                    </Stack>
                  );
                })}
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt="xs" id="slot-picker-keys">
                {t('booking.picker.keys')}
              </Text>
            </Box>
          ) : null}
        </>
      )}
    </Stack>
  );
}
