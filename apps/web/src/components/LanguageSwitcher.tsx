// Header language menu. The current language is announced; each choice is labelled in its own
// language (lang attribute) so screen readers pronounce it correctly.
import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { APP_LANGUAGES, type AppLanguage, changeLanguage, currentLanguage } from '../i18n';
import { usePhone } from '../lib/use-phone';
import { IconCheck, IconChevronDown, IconGlobe } from './icons';

const NAMES: Record<AppLanguage, string> = { fr: 'Français', en: 'English' };

/** The language menu button. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const current = currentLanguage();
  // Phones: the code alone, so the emergency button always fits in the header.
  const compact = usePhone();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          size="sm"
          px={8}
          leftSection={compact ? undefined : <IconGlobe size={18} />}
          rightSection={compact ? undefined : <IconChevronDown size={14} />}
          aria-label={t('language.label', { language: NAMES[current] })}
        >
          {current.toUpperCase()}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {APP_LANGUAGES.map((language) => (
          <Menu.Item
            key={language}
            lang={language}
            onClick={() => changeLanguage(language)}
            rightSection={language === current ? <IconCheck size={16} /> : null}
            aria-current={language === current ? 'true' : undefined}
          >
            {NAMES[language]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
