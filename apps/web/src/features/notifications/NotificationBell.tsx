// The bell of the signed-in header: the unread count, live (socket.io), and a dropdown with the
// latest notifications, "mark all read" and the way to the notification centre. Pushes arrive on
// the page's live connection, which the signed-in shell opens (lib/realtime.ts).
import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconBell } from './IconBell';
import { NotificationItem } from './NotificationItem';
import { useMarkAllRead, useNotificationFeed, useUnreadCount } from './notifications.api';
import { useNotificationsLive } from './notifications.socket';

const LATEST = 5;

function shorten(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Bell button with its dropdown. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const count = useUnreadCount().data ?? 0;
  // Fetched when first opened; pushes then keep it current.
  const feed = useNotificationFeed(false, opened);
  const markAll = useMarkAllRead();
  useNotificationsLive((notification) => {
    // A polite announcement (role status, not alert: nothing here is urgent), at the bottom so that
    // it never hides the header (the emergency button, the bell itself).
    toasts.show({
      title: notification.title,
      message: shorten(notification.message),
      role: 'status',
      position: 'bottom-right',
      autoClose: 6_000,
      // Mantine's defaults: an unnamed close button and a message too pale to read (3.3:1).
      closeButtonProps: { 'aria-label': t('common.close') },
      styles: { description: { color: 'var(--mantine-color-dark-5)' } },
    });
  });

  const latest = feed.data?.pages[0]?.items.slice(0, LATEST) ?? [];
  const label = count === 0 ? t('notifications.bell') : t('notifications.bellUnread', { count });
  const close = () => setOpened(false);

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={380}
      shadow="md"
      withinPortal
      trapFocus
      returnFocus
    >
      {/* The target is the button itself: Popover gives it aria-expanded and aria-controls. */}
      <Indicator
        label={count > 99 ? '99+' : count}
        disabled={count === 0}
        size={18}
        offset={6}
        color="red"
        withBorder
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="dark"
            size="lg"
            radius="xl"
            aria-label={label}
            onClick={() => setOpened((o) => !o)}
          >
            <IconBell size={22} />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0} aria-label={t('notifications.title')}>
        <Group justify="space-between" px="md" py="sm" wrap="nowrap">
          <Text fw={700}>{t('notifications.title')}</Text>
          {count > 0 ? (
            <Button
              variant="subtle"
              size="compact-sm"
              loading={markAll.isPending}
              onClick={() => markAll.mutate()}
            >
              {t('notifications.markAllRead')}
            </Button>
          ) : null}
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={420} type="auto">
          {feed.isPending ? (
            <Text p="md" size="sm" c="dimmed">
              {t('common.loading')}
            </Text>
          ) : latest.length === 0 ? (
            <Text p="md" size="sm" c="dimmed">
              {t('notifications.empty')}
            </Text>
          ) : (
            <Stack gap={0}>
              {latest.map((notification, index) => (
                <div key={notification.id}>
                  {index > 0 ? <Divider /> : null}
                  <NotificationItem notification={notification} compact onNavigate={close} />
                </div>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
        <Divider />
        <Button
          component={Link}
          to="/app/notifications"
          variant="subtle"
          fullWidth
          radius={0}
          onClick={close}
        >
          {t('notifications.seeAll')}
        </Button>
      </Popover.Dropdown>
    </Popover>
  );
}
