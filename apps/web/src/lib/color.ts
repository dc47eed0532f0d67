// Company branding: a Mantine 10-shade palette from one hex colour, plus contrast helpers so the
// branded interface keeps WCAG AA text contrast whatever colour HR picked.

type Rgb = [number, number, number];

/** Parses #rgb or #rrggbb; null for anything else (the colour is then ignored). */
export function parseHex(value: string): Rgb | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match?.[1]) return null;
  const hex =
    match[1].length === 3
      ? match[1]
          .split('')
          .map((c) => c + c)
          .join('')
      : match[1];
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function mix(a: Rgb, b: Rgb, weight: number): Rgb {
  return [0, 1, 2].map((i) => a[i]! * (1 - weight) + b[i]! * weight) as Rgb;
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours (1 to 21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
// Shade 6 is the brand colour itself; lighter shades mix in white, darker ones black.
const TINTS = [0.92, 0.84, 0.68, 0.5, 0.32, 0.16];
const SHADES = [0.18, 0.34, 0.5];

export interface BrandPalette {
  shades: [string, string, string, string, string, string, string, string, string, string];
  /** The first shade (from 6 on) readable as text on white at AA (4.5:1), for links. */
  textShade: number;
}

/** The palette for a company colour, or null when the colour is not a valid hex value. */
export function brandPalette(hex: string): BrandPalette | null {
  const base = parseHex(hex);
  if (!base) return null;
  const list = [...TINTS.map((w) => mix(base, WHITE, w)), base, ...SHADES.map((w) => mix(base, BLACK, w))];
  // A very light brand colour (yellow…) needs a darker last shade: links and light-variant text use it.
  for (let w = SHADES.at(-1)!; contrastRatio(list[9]!, WHITE) < 4.5 && w < 0.9; w += 0.05) {
    list[9] = mix(base, BLACK, w);
  }
  const textShade = list.findIndex((rgb, i) => i >= 6 && contrastRatio(rgb, WHITE) >= 4.5);
  return {
    shades: list.map(toHex) as BrandPalette['shades'],
    textShade: textShade === -1 ? 9 : textShade,
  };
}
