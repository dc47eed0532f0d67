// Writing a message: a text area (Enter sends, Shift+Enter goes to a new line), an optional
// attachment picked first and uploaded on send, and the send button. The limits come from the
// contract; the API checks them again (and the attachment's real type).
import { CHAT_RULES } from '@huntzen/contracts';
import { Button, CloseButton, FileButton, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { IconPlus } from '../../components/icons';
import { ApiError } from '../../lib/api-error';
import { fileSize } from '../practitioner-profile/DocumentsCard';
import { chatErrorMessage, MAX_ATTACHMENT_MB } from './chat-text';
import { useSendMessage } from './messages.api';

// A hint for the file picker; the server decides by the content.
const ACCEPT = 'image/*,application/pdf,audio/*';

/** The composer of thread `consultationId`; `onClosed` hears that the thread closed meanwhile. */
export function Composer({ consultationId, onClosed }: { consultationId: string; onClosed(): void }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const resetRef = useRef<() => void>(null);
  const send = useSendMessage(consultationId);
  const length = text.trim().length;
  const tooLong = length > CHAT_RULES.maxContentLength;

  const onFile = (picked: File | null) => {
    resetRef.current?.();
    if (!picked) return;
    setProblem(null);
    if (picked.size > CHAT_RULES.maxAttachmentBytes) {
      setProblem(t('messages.errors.PAYLOAD_TOO_LARGE', { max: MAX_ATTACHMENT_MB }));
      return;
    }
    setFile(picked);
    textareaRef.current?.focus();
  };

  const submit = () => {
    if (send.isPending) return;
    const content = text.trim();
    if (!content && !file) return setProblem(t('messages.composer.empty'));
    if (tooLong) return setProblem(t('messages.composer.tooLong', { max: CHAT_RULES.maxContentLength }));
    setProblem(null);
    send.mutate(
      { content: content || undefined, file },
      {
        onSuccess: () => {
          setText('');
          setFile(null);
          textareaRef.current?.focus();
        },
        onError: (error) => {
          setProblem(chatErrorMessage(error, t));
          if (error instanceof ApiError && error.code === 'THREAD_CLOSED') onClosed();
        },
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter is a new line; an IME composing a character keeps its Enter.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <Stack
      gap="xs"
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {file ? (
        <Paper withBorder px="sm" py={4} radius="md">
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Text size="sm" truncate="end">
              {file.name}{' '}
              <Text span size="xs" c="dimmed">
                {fileSize(file.size, i18n.language)}
              </Text>
            </Text>
            <CloseButton
              size="sm"
              aria-label={t('messages.composer.removeFile', { name: file.name })}
              onClick={() => {
                setFile(null);
                textareaRef.current?.focus();
              }}
            />
          </Group>
        </Paper>
      ) : null}
      <Textarea
        ref={textareaRef}
        label={t('messages.composer.label')}
        description={t('messages.composer.hint')}
        placeholder={t('messages.composer.placeholder')}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        autosize
        minRows={2}
        maxRows={8}
        error={tooLong ? t('messages.composer.tooLong', { max: CHAT_RULES.maxContentLength }) : undefined}
      />
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="xs" wrap="nowrap">
          <FileButton onChange={onFile} accept={ACCEPT} resetRef={resetRef} disabled={send.isPending}>
            {(props) => (
              <Button
                {...props}
                variant="default"
                leftSection={<IconPlus size={16} />}
                aria-describedby="composer-attach-hint"
              >
                {t('messages.composer.attach')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed" id="composer-attach-hint" visibleFrom="xs">
            {t('messages.composer.attachHint', { max: MAX_ATTACHMENT_MB })}
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap">
          {length > CHAT_RULES.maxContentLength * 0.8 ? (
            <Text size="xs" c={tooLong ? 'red.8' : 'dimmed'} aria-live="polite">
              {t('messages.composer.counter', { count: length, max: CHAT_RULES.maxContentLength })}
            </Text>
          ) : null}
          <Button type="submit" loading={send.isPending}>
            {t('messages.composer.send')}
          </Button>
        </Group>
      </Group>
      <FormAlert message={problem} />
    </Stack>
  );
}
