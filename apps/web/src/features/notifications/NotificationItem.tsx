// One notification in the bell's dropdown or the notification centre: unread mark, title, message,
// when, its link (which marks it read) and a "mark read" button.
import { ActionIcon, Anchor, Box, Button, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconCheck } from '../../components/icons';
import { type AppNotification, useMarkRead } from './notifications.api';
import { formatWhen } from './time';

/** A notification; `compact` clamps the message (dropdown). `onNavigate` runs when its link is followed. */
export function NotificationItem({
  notification,
  compact = false,
  onNavigate,
}: {
  notification: AppNotification;
  compact?: boolean;
  onNavigate?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const markRead = useMarkRead();
  const unread = !notification.isRead;
  const follow = () => {
    if (unread) markRead.mutate(notification);
    onNavigate?.();
  };

  return (
    <Group wrap="nowrap" align="flex-start" gap="sm" py="sm" px={compact ? 'sm' : 'md'}>
      <Box
        aria-hidden="true"
        mt={7}
        w={8}
        h={8}
        style={{
          flex: 'none',
          borderRadius: '50%',
          background: unread ? 'var(--mantine-primary-color-filled)' : 'transparent',
        }}
      />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text fw={unread ? 700 : 500} size={compact ? 'sm' : 'md'}>
          {notification.title}
          {unread ? <VisuallyHidden> ({t('notifications.unread')})</VisuallyHidden> : null}
        </Text>
        <Text size="sm" c="dimmed" lineClamp={compact ? 2 : undefined} style={{ whiteSpace: 'pre-line' }}>
          {notification.message}
        </Text>
        <Group gap="md" mt={2}>
          <Text size="xs" c="dimmed" component="time" dateTime={notification.createdAt}>
            {formatWhen(notification.createdAt, i18n.language)}
          </Text>
          {notification.linkUrl ? (
            <Anchor component={Link} to={notification.linkUrl} size="xs" fw={600} onClick={follow}>
              {notification.linkLabel ?? t('notifications.open')}
            </Anchor>
          ) : null}
        </Group>
      </Stack>
      {unread && compact ? (
        <ActionIcon
          variant="subtle"
          loading={markRead.isPending}
          onClick={() => markRead.mutate(notification)}
          aria-label={t('notifications.markReadLabel', { title: notification.title })}
          style={{ flex: 'none' }}
        >
          <IconCheck size={16} />
        </ActionIcon>
      ) : null}
      {unread && !compact ? (
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconCheck size={14} />}
          loading={markRead.isPending}
          onClick={() => markRead.mutate(notification)}
          aria-label={t('notifications.markReadLabel', { title: notification.title })}
          style={{ flex: 'none' }}
        >
          {t('notifications.markRead')}
        </Button>
      ) : null}
    </Group>
  );
}
