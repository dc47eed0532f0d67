// Exceptions: add a day off, blocked hours or an extra opening on a date (a calendar of the
// practitioner's dates, today onwards), and the list of upcoming ones with their removal.
import { type AvailabilityException, AvailabilityExceptionRequestSchema } from '@huntzen/contracts';
import { ActionIcon, Badge, Button, Card, Center, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { IconPlus, IconTrash } from '../../components/icons';
import { LoadError } from '../../components/QueryState';
import { Spinner } from '../../components/Spinner';
import { TimeField } from '../../components/TimeField';
import { applyApiError, errorMessage, schemaValidator } from '../../lib/form';
import { useAddException, useDeleteException, useExceptions } from './availability.api';
import { localizeAvailabilityError, toast } from './availability-messages';
import { calendarDateLabel, endFromInput } from './time';

type Kind = 'dayOff' | 'block' | 'opening';

interface Values {
  date: string | null;
  kind: Kind;
  startTime: string;
  endTime: string;
}

const INITIAL: Values = { date: null, kind: 'dayOff', startTime: '', endTime: '' };

function toRequest(values: Values) {
  const withTimes = values.kind !== 'dayOff';
  return {
    date: values.date ?? '',
    isAvailable: values.kind === 'opening',
    startTime: withTimes ? values.startTime || null : null,
    endTime: withTimes ? (values.endTime ? endFromInput(values.endTime) : null) : null,
  };
}

const kindOf = (e: AvailabilityException): Kind =>
  e.isAvailable ? 'opening' : e.startTime === null ? 'dayOff' : 'block';
const KIND_COLOR: Record<Kind, string> = { dayOff: 'gray', block: 'orange', opening: 'zen' };

/** The exceptions card; `today` and `maxDate` are dates of the practitioner's zone. */
export function ExceptionsCard({ today, maxDate }: { today: string; maxDate: string }) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const list = useExceptions();
  const add = useAddException();
  const remove = useDeleteException();
  const form = useForm<Values>({
    initialValues: INITIAL,
    validate: schemaValidator(
      AvailabilityExceptionRequestSchema,
      t,
      toRequest,
      { endTime: 'availability.weekly.endBeforeStart' },
      // The contract takes blocked hours without times as a day off: the form asks for them.
      (values) => {
        if (values.kind === 'dayOff') return {};
        return {
          ...(values.startTime ? {} : { startTime: t('validation.required') }),
          ...(values.endTime ? {} : { endTime: t('validation.required') }),
        };
      },
    ),
  });
  const withTimes = form.values.kind !== 'dayOff';
  const items = [...(list.data?.items ?? [])].sort(
    (a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? ''),
  );

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="exceptions-title">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz="xl" id="exceptions-title">
            {t('availability.exceptions.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('availability.exceptions.description')}
          </Text>
        </Stack>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setAlert(null);
            add.mutate(toRequest(values), {
              onSuccess: () => {
                form.setValues({ ...INITIAL, kind: values.kind });
                toast(t, t('availability.exceptions.added'));
              },
              onError: (error) => setAlert(applyApiError(form, localizeAvailabilityError(error, t), t)),
            });
          })}
        >
          <Stack gap="sm">
            <FormAlert message={alert} />
            <Radio.Group label={t('availability.exceptions.kind')} {...form.getInputProps('kind')}>
              <Group gap="lg" mt={6}>
                {(['dayOff', 'block', 'opening'] as const).map((kind) => (
                  <Radio key={kind} value={kind} label={t(`availability.exceptions.kinds.${kind}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Group align="flex-start" gap="sm">
              <DateField
                label={t('availability.exceptions.date')}
                dialogLabel={t('availability.exceptions.dateDialog')}
                minDate={today}
                maxDate={maxDate}
                required
                w={240}
                {...form.getInputProps('date')}
              />
              {withTimes ? (
                <>
                  <TimeField
                    label={t('availability.exceptions.start')}
                    required
                    w={130}
                    {...form.getInputProps('startTime')}
                  />
                  <TimeField
                    label={t('availability.exceptions.end')}
                    required
                    w={130}
                    {...form.getInputProps('endTime')}
                  />
                </>
              ) : null}
              <Button
                type="submit"
                mt={{ base: 0, sm: 25 }}
                leftSection={<IconPlus size={16} />}
                loading={add.isPending}
              >
                {t('availability.exceptions.add')}
              </Button>
            </Group>
          </Stack>
        </form>
        <section aria-label={t('availability.exceptions.listLabel')}>
          {list.isPending ? (
            <Center p="md">
              <Spinner />
            </Center>
          ) : list.isError ? (
            <LoadError error={list.error} />
          ) : items.length === 0 ? (
            <Text c="dimmed">{t('availability.exceptions.empty')}</Text>
          ) : (
            <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.map((e) => {
                const kind = kindOf(e);
                const date = calendarDateLabel(e.date);
                return (
                  <Group
                    key={e.id}
                    component="li"
                    justify="space-between"
                    py="xs"
                    style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
                  >
                    <Group gap="sm">
                      <Text fw={600}>{date}</Text>
                      <Badge color={KIND_COLOR[kind]} variant="light">
                        {t(`availability.exceptions.kinds.${kind}`)}
                      </Badge>
                      <Text>
                        {e.startTime ? `${e.startTime}–${e.endTime}` : t('availability.exceptions.wholeDay')}
                      </Text>
                      {kind === 'opening' ? (
                        <Text c="dimmed" size="sm">
                          {t('availability.exceptions.slots', { minutes: e.slotDuration })}
                        </Text>
                      ) : null}
                    </Group>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={t('availability.exceptions.remove', { date })}
                      loading={remove.isPending && remove.variables === e.id}
                      onClick={() =>
                        remove.mutate(e.id, {
                          onSuccess: () => toast(t, t('availability.exceptions.removed')),
                          onError: (error) => toast(t, errorMessage(error, t), 'red'),
                        })
                      }
                    >
                      <IconTrash size={18} />
                    </ActionIcon>
                  </Group>
                );
              })}
            </Stack>
          )}
        </section>
      </Stack>
    </Card>
  );
}
