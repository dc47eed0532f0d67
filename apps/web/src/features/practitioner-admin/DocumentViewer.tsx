// Shows one private document in the page: a PDF in a frame, an image inline, fetched with the
// session's token and displayed from a blob: URL (revoked when the document changes or closes).
import type { PractitionerDocument } from '@huntzen/contracts';
import { Anchor, Box, Group, Image, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/QueryState';
import { fetchFileBlob } from './file-blob';

/** The viewer of `document`. */
export function DocumentViewer({ document }: { document: PractitionerDocument }) {
  const { t } = useTranslation();
  const content = useQuery({
    queryKey: ['file-content', document.id],
    queryFn: ({ signal }) => fetchFileBlob(document.id, signal),
    // Each opening is a download the audit log records: no background refetches.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    retry: false,
  });
  const url = useMemo(() => (content.data ? URL.createObjectURL(content.data) : null), [content.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);

  if (content.isPending) {
    return <Loading />;
  }
  if (content.isError || !url) {
    return <LoadError error={content.error} />;
  }
  const isPdf = document.mimeType === 'application/pdf';
  return (
    <Stack gap="xs">
      {isPdf ? (
        <Box
          component="iframe"
          src={url}
          title={t('practitionerAdmin.viewer.frameTitle', { name: document.originalName })}
          w="100%"
          h={{ base: 420, md: 640 }}
          style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}
        />
      ) : (
        <Image
          src={url}
          alt={t('practitionerAdmin.viewer.imageAlt', { name: document.originalName })}
          fit="contain"
          mah={640}
          radius="sm"
        />
      )}
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {t('practitionerAdmin.viewer.cantSee')}
        </Text>
        <Anchor href={url} download={document.originalName} size="sm">
          {t('practitionerAdmin.viewer.download', { name: document.originalName })}
        </Anchor>
      </Group>
    </Stack>
  );
}
