// `/app/messages`: the signed-in participant's conversations, one per consultation, the most recent
// first, with their unread counts (live) and whether they still accept messages. Practitioners also
// set their reply promise here.
import type { Thread } from '@huntzen/contracts';
import { Alert, Avatar, Badge, Card, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconAlert } from '../../components/icons';
import { Loading } from '../../components/QueryState';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { useViewerZone } from '../consultations/hooks';
import { chatErrorMessage, dateTimeOf } from './chat-text';
import { useChatLive, useThreads } from './messages.api';
import { ReplyPromiseCard } from './ReplyPromiseCard';

/** The inbox. */
export function MessagesPage() {
  const { t } = useTranslation();
  const { role } = useAuth();
  const practitioner = role === 'PRACTITIONER';
  usePageTitle(t('messages.title'));
  useChatLive();

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('messages.title')}</Title>
        <Text c="dimmed">
          {t(practitioner ? 'messages.subtitlePractitioner' : 'messages.subtitleEmployee')}
        </Text>
      </Stack>
      <ThreadList />
      {practitioner ? <ReplyPromiseCard /> : null}
    </Stack>
  );
}

function ThreadList() {
  const { t } = useTranslation();
  const threads = useThreads();
  const { zone } = useViewerZone();

  if (threads.isPending) {
    return <Loading />;
  }
  if (threads.isError) {
    return (
      <Alert color="red" icon={<IconAlert />} role="alert">
        {chatErrorMessage(threads.error, t)}
      </Alert>
    );
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby="threads-title">
      <Title order={2} fz="lg" id="threads-title">
        {t('messages.inbox.listTitle')}
      </Title>
      {threads.data.items.length === 0 ? (
        <Text c="dimmed">{t('messages.inbox.empty')}</Text>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {threads.data.items.map((thread) => (
            <li key={thread.consultationId}>
              <ThreadRow thread={thread} zone={zone} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function ThreadRow({ thread, zone }: { thread: Thread; zone: string }) {
  const { t } = useTranslation();
  const unread = thread.unreadCount > 0;
  return (
    <UnstyledButton component={Link} to={`/app/messages/${thread.consultationId}`} w="100%" display="block">
      <Card withBorder padding="md" bg={unread ? 'zen.0' : undefined}>
        <Group wrap="nowrap" gap="md" align="center">
          <Avatar
            src={thread.other.avatarUrl}
            alt=""
            radius="xl"
            color="zen"
            name={thread.other.displayName}
          />
          <Stack gap={2} miw={0} style={{ flex: 1 }}>
            <Text fw={unread ? 700 : 600} truncate="end">
              {thread.other.displayName}
            </Text>
            <Text size="sm" c="dimmed">
              {t('messages.inbox.consultationOf', { when: dateTimeOf(thread.scheduledAt, zone) })}
            </Text>
            <Text size="sm" c="dimmed">
              {thread.lastMessageAt
                ? t('messages.inbox.lastMessage', { when: dateTimeOf(thread.lastMessageAt, zone) })
                : t('messages.inbox.noMessage')}
            </Text>
          </Stack>
          <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
            {unread ? (
              <Badge color="red.8" variant="filled" tt="none">
                {t('messages.inbox.unread', { count: thread.unreadCount })}
              </Badge>
            ) : null}
            {thread.writable ? null : (
              <Badge color="gray.7" variant="light" tt="none">
                {t('messages.inbox.readOnly')}
              </Badge>
            )}
          </Stack>
        </Group>
      </Card>
    </UnstyledButton>
  );
}
