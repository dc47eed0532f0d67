// i18next with French (default) and English bundled in: no network round trip before first paint.
// The chosen language is remembered in localStorage and mirrored on <html lang>.
import { dateLocale } from '@huntzen/contracts';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, fr } from './resources';

export const APP_LANGUAGES = ['fr', 'en'] as const;
export type AppLanguage = (typeof APP_LANGUAGES)[number];

// Each bundle must have every key of the other: a missing translation is a type error.
const english: typeof fr = en;
const french: typeof en = fr;

const STORAGE_KEY = 'huntzen.language';

function isAppLanguage(value: unknown): value is AppLanguage {
  return typeof value === 'string' && (APP_LANGUAGES as readonly string[]).includes(value);
}

/** The language the user picked on this device, if any. */
export function storedLanguage(): AppLanguage | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isAppLanguage(value) ? value : null;
  } catch {
    return null; // storage disabled (private mode, policies)
  }
}

/** The language currently shown. */
export function currentLanguage(): AppLanguage {
  return isAppLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr';
}

/**
 * The locale every page writes dates and numbers in (contracts' `dateLocale`: French of France,
 * English of the United Kingdom), never the browser's nor a bare "en" (month first in Chrome).
 */
export function formatLocale(language: string = currentLanguage()): 'fr-FR' | 'en-GB' {
  return dateLocale(language);
}

/** Switches the interface language and (by default) remembers the choice on this device. */
export function changeLanguage(language: string, remember = true): void {
  if (!isAppLanguage(language)) return;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Not remembered, still applied.
    }
  }
  void i18n.changeLanguage(language);
}

/** Initializes i18next synchronously (resources are bundled). */
export function initI18n(): typeof i18n {
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  void i18n.use(initReactI18next).init({
    resources: { fr: { translation: french }, en: { translation: english } },
    lng: storedLanguage() ?? 'fr',
    fallbackLng: 'fr',
    supportedLngs: APP_LANGUAGES,
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false,
  });
  document.documentElement.lang = currentLanguage();
  return i18n;
}
