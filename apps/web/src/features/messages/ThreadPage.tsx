// `/app/messages/:consultationId`: one conversation between a consultation's employee and
// practitioner. The header names the other participant, links to the consultation and keeps the
// emergency numbers one click away; the practitioner's reply promise sits on top; messages come
// live over the page's socket, are marked read while the page is visible, and a polite live region
// announces incoming ones. A read-only thread says why and since when.
import { CHAT_RULES, type ThreadInfo } from '@huntzen/contracts';
import {
  Alert,
  Anchor,
  Avatar,
  Box,
  Button,
  Card,
  Center,
  Divider,
  Group,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { IconAlert, IconInfo, IconLifebuoy } from '../../components/icons';
import { Loading } from '../../components/QueryState';
import { isApiError } from '../../lib/api-error';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { useNow, useViewerZone } from '../consultations/hooks';
import { CrisisDialog } from '../crisis/CrisisDialog';
import { Composer } from './Composer';
import { chatErrorMessage, dateTimeOf, dayKeyOf, dayOf } from './chat-text';
import { MESSAGE_LIST_ID, MessageItem } from './MessageItem';
import {
  flatten,
  MESSAGES_KEY,
  useChatLive,
  useMarkThreadRead,
  useMessages,
  useThreadInfo,
} from './messages.api';

/** The thread page. */
export function ThreadPage() {
  const { t } = useTranslation();
  const { consultationId = '' } = useParams();
  const info = useThreadInfo(consultationId);
  usePageTitle(
    info.data ? t('messages.thread.title', { name: info.data.other.displayName }) : t('messages.title'),
  );

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/app/messages" size="sm">
        ← {t('messages.thread.back')}
      </Anchor>
      {info.isPending ? (
        <Loading />
      ) : info.isError ? (
        <Alert color={isApiError(info.error, 'NOT_FOUND') ? 'gray' : 'red'} icon={<IconAlert />} role="alert">
          {isApiError(info.error, 'NOT_FOUND')
            ? t('messages.thread.notFound')
            : chatErrorMessage(info.error, t)}
        </Alert>
      ) : (
        <Thread thread={info.data} />
      )}
    </Stack>
  );
}

function Thread({ thread }: { thread: ThreadInfo }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { zone } = useViewerZone();
  const [announcement, setAnnouncement] = useState('');
  const id = thread.consultationId;
  const name = thread.other.displayName;

  useChatLive((message) => {
    if (message.consultationId !== id) return;
    setAnnouncement(
      message.content
        ? t('messages.thread.announce', { name, text: message.content })
        : t('messages.thread.announceFile', { name, file: message.attachment?.name ?? '' }),
    );
  });

  return (
    <Stack gap="md">
      <Card withBorder padding="md" component="header">
        <Group justify="space-between" align="center" wrap="wrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Avatar src={thread.other.avatarUrl} alt="" radius="xl" color="zen" name={name} />
            <Stack gap={0} miw={0}>
              <Title order={1} fz={{ base: 'h3', sm: 'h2' }}>
                {t('messages.thread.title', { name })}
              </Title>
              <Anchor component={Link} to={`/app/consultations/${id}`} size="sm">
                {t('messages.thread.consultation', { when: dateTimeOf(thread.scheduledAt, zone) })}
              </Anchor>
            </Stack>
          </Group>
          <CrisisLink />
        </Group>
      </Card>
      <ReplyPromiseNotice thread={thread} />
      {thread.writable ? null : <ClosedNotice thread={thread} zone={zone} />}
      <Card withBorder padding={0}>
        <MessageList thread={thread} zone={zone} />
        {thread.writable ? (
          <>
            <Divider />
            <Box p="md">
              <Composer
                consultationId={id}
                onClosed={() => queryClient.invalidateQueries({ queryKey: [...MESSAGES_KEY, 'thread', id] })}
              />
              <Text size="xs" c="dimmed" mt="xs">
                {t('messages.thread.openUntil', { when: dateTimeOf(thread.closesAt, zone) })}
              </Text>
            </Box>
          </>
        ) : null}
      </Card>
      {/* Incoming messages, read out once by screen readers (the list itself is not a live region:
          loading older messages would be read out too). */}
      <VisuallyHidden aria-live="polite" aria-atomic="true">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}

/** The emergency numbers, one click away in every thread (both roles: a practitioner may give them). */
function CrisisLink() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button
        variant="outline"
        color="red.9"
        size="sm"
        leftSection={<IconLifebuoy size={18} />}
        onClick={open}
        aria-haspopup="dialog"
      >
        {t('messages.thread.crisis')}
      </Button>
      <CrisisDialog opened={opened} onClose={close} title={t('messages.thread.crisisTitle')} />
    </>
  );
}

function ReplyPromiseNotice({ thread }: { thread: ThreadInfo }) {
  const { t } = useTranslation();
  const { role } = useAuth();
  const practitioner = role === 'PRACTITIONER';
  if (!thread.replyPromise && !practitioner) return null;
  return (
    <Alert
      color="zen"
      variant="light"
      // Information that stays, not an alert to announce.
      role="note"
      icon={<IconInfo />}
      title={
        practitioner
          ? t('messages.replyPromise.yours')
          : t('messages.replyPromise.ofPractitioner', { name: thread.other.displayName })
      }
    >
      <Stack gap={4}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {thread.replyPromise ?? t('messages.replyPromise.none')}
        </Text>
        {practitioner ? (
          <Anchor component={Link} to="/app/messages#reply-promise" size="sm" c="zen.9" underline="always">
            {t('messages.replyPromise.edit')}
          </Anchor>
        ) : null}
      </Stack>
    </Alert>
  );
}

function ClosedNotice({ thread, zone }: { thread: ThreadInfo; zone: string }) {
  const { t } = useTranslation();
  const closed = new Date(thread.closesAt).getTime() <= Date.now();
  return (
    <Alert color="gray" variant="light" icon={<IconInfo />} title={t('messages.thread.closedTitle')}>
      {thread.consultationStatus === 'CANCELLED'
        ? t('messages.thread.closedCancelled')
        : closed
          ? t('messages.thread.closedWindow', {
              days: CHAT_RULES.writableDaysAfterEnd,
              when: dateTimeOf(thread.closesAt, zone),
            })
          : t('messages.thread.closedOther')}
    </Alert>
  );
}

/** How close to the bottom (px) still counts as "reading the latest": new messages scroll into view. */
const NEAR_BOTTOM = 80;

function MessageList({ thread, zone }: { thread: ThreadInfo; zone: string }) {
  const { t } = useTranslation();
  const id = thread.consultationId;
  const query = useMessages(id);
  const markRead = useMarkThreadRead(id);
  const now = useNow(15_000);
  const messages = flatten(query.data);
  const scrollRef = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  const previous = useRef<{ first?: string; last?: string; height: number }>({ height: 0 });

  const first = messages[0]?.id;
  const last = messages.at(-1);
  // Keeps the reader where they are: at the bottom when new messages arrive (or their own is sent),
  // on the same message when older ones are added above.
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (!box) return;
    const before = previous.current;
    if (before.last === undefined || (last?.id !== before.last && (nearBottom.current || last?.mine))) {
      box.scrollTop = box.scrollHeight;
    } else if (first !== before.first && last?.id === before.last) {
      box.scrollTop += box.scrollHeight - before.height;
    }
    previous.current = { first, last: last?.id, height: box.scrollHeight };
  }, [first, last?.id, last?.mine]);

  // The other's messages are read while the thread is on screen (and the tab visible).
  const unread = messages.filter((m) => !m.mine && !m.isRead).length;
  const { mutate, isPending } = markRead;
  useEffect(() => {
    const markIfVisible = () => {
      if (unread > 0 && !isPending && document.visibilityState === 'visible') mutate();
    };
    markIfVisible();
    document.addEventListener('visibilitychange', markIfVisible);
    return () => document.removeEventListener('visibilitychange', markIfVisible);
  }, [unread, isPending, mutate]);

  const lastRead = [...messages].reverse().find((m) => m.mine && m.isRead)?.id;

  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError) {
    return (
      <Alert color="red" icon={<IconAlert />} role="alert" m="md">
        {chatErrorMessage(query.error, t)}
      </Alert>
    );
  }

  return (
    <Box
      ref={scrollRef}
      id={MESSAGE_LIST_ID}
      // A scrolling region must be reachable by keyboard; its name says whose messages these are.
      tabIndex={0}
      role="region"
      aria-label={t('messages.thread.listLabel', { name: thread.other.displayName })}
      onScroll={(event) => {
        const box = event.currentTarget;
        nearBottom.current = box.scrollHeight - box.scrollTop - box.clientHeight < NEAR_BOTTOM;
      }}
      h={{ base: '55dvh', sm: '60dvh' }}
      mih={280}
      mah={640}
      p="md"
      style={{ overflowY: 'auto' }}
      bg="gray.0"
    >
      {query.hasNextPage ? (
        <Center mb="sm">
          <Button
            variant="subtle"
            size="xs"
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t('messages.thread.older')}
          </Button>
        </Center>
      ) : null}
      {messages.length === 0 ? (
        <Text c="dimmed" ta="center" py="xl">
          {t(thread.writable ? 'messages.thread.empty' : 'messages.thread.emptyClosed')}
        </Text>
      ) : (
        <Stack component="ol" gap="xs" m={0} p={0}>
          {messages.map((message, index) => {
            const day = dayKeyOf(message.createdAt, zone);
            const newDay = index === 0 || dayKeyOf(messages[index - 1]!.createdAt, zone) !== day;
            return (
              <Fragment key={message.id}>
                {newDay ? <DaySeparator iso={message.createdAt} zone={zone} /> : null}
                <MessageItem
                  message={message}
                  otherName={thread.other.displayName}
                  editable={thread.writable}
                  receipt={message.id === lastRead}
                  now={now}
                  zone={zone}
                />
              </Fragment>
            );
          })}
        </Stack>
      )}
    </Box>
  );
}

function DaySeparator({ iso, zone }: { iso: string; zone: string }) {
  return (
    <li style={{ listStyle: 'none' }}>
      <Divider
        my={4}
        labelPosition="center"
        label={
          <Text size="xs" c="dimmed" fw={500}>
            {dayOf(iso, zone)}
          </Text>
        }
      />
    </li>
  );
}
