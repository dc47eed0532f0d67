// Escaping for the HTML the mail templates and the development mail page build. Every value that is
// not a literal of our own code goes through `escapeHtml`; URLs and colours are validated first,
// since escaping does not make `javascript:` or a CSS payload safe.
import { z } from 'zod';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `value` as HTML text or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** An absolute http(s) URL: the only kind a link or an image of an e-mail may point to. */
export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).max(2000);

/** A CSS hex colour (#abc or #aabbcc), safe to put in a style attribute. */
export const hexColor = z.string().regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'must be a #rgb or #rrggbb colour');

function channels(hex: string): [number, number, number] {
  const digits =
    hex.length === 4 ? [...hex.slice(1)].map((d) => d + d) : [1, 3, 5].map((i) => hex.slice(i, i + 2));
  return digits.map((d) => Number.parseInt(d, 16) / 255) as [number, number, number];
}

/** WCAG relative luminance of a hex colour. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** White or near-black, whichever reads better on `background` (a company's colour may be light). */
export function readableTextOn(background: string): string {
  const lum = luminance(background);
  const onWhite = 1.05 / (lum + 0.05);
  const onDark = (lum + 0.05) / (luminance('#1a1a1a') + 0.05);
  return onWhite >= onDark ? '#ffffff' : '#1a1a1a';
}
