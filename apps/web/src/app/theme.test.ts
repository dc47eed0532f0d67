// A company's colours in its employees' interface keep text readable (WCAG AA) whatever HR picked.
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHex } from '../lib/color';
import { brandColors, themeFor } from './theme';

const ratio = (a: string, b: string) => contrastRatio(parseHex(a)!, parseHex(b)!);

describe('brandColors', () => {
  it('keeps AA contrast on filled elements and for text on white, for any colour', () => {
    const samples = [
      '#4A90E2',
      '#5BC0DE',
      '#FFE000',
      '#1E5AA8',
      '#777777',
      '#E03131',
      '#00FF00',
      '#000000',
      '#FFFFFF',
      '#F2A33A',
    ];
    for (const colour of samples) {
      const brand = brandColors(colour, null)!;
      expect(ratio(brand.filled, brand.onFilled), colour).toBeGreaterThanOrEqual(4.5);
      // Links on the page (gray.0), and the light variant: shade 9 on shade 1.
      expect(ratio(brand.text, '#f8f9fa'), colour).toBeGreaterThanOrEqual(4.5);
      expect(ratio(brand.shades[9], brand.shades[1]), colour).toBeGreaterThanOrEqual(4.5);
      expect(brand.shades[brand.primaryShade]).toBe(brand.filled);
    }
  });

  it('keeps a dark colour and a light one as they are, and darkens a mid-tone for white text', () => {
    expect(brandColors('#1E5AA8')).toMatchObject({ filled: '#1e5aa8', onFilled: '#ffffff', primaryShade: 6 });
    expect(brandColors('#FFE000')).toMatchObject({ filled: '#ffe000', onFilled: '#000000', primaryShade: 6 });
    // HuntZen's spec default: 3.3:1 with white text as is.
    const blue = brandColors('#4A90E2')!;
    expect(blue.primaryShade).toBeGreaterThan(6);
    expect(blue.onFilled).toBe('#ffffff');
  });

  it('ignores an invalid colour', () => {
    expect(brandColors(null)).toBeNull();
    expect(brandColors('blue')).toBeNull();
    expect(brandColors('#1E5AA8', 'nope')?.accent).toBeNull();
    expect(brandColors('#1E5AA8', '#F2A33A')?.accent).toBe('#F2A33A');
  });
});

describe('themeFor', () => {
  const me = (role: 'EMPLOYEE' | 'ADMIN_RH') =>
    ({
      role,
      company: {
        id: 'c',
        name: 'Acme',
        logoUrl: null,
        primaryColor: '#1E5AA8',
        secondaryColor: '#F2A33A',
        status: 'ACTIVE',
      },
    }) as Parameters<typeof themeFor>[0];

  it("gives employees their company's colours and HR HuntZen's", () => {
    const employee = themeFor(me('EMPLOYEE'));
    expect(employee.primaryColor).toBe('brand');
    expect(employee.colors?.brand?.[6]).toBe('#1e5aa8');
    expect(JSON.stringify(employee.components?.AppShell)).toContain('#F2A33A');
    expect(themeFor(me('ADMIN_RH')).primaryColor).toBe('zen');
    expect(themeFor(null).primaryColor).toBe('zen');
  });
});
