// Always-visible "Emergency?" entry point: one click to the numbers, on every employee screen and
// every public page.
import { ActionIcon, Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { IconLifebuoy } from '../../components/icons';
import { usePhone } from '../../lib/use-phone';
import { CrisisDialog } from './CrisisDialog';

/**
 * The header button and its modal; with `iconOnPhone`, its icon alone under 36em (the signed-in
 * header, whose bell, language and account menus leave no room for the words on a phone).
 */
export function CrisisButton({ iconOnPhone = false }: { iconOnPhone?: boolean }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const phone = usePhone();
  const compact = iconOnPhone && phone;
  return (
    <>
      {compact ? (
        // On a phone the header has no room for the words: the same red button, its icon alone
        // (still named "Emergency?" for screen readers), rather than over the logo.
        <ActionIcon
          color="red.9"
          variant="filled"
          size={36}
          radius="xl"
          onClick={open}
          aria-haspopup="dialog"
          aria-label={t('crisis.button')}
        >
          <IconLifebuoy size={20} />
        </ActionIcon>
      ) : (
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
      )}
      <CrisisDialog opened={opened} onClose={close} title={t('crisis.title')} />
    </>
  );
}
