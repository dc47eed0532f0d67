// The buttons of one picture (choose or change, remove), its hint and its error. The chosen file is
// checked here first (format, size), shown at once as a preview, then uploaded and saved.
import { Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { IconPlus, IconTrash } from '../../components/icons';
import { type MediaArea, type MediaSlot, usePictureSlot } from './media.api';
import { pictureErrorMessage } from './media-errors';
import { IMAGE_TYPES, localProblem, MAX_BYTES } from './media-rules';

export interface PictureLabels {
  add: string;
  change: string;
  remove: string;
  hint: string;
}

interface Props<A extends MediaArea> {
  area: A;
  slot: MediaSlot<A>;
  hasPicture: boolean;
  labels: PictureLabels;
  /** The chosen image as a data URL while it uploads, then null. */
  onPreview(dataUrl: string | null): void;
}

// data: URLs, not blob: ones, which the page's Content-Security-Policy (img-src 'self' data:) refuses.
function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Choose, change or remove one picture. */
export function PictureSlotControls<A extends MediaArea>({
  area,
  slot,
  hasPicture,
  labels,
  onPreview,
}: Props<A>) {
  const { t } = useTranslation();
  const { choose, remove } = usePictureSlot(area, slot);
  const [problem, setProblem] = useState<string | null>(null);
  const resetRef = useRef<() => void>(null);
  const fileType = slot === 'cover' ? 'COVER' : 'AVATAR';
  const maxMegabytes = (MAX_BYTES[fileType] ?? 0) / 1024 / 1024;

  const notify = (message: string) =>
    notifications.show({ color: 'zen', message, closeButtonProps: { 'aria-label': t('common.close') } });

  const onFile = (file: File | null) => {
    resetRef.current?.(); // the same file may be picked again after an error
    if (!file) return;
    setProblem(null);
    const local = localProblem(file, fileType);
    if (local) {
      setProblem(local === 'type' ? t('media.errors.type') : t('media.errors.size', { max: maxMegabytes }));
      return;
    }
    void readAsDataUrl(file).then(onPreview, () => onPreview(null));
    choose.mutate(file, {
      onSuccess: () => notify(t('media.saved')),
      onError: (error) => setProblem(pictureErrorMessage(error, t, maxMegabytes)),
      onSettled: () => onPreview(null),
    });
  };

  const onRemove = () => {
    setProblem(null);
    remove.mutate(undefined, {
      onSuccess: () => notify(t('media.removed')),
      onError: (error) => setProblem(pictureErrorMessage(error, t, maxMegabytes)),
    });
  };

  return (
    <Stack gap={6}>
      <Group gap="xs">
        <FileButton
          onChange={onFile}
          accept={IMAGE_TYPES.join(',')}
          resetRef={resetRef}
          disabled={choose.isPending}
        >
          {(props) => (
            <Button
              {...props}
              variant="light"
              loading={choose.isPending}
              leftSection={<IconPlus size={16} />}
            >
              {hasPicture ? labels.change : labels.add}
            </Button>
          )}
        </FileButton>
        {hasPicture ? (
          <Button
            variant="subtle"
            color="red"
            loading={remove.isPending}
            disabled={choose.isPending}
            leftSection={<IconTrash size={16} />}
            onClick={onRemove}
          >
            {labels.remove}
          </Button>
        ) : null}
      </Group>
      <Text size="xs" c="dimmed">
        {labels.hint}
      </Text>
      <FormAlert message={problem} />
    </Stack>
  );
}
