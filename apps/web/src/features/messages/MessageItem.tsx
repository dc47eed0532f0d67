// One message of a thread: the bubble (the viewer's own on the right), its text or what became of
// it (deleted, unreadable), its attachment, time and "edited" mark, and for the sender the actions:
// edit while the contract's edit window is open, delete. Editing happens in place (Enter saves,
// Escape cancels); focus returns to the actions button afterwards.
import { CHAT_RULES, canStillEdit } from '@huntzen/contracts';
import {
  ActionIcon,
  Box,
  Button,
  Group,
  Menu,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { AttachmentView } from './AttachmentView';
import { chatErrorMessage, timeOf } from './chat-text';
import { type ChatMessage, isUnreadable, useDeleteMessage, useEditMessage } from './messages.api';

interface MessageItemProps {
  message: ChatMessage;
  /** The other participant's name (who wrote the message when it is not the viewer's). */
  otherName: string;
  /** The thread accepts changes (writable). */
  editable: boolean;
  /** Shows "Read" under it: the last of the viewer's messages the other has read. */
  receipt: boolean;
  now: number;
  zone: string;
}

const actionsId = (id: string) => `message-actions-${id}`;

/** The id of the thread's message list (focusable), where focus goes when a message is deleted. */
export const MESSAGE_LIST_ID = 'thread-messages';

function focusLater(id: string) {
  // After React has put the bubble back (or removed the dialog).
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

/** A message as a list item. */
export function MessageItem({ message: m, otherName, editable, receipt, now, zone }: MessageItemProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const time = timeOf(m.createdAt, zone);
  const canEdit =
    editable && m.mine && !m.isDeleted && m.content !== null && canStillEdit(m.createdAt, new Date(now));
  const canDelete = editable && m.mine && !m.isDeleted;

  return (
    <Box component="li" style={{ listStyle: 'none' }}>
      <Group justify={m.mine ? 'flex-end' : 'flex-start'} wrap="nowrap" align="flex-start" gap={4}>
        {m.mine && (canEdit || canDelete) && !editing ? (
          <Actions
            message={m}
            time={time}
            canEdit={canEdit}
            onEdit={() => setEditing(true)}
            onDelete={() => setDeleting(true)}
          />
        ) : null}
        <Paper
          px="md"
          py="xs"
          radius="lg"
          withBorder={!m.mine}
          bg={m.mine ? 'zen.0' : 'white'}
          maw={{ base: '85%', sm: '70%' }}
          w={editing ? '100%' : undefined}
          style={{ overflowWrap: 'anywhere' }}
        >
          <Stack gap={4}>
            <VisuallyHidden>{m.mine ? t('messages.thread.you') : otherName} :</VisuallyHidden>
            {editing ? (
              <EditForm
                message={m}
                onDone={() => {
                  setEditing(false);
                  focusLater(actionsId(m.id));
                }}
              />
            ) : (
              <Body message={m} />
            )}
            <Text size="xs" c="dimmed" ta={m.mine ? 'right' : 'left'}>
              <time dateTime={m.createdAt}>{time}</time>
              {m.isEdited && !m.isDeleted ? ` · ${t('messages.thread.edited')}` : ''}
            </Text>
          </Stack>
        </Paper>
      </Group>
      {receipt ? (
        <Text size="xs" c="dimmed" ta="right" mt={2} data-testid="read-receipt">
          {t('messages.thread.read')}
        </Text>
      ) : null}
      <DeleteDialog
        message={deleting ? m : null}
        onClose={(deleted) => {
          setDeleting(false);
          focusLater(deleted ? MESSAGE_LIST_ID : actionsId(m.id));
        }}
      />
    </Box>
  );
}

function Body({ message: m }: { message: ChatMessage }) {
  const { t } = useTranslation();
  if (m.isDeleted) {
    return (
      <Text size="sm" fs="italic" c="dimmed">
        {t('messages.thread.deleted')}
      </Text>
    );
  }
  if (isUnreadable(m)) {
    return (
      <Text size="sm" fs="italic" c="dimmed">
        {t('messages.thread.unreadable')}
      </Text>
    );
  }
  return (
    <>
      {m.attachment ? <AttachmentView attachment={m.attachment} /> : null}
      {m.content ? <Text style={{ whiteSpace: 'pre-wrap' }}>{m.content}</Text> : null}
    </>
  );
}

function Actions({
  message,
  time,
  canEdit,
  onEdit,
  onDelete,
}: {
  message: ChatMessage;
  time: string;
  canEdit: boolean;
  onEdit(): void;
  onDelete(): void;
}) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          id={actionsId(message.id)}
          variant="subtle"
          color="gray.7"
          radius="xl"
          mt={6}
          aria-label={t('messages.actions.menu', { time })}
        >
          <Text span fw={700} aria-hidden="true" lh={1}>
            ⋯
          </Text>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {canEdit ? <Menu.Item onClick={onEdit}>{t('messages.actions.edit')}</Menu.Item> : null}
        <Menu.Item color="red.8" onClick={onDelete}>
          {t('messages.actions.delete')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function EditForm({ message, onDone }: { message: ChatMessage; onDone(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(message.content ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const edit = useEditMessage();

  const save = () => {
    const content = text.trim();
    if (!content) return setProblem(t('messages.composer.empty'));
    if (content.length > CHAT_RULES.maxContentLength) {
      return setProblem(t('messages.composer.tooLong', { max: CHAT_RULES.maxContentLength }));
    }
    if (content === message.content) return onDone();
    edit.mutate(
      { id: message.id, content },
      { onSuccess: onDone, onError: (error) => setProblem(chatErrorMessage(error, t)) },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      save();
    }
  };

  return (
    <Stack gap="xs">
      <Textarea
        label={t('messages.actions.editLabel')}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        autosize
        minRows={2}
        maxRows={8}
        // Editing starts on request: the field takes the focus at once.
        autoFocus
      />
      <Group gap="xs" justify="flex-end">
        <Button size="xs" variant="default" onClick={onDone}>
          {t('messages.actions.cancel')}
        </Button>
        <Button size="xs" onClick={save} loading={edit.isPending}>
          {t('messages.actions.save')}
        </Button>
      </Group>
      <FormAlert message={problem} />
    </Stack>
  );
}

function DeleteDialog({
  message,
  onClose,
}: {
  message: ChatMessage | null;
  onClose(deleted: boolean): void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteMessage();
  return (
    <Modal
      opened={message !== null}
      onClose={() => onClose(false)}
      // The actions button may be gone (deleted): focus is placed by onClose.
      returnFocus={false}
      title={t('messages.actions.deleteTitle')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Text>{t('messages.actions.deleteText')}</Text>
        <FormAlert message={remove.isError ? chatErrorMessage(remove.error, t) : null} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => onClose(false)} data-autofocus>
            {t('messages.actions.cancel')}
          </Button>
          <Button
            color="red.8"
            loading={remove.isPending}
            onClick={() =>
              message &&
              remove.mutate(message, {
                onSuccess: () => {
                  onClose(true);
                  notifications.show({
                    color: 'zen',
                    message: t('messages.actions.deleted'),
                    closeButtonProps: { 'aria-label': t('common.close') },
                  });
                },
              })
            }
          >
            {t('messages.actions.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
