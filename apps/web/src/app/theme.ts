// HuntZen's look: a calm teal-blue, generous radius, readable sizes. Every text colour pairs with
// its background at WCAG AA (4.5:1) or better; Mantine's defaults for dimmed text, links and errors
// do not, hence the overrides in cssVariablesResolver.

import type { Me } from '@huntzen/contracts';
import {
  type CSSVariablesResolver,
  colorsTuple,
  createTheme,
  type MantineColorShade,
  type MantineColorsTuple,
  type MantineThemeOverride,
} from '@mantine/core';
import { brandPalette, contrastRatio, parseHex } from '../lib/color';

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
    DatePickerInput: { defaultProps: inputDefaults },
    MonthPickerInput: { defaultProps: inputDefaults },
    TimePicker: { defaultProps: inputDefaults },
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

/** Text on a filled brand colour: what Mantine's autoContrast picks at base's luminanceThreshold. */
const LUMINANCE_THRESHOLD = 0.4;
const AA = 4.5;
/** Mantine's gray.0, behind the signed-in pages' content (AppShell.Main). */
const PAGE_BACKGROUND = '#f8f9fa';

/** How a company's colours show in its employees' interface. */
export interface BrandColors {
  /** Mantine's 10 shades around the primary colour. */
  shades: [string, string, string, string, string, string, string, string, string, string];
  /** The shade filled elements (buttons…) use: the colour itself, or darker when needed for AA. */
  primaryShade: number;
  /** The filled colour and the text drawn on it (at least 4.5:1). */
  filled: string;
  onFilled: '#000000' | '#ffffff';
  /** The shade used for links and coloured text on the page's background (at least 4.5:1). */
  text: string;
  textShade: number;
  /** The secondary colour, an accent line under the header (decorative, no text on it). */
  accent: string | null;
}

/**
 * The colours of a company's interface from HR's primary and secondary colours, or null when the
 * primary colour is missing or invalid (HuntZen's look then). Filled elements keep the colour when
 * white text reads on it (dark colours) or when Mantine puts black text on it (light colours, over
 * the luminance threshold); a mid-tone, too light for white text and too dark for black, is
 * darkened to the first shade where white text reaches AA.
 */
export function brandColors(
  primaryColor?: string | null,
  secondaryColor?: string | null,
): BrandColors | null {
  const palette = primaryColor ? brandPalette(primaryColor) : null;
  if (!palette) return null;
  const white: [number, number, number] = [255, 255, 255];
  const black: [number, number, number] = [0, 0, 0];
  const shades = [...palette.shades] as BrandColors['shades'];
  const rgb = (i: number) => parseHex(shades[i]!)!;
  // Coloured text sits on the page (gray.0, the darkest background of the app's content) and, for
  // Mantine's light variant (active menu entry, light buttons), shade 9 on shade 1. Measured on
  // the hex values (the palette is computed before rounding); shade 9 is darkened if needed.
  const page = parseHex(PAGE_BACKGROUND)!;
  const readable = (i: number) => Math.min(contrastRatio(rgb(i), page), contrastRatio(rgb(i), rgb(1))) >= AA;
  for (let step = 0; step < 10 && !readable(9); step++) {
    shades[9] = brandPalette(shades[9]!)!.shades[7];
  }
  const textShade = [6, 7, 8, 9].find((i) => contrastRatio(rgb(i), page) >= AA) ?? 9;
  // Relative luminance from the contrast with black: (L + 0.05) / 0.05.
  const luminance = (i: number) => contrastRatio(rgb(i), black) * 0.05 - 0.05;
  let primaryShade = 6;
  if (luminance(6) <= LUMINANCE_THRESHOLD) {
    while (primaryShade < 9 && contrastRatio(rgb(primaryShade), white) < AA) primaryShade += 1;
  }
  const filled = shades[primaryShade]!;
  const accent = secondaryColor && parseHex(secondaryColor) ? secondaryColor : null;
  return {
    shades,
    primaryShade,
    filled,
    onFilled: luminance(primaryShade) > LUMINANCE_THRESHOLD ? '#000000' : '#ffffff',
    text: shades[textShade]!,
    textShade,
    accent,
  };
}

/** The theme for the signed-in user: an employee sees their company's colours when they are set. */
export function themeFor(user: Me | null): MantineThemeOverride {
  const company = user?.role === 'EMPLOYEE' ? user.company : null;
  const brand = company ? brandColors(company.primaryColor, company.secondaryColor) : null;
  if (!brand) return base;
  return createTheme({
    ...base,
    colors: { ...base.colors, brand: colorsTuple(brand.shades) },
    primaryColor: 'brand',
    primaryShade: brand.primaryShade as MantineColorShade,
    luminanceThreshold: LUMINANCE_THRESHOLD,
    other: { textShade: brand.textShade, brandAccent: brand.accent },
    components: {
      ...base.components,
      // The secondary colour: a line under the header, on every page of the employee's space.
      ...(brand.accent
        ? { AppShell: { styles: { header: { borderBottom: `4px solid ${brand.accent}` } } } }
        : {}),
    },
  });
}
