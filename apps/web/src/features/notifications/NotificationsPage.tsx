// `/app/notifications`: the notification centre. Every notification of the user, newest first (or
// only the unread ones), each with its link; mark one or all read. New ones appear as they come.
import { Alert, Button, Card, Divider, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconCheck } from '../../components/icons';
import { Loading } from '../../components/QueryState';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { NotificationItem } from './NotificationItem';
import { useMarkAllRead, useNotificationFeed, useUnreadCount } from './notifications.api';

type Filter = 'all' | 'unread';

/** The notification centre. */
export function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  const [filter, setFilter] = useState<Filter>('all');
  const feed = useNotificationFeed(filter === 'unread');
  const count = useUnreadCount().data ?? 0;
  const markAll = useMarkAllRead();
  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg" maw={820}>
      <Group justify="space-between" align="flex-end" gap="md">
        <Stack gap={4}>
          <Title order={1}>{t('notifications.title')}</Title>
          <Text c="dimmed" aria-live="polite">
            {count === 0 ? t('notifications.allRead') : t('notifications.unreadCount', { count })}
          </Text>
        </Stack>
        <Button
          variant="light"
          leftSection={<IconCheck size={16} />}
          disabled={count === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      <SegmentedControl
        value={filter}
        onChange={(value) => setFilter(value as Filter)}
        aria-label={t('notifications.filter')}
        data={[
          { value: 'all', label: t('notifications.filterAll') },
          { value: 'unread', label: t('notifications.filterUnread') },
        ]}
        maw={360}
      />
      <Card withBorder padding={0}>
        {feed.isPending ? (
          <Loading />
        ) : feed.isError ? (
          <Alert color="red" icon={<IconAlert />} m="md" role="alert">
            {errorMessage(feed.error, t)}
          </Alert>
        ) : items.length === 0 ? (
          <Text p="xl" ta="center">
            {filter === 'unread' ? t('notifications.emptyUnread') : t('notifications.empty')}
          </Text>
        ) : (
          <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((notification, index) => (
              <li key={notification.id}>
                {index > 0 ? <Divider /> : null}
                <NotificationItem notification={notification} />
              </li>
            ))}
          </Stack>
        )}
      </Card>
      {feed.hasNextPage ? (
        <Button variant="default" onClick={() => feed.fetchNextPage()} loading={feed.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Stack>
  );
}
