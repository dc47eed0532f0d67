// A message's attachment. Attachments are private (the two participants, bearer token): an image or
// an audio file is fetched and shown from a blob: URL, like the document viewer; any other file
// (PDF) is fetched only when the reader asks to download it.
import type { MessageAttachment } from '@huntzen/contracts';
import { Button, Group, Image, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../../components/Spinner';
import { saveBlob } from '../../lib/download';
import { fetchFileBlob } from '../practitioner-admin/file-blob';
import { fileSize } from '../practitioner-profile/DocumentsCard';
import { chatErrorMessage } from './chat-text';

/** The blob: URL of attachment `fileId`, revoked when unused. */
function useBlobUrl(fileId: string, enabled: boolean) {
  const content = useQuery({
    queryKey: ['file-content', fileId],
    queryFn: ({ signal }) => fetchFileBlob(fileId, signal),
    enabled,
    // Each download is audited: fetched once per page, never in the background.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
    retry: false,
  });
  const url = useMemo(() => (content.data ? URL.createObjectURL(content.data) : null), [content.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return { url, isError: content.isError, error: content.error };
}

/** The attachment inside a message bubble. */
export function AttachmentView({ attachment }: { attachment: MessageAttachment }) {
  const { t, i18n } = useTranslation();
  const inline = attachment.type.startsWith('image/') || attachment.type.startsWith('audio/');
  const blob = useBlobUrl(attachment.fileId, inline);
  const [downloading, setDownloading] = useState(false);
  const size = fileSize(attachment.size, i18n.language);

  const download = async () => {
    setDownloading(true);
    try {
      saveBlob(await fetchFileBlob(attachment.fileId), attachment.name);
    } catch (error) {
      notifications.show({ color: 'red', message: chatErrorMessage(error, t) });
    } finally {
      setDownloading(false);
    }
  };

  if (inline && !blob.url && !blob.isError) return <Spinner size="sm" />;
  return (
    <Stack gap={4} align="flex-start">
      {blob.url && attachment.type.startsWith('image/') ? (
        <Image
          src={blob.url}
          alt={t('messages.attachment.imageAlt', { name: attachment.name })}
          maw={{ base: 220, sm: 280 }}
          mah={280}
          fit="contain"
          radius="sm"
        />
      ) : null}
      {blob.url && attachment.type.startsWith('audio/') ? (
        // biome-ignore lint/a11y/useMediaCaption: a participant's voice note has no captions to offer.
        <audio
          controls
          src={blob.url}
          aria-label={t('messages.attachment.audioLabel', { name: attachment.name })}
        />
      ) : null}
      <Group gap={6} wrap="nowrap">
        <Button
          variant="subtle"
          size="compact-sm"
          px={4}
          loading={downloading}
          onClick={() => void download()}
          style={{ maxWidth: '100%' }}
        >
          <Text span size="sm" truncate="end" maw={220}>
            {t('messages.attachment.download', { name: attachment.name })}
          </Text>
        </Button>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {size}
        </Text>
      </Group>
    </Stack>
  );
}
