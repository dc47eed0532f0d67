// "Subscribe from my calendar": a private, revocable URL that Google Calendar, Outlook or Apple
// Calendar subscribe to (GET /calendar/{token}.ics). The URL is shown once, when made; events say
// only "Consultation HuntZen" and the time.
import type { CalendarFeedCreated, CalendarFeedStatus } from '@huntzen/contracts';
import { Button, Card, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconCalendar } from '../../components/icons';
import { LoadError } from '../../components/QueryState';
import { apiRequest } from '../../lib/api';
import { dateTimeLabel, inZone } from '../booking/time';
import { useViewerZone } from './hooks';

const KEY = ['calendar-feed'] as const;

/** The card on "My consultations". */
export function CalendarFeedCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { zone } = useViewerZone();
  const status = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => apiRequest<CalendarFeedStatus>('/me/calendar-feed', { signal }),
  });
  const [made, setMade] = useState<CalendarFeedCreated | null>(null);
  const create = useMutation({
    mutationFn: () => apiRequest<CalendarFeedCreated>('/me/calendar-feed', { method: 'POST' }),
    onSuccess: (feed) => setMade(feed),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  const revoke = useMutation({
    mutationFn: () => apiRequest<void>('/me/calendar-feed', { method: 'DELETE' }),
    onSuccess: () => setMade(null),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  const active = status.data?.active ?? false;
  const error = create.error ?? revoke.error;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="calendar-feed-title">
      <Stack gap="sm">
        <Group gap="xs">
          <IconCalendar size={18} />
          <Title order={2} fz="lg" id="calendar-feed-title">
            {t('consultations.feed.title')}
          </Title>
        </Group>
        <Text size="sm">{t('consultations.feed.intro')}</Text>
        {made ? (
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {t('consultations.feed.once')}
            </Text>
            <Code block data-testid="calendar-feed-url" style={{ wordBreak: 'break-all' }}>
              {made.url}
            </Code>
            <CopyButton value={made.url}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy} w="fit-content">
                  {copied ? t('consultations.feed.copied') : t('consultations.feed.copy')}
                </Button>
              )}
            </CopyButton>
          </Stack>
        ) : active && status.data?.createdAt ? (
          <Text size="sm" c="dimmed">
            {t('consultations.feed.active', {
              when: dateTimeLabel(inZone(status.data.createdAt, zone), false),
            })}
          </Text>
        ) : null}
        <Group gap="sm">
          <Button
            size="sm"
            variant={active ? 'default' : 'filled'}
            loading={create.isPending}
            onClick={() => create.mutate()}
          >
            {active ? t('consultations.feed.renew') : t('consultations.feed.create')}
          </Button>
          {active ? (
            <Button
              size="sm"
              variant="outline"
              color="red.8"
              loading={revoke.isPending}
              onClick={() => revoke.mutate()}
            >
              {t('consultations.feed.revoke')}
            </Button>
          ) : null}
        </Group>
        {error ? <LoadError error={error} /> : null}
      </Stack>
    </Card>
  );
}
