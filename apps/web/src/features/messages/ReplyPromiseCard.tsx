// The practitioner's reply promise (auto-reply / office hours): what their clients read at the top
// of every thread, e.g. "I reply within 2 working days". Saved empty, it is removed.
import { CHAT_RULES } from '@huntzen/contracts';
import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { chatErrorMessage } from './chat-text';
import { useReplyPromise, useSaveReplyPromise } from './messages.api';

/** The card on the practitioner's Messages page. */
export function ReplyPromiseCard() {
  const { t } = useTranslation();
  const current = useReplyPromise(true);
  const save = useSaveReplyPromise();
  const [text, setText] = useState('');
  const saved = current.data?.replyPromise ?? '';
  useEffect(() => setText(saved), [saved]);
  const tooLong = text.trim().length > CHAT_RULES.maxReplyPromiseLength;

  const submit = (value: string | null) =>
    save.mutate(
      { replyPromise: value },
      {
        onSuccess: (answer) =>
          notifications.show({
            color: 'zen',
            message: t(answer.replyPromise ? 'messages.replyPromise.saved' : 'messages.replyPromise.removed'),
            closeButtonProps: { 'aria-label': t('common.close') },
          }),
      },
    );

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="reply-promise" id="reply-promise-card">
      <Stack
        gap="sm"
        component="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!tooLong) submit(text.trim() || null);
        }}
      >
        <Title order={2} fz="lg" id="reply-promise">
          {t('messages.replyPromise.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('messages.replyPromise.description')}
        </Text>
        <Textarea
          label={t('messages.replyPromise.label')}
          placeholder={t('messages.replyPromise.placeholder')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={6}
          disabled={current.isPending}
          description={`${text.trim().length} / ${CHAT_RULES.maxReplyPromiseLength}`}
          error={tooLong ? t('validation.maxLength', { count: CHAT_RULES.maxReplyPromiseLength }) : undefined}
        />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending && save.variables?.replyPromise !== null}>
            {t('messages.replyPromise.save')}
          </Button>
          {saved ? (
            <Button
              variant="default"
              loading={save.isPending && save.variables?.replyPromise === null}
              onClick={() => submit(null)}
            >
              {t('messages.replyPromise.remove')}
            </Button>
          ) : null}
        </Group>
        <FormAlert
          message={
            current.isError
              ? chatErrorMessage(current.error, t)
              : save.isError
                ? chatErrorMessage(save.error, t)
                : null
          }
        />
      </Stack>
    </Card>
  );
}
