// Always-visible "Emergency?" entry point: one click to the numbers, on every employee screen and
// every public page.
import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { IconLifebuoy } from '../../components/icons';
import { CrisisResources } from './CrisisResources';

/** The header button and its modal. */
export function CrisisButton() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button
        color="red.9"
        variant="filled"
        size="sm"
        radius="xl"
        leftSection={<IconLifebuoy size={18} />}
        onClick={open}
        aria-haspopup="dialog"
        px="sm"
      >
        {t('crisis.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('crisis.title')}
        size="md"
        closeButtonProps={{ 'aria-label': t('common.close') }}
        styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-xl)' } }}
      >
        <CrisisResources />
      </Modal>
    </>
  );
}
