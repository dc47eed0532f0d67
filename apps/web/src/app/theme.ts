// HuntZen's look: a calm teal-blue, generous radius, readable sizes. Every text colour pairs with
// its background at WCAG AA (4.5:1) or better; Mantine's defaults for dimmed text, links and errors
// do not, hence the overrides in cssVariablesResolver.

import type { Me } from '@huntzen/contracts';
import {
  type CSSVariablesResolver,
  colorsTuple,
  createTheme,
  type MantineColorsTuple,
  type MantineThemeOverride,
} from '@mantine/core';
import { brandPalette } from '../lib/color';

// Shade 6 (#1e7280) is the filled colour: 5.6:1 with white text, also readable as link text.
const zen: MantineColorsTuple = [
  '#e8f6f7',
  '#d3ebee',
  '#a7d6dc',
  '#78c0c9',
  '#4fa9b5',
  '#2f8f9c',
  '#1e7280',
  '#155e6a',
  '#0f4f59',
  '#0a3f47',
];

// Help text under the input (before the error): inputs side by side in a grid stay aligned.
// Mantine's asterisk is a <span> inside the <label>, which makes "Mot de passe *" the label text
// that tests (getByLabel) must match: global.css draws it with CSS instead.
const inputDefaults = {
  size: 'md',
  inputWrapperOrder: ['label', 'input', 'description', 'error'],
  withAsterisk: false,
};

const base = createTheme({
  primaryColor: 'zen',
  primaryShade: 6,
  colors: { zen },
  autoContrast: true,
  luminanceThreshold: 0.4,
  defaultRadius: 'md',
  focusRing: 'auto',
  respectReducedMotion: true,
  fontFamily:
    'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  other: { textShade: 6 },
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { radius: 'lg' } },
    Card: { defaultProps: { radius: 'lg' } },
    Modal: { defaultProps: { radius: 'lg', centered: true } },
    Fieldset: {
      defaultProps: { radius: 'md' },
      styles: { legend: { fontWeight: 650, fontSize: 'var(--mantine-font-size-md)', paddingInline: 6 } },
    },
    TextInput: { defaultProps: inputDefaults },
    PasswordInput: { defaultProps: inputDefaults },
    Select: { defaultProps: inputDefaults },
    NumberInput: { defaultProps: inputDefaults },
    Textarea: { defaultProps: inputDefaults },
    TagsInput: { defaultProps: inputDefaults },
    MultiSelect: { defaultProps: inputDefaults },
    // Toasts: full-contrast text (Mantine's default description is dimmed below AA on white).
    Notification: { styles: { description: { color: 'var(--mantine-color-text)' } } },
  },
});

/** Mantine defaults that fall short of AA contrast in light mode. */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-anchor': `var(--mantine-color-${theme.primaryColor}-${String(theme.other.textShade)})`,
    '--mantine-color-body': '#fbfdfd',
  },
  dark: {},
});

/** The theme for the signed-in user: an employee sees their company's colour when it is set. */
export function themeFor(user: Me | null): MantineThemeOverride {
  const color = user?.role === 'EMPLOYEE' ? user.company?.primaryColor : null;
  const palette = color ? brandPalette(color) : null;
  if (!palette) return base;
  return createTheme({
    ...base,
    colors: { ...base.colors, brand: colorsTuple(palette.shades) },
    primaryColor: 'brand',
    other: { textShade: palette.textShade },
  });
}
