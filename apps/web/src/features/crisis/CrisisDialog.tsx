// The crisis numbers in a dialog: opened from the header's "Emergency?" button and from a chat thread.
import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CrisisResources } from './CrisisResources';

/** The dialog of the crisis resources, under `title`. */
export function CrisisDialog({
  opened,
  onClose,
  title,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="md"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-xl)' } }}
    >
      <CrisisResources />
    </Modal>
  );
}
