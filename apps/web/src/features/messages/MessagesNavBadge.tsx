// The unread count beside "Messages" in the menu, kept current by the chat's pushes.
import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useChatLive, useThreads } from './messages.api';

/** The badge, or nothing when every message is read. */
export function MessagesNavBadge() {
  const { t } = useTranslation();
  const threads = useThreads();
  useChatLive();
  const count = threads.data?.unreadTotal ?? 0;
  if (count === 0) return null;
  return (
    <Badge color="red.8" variant="filled" size="sm" circle={count < 10}>
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <VisuallyHidden>{t('messages.navUnread', { count })}</VisuallyHidden>
    </Badge>
  );
}
