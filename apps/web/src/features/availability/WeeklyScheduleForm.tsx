// The weekly schedule editor: per weekday (Monday first), time ranges to add and remove, and the
// slot length. Saved whole (PUT replaces the schedule). The form keeps the request's flat list of
// windows, so the API's field errors (`windows.3.endTime`) land on the right input.
import { type WeeklySchedule, WeeklyScheduleRequestSchema } from '@huntzen/contracts';
import { ActionIcon, Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { IconPlus, IconTrash } from '../../components/icons';
import { TimeField } from '../../components/TimeField';
import { applyApiError, schemaValidator } from '../../lib/form';
import { useSaveSchedule } from './availability.api';
import { localizeAvailabilityError, toast } from './availability-messages';
import { endFromInput, endToInput, WEEK_ORDER, weekdayName } from './time';

interface WindowValues {
  dayOfWeek: number;
  startTime: string;
  endTime: string;
}

interface Values {
  slotDuration: number | string;
  windows: WindowValues[];
}

const toRequest = (values: Values) => ({
  slotDuration: typeof values.slotDuration === 'number' ? values.slotDuration : Number.NaN,
  windows: values.windows.map((w) => ({ ...w, endTime: endFromInput(w.endTime) })),
});

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const asTime = (total: number) =>
  `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/** A new range for a day: after its last one (two hours, until midnight at most), else 09:00-12:00. */
function nextRange(windows: WindowValues[], dayOfWeek: number): WindowValues {
  const ends = windows
    .filter((w) => w.dayOfWeek === dayOfWeek && /^\d\d:\d\d$/.test(w.endTime))
    .map((w) => minutes(endFromInput(w.endTime)));
  if (ends.length === 0) return { dayOfWeek, startTime: '09:00', endTime: '12:00' };
  const start = Math.min(Math.max(...ends) + 60, 23 * 60);
  return { dayOfWeek, startTime: asTime(start), endTime: asTime(Math.min(start + 120, 24 * 60)) };
}

/** The weekly schedule card. */
export function WeeklyScheduleForm({ schedule }: { schedule: WeeklySchedule }) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const save = useSaveSchedule(() => toast(t, t('availability.weekly.saved')));
  const form = useForm<Values>({
    initialValues: {
      slotDuration: schedule.slotDuration,
      windows: schedule.windows.map(({ dayOfWeek, startTime, endTime }) => ({
        dayOfWeek,
        startTime,
        endTime: endToInput(endTime),
      })),
    },
    validate: schemaValidator(WeeklyScheduleRequestSchema, t, toRequest, {
      'windows.*.endTime': 'availability.weekly.endBeforeStart',
      'windows.*.startTime': 'availability.weekly.overlap',
    }),
  });
  const windows = form.values.windows;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="weekly-title">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setAlert(null);
          save.mutate(toRequest(values), {
            onError: (error) => setAlert(applyApiError(form, localizeAvailabilityError(error, t), t)),
          });
        })}
      >
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={2} fz="xl" id="weekly-title">
              {t('availability.weekly.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('availability.weekly.description')}
            </Text>
          </Stack>
          <FormAlert message={alert} />
          <NumberInput
            label={t('availability.weekly.slotDuration')}
            description={t('availability.weekly.slotDurationHint', { buffer: schedule.bufferTime })}
            min={10}
            max={180}
            step={5}
            allowDecimal={false}
            maw={320}
            {...form.getInputProps('slotDuration')}
          />
          <Stack gap="sm">
            {WEEK_ORDER.map((day) => {
              const dayName = weekdayName(day);
              const inSentence = weekdayName(day, false);
              const indices = windows.flatMap((w, i) => (w.dayOfWeek === day ? [i] : []));
              return (
                <fieldset key={day} className="availability-day">
                  <Text component="legend" fw={600} w={120} pt={6} className="availability-day-name">
                    {dayName}
                  </Text>
                  <Stack gap="xs" style={{ flex: '1 1 320px' }}>
                    {indices.length === 0 ? (
                      <Text c="dimmed" pt={6}>
                        {t('availability.weekly.unavailable')}
                      </Text>
                    ) : (
                      indices.map((index, n) => {
                        const w = windows[index]!;
                        const rangeLabel = t('availability.weekly.rangeLabel', {
                          index: n + 1,
                          day: inSentence,
                        });
                        return (
                          <Group key={index} gap="xs" align="flex-start" role="group" aria-label={rangeLabel}>
                            <TimeField
                              label={t('availability.weekly.start')}
                              aria-label={`${t('availability.weekly.start')} – ${rangeLabel}`}
                              w={130}
                              {...form.getInputProps(`windows.${index}.startTime`)}
                            />
                            <TimeField
                              label={t('availability.weekly.end')}
                              aria-label={`${t('availability.weekly.end')} – ${rangeLabel}`}
                              description={
                                w.endTime === '00:00' ? t('availability.weekly.endHint') : undefined
                              }
                              w={130}
                              {...form.getInputProps(`windows.${index}.endTime`)}
                            />
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              size="lg"
                              mt={26}
                              aria-label={t('availability.weekly.remove', {
                                start: w.startTime,
                                end: w.endTime,
                                day: inSentence,
                              })}
                              onClick={() => form.removeListItem('windows', index)}
                            >
                              <IconTrash size={18} />
                            </ActionIcon>
                          </Group>
                        );
                      })
                    )}
                    <div>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        leftSection={<IconPlus size={16} />}
                        aria-label={t('availability.weekly.addFor', { day: inSentence })}
                        onClick={() => form.insertListItem('windows', nextRange(windows, day))}
                      >
                        {t('availability.weekly.add')}
                      </Button>
                    </div>
                  </Stack>
                </fieldset>
              );
            })}
          </Stack>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('availability.weekly.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
