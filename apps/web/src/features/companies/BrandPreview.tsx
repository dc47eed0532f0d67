// A live preview of the employees' interface with the colours being chosen: the header with its
// accent line, a filled button, a link and a highlighted menu entry — computed by the same
// `brandColors` as the real theme, so what HR sees is what employees get.
import { Box, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { brandColors } from '../../app/theme';

// HuntZen's own look (theme.ts, palette "zen"): filled shade 6, light shade 0, light text shade 9.
const HUNTZEN = {
  filled: '#1e7280',
  onFilled: '#ffffff',
  text: '#1e7280',
  light: '#e8f6f7',
  lightText: '#0a3f47',
  accent: null,
};

/** The preview for `primary` / `secondary` (HuntZen's colours when the primary one is not valid). */
export function BrandPreview({
  primary,
  secondary,
  name,
}: {
  primary: string;
  secondary: string;
  name: string;
}) {
  const { t } = useTranslation();
  const brand = brandColors(primary, secondary);
  const colors = brand ? { ...brand, light: brand.shades[0], lightText: brand.shades[9] } : HUNTZEN;
  const darkened = brand && brand.filled.toLowerCase() !== primary.trim().toLowerCase();

  return (
    <Stack gap="xs">
      <Text fw={600} id="brand-preview-title">
        {t('companySettings.preview.title')}
      </Text>
      <Paper
        withBorder
        radius="md"
        role="img"
        aria-labelledby="brand-preview-title"
        aria-describedby="brand-preview-notes"
        style={{ overflow: 'hidden' }}
        data-testid="brand-preview"
      >
        <Group
          px="md"
          h={52}
          justify="space-between"
          bg="white"
          style={{
            borderBottom: colors.accent
              ? `4px solid ${colors.accent}`
              : '1px solid var(--mantine-color-gray-3)',
          }}
        >
          <Text fw={700} c={colors.text}>
            {name}
          </Text>
          <Text size="sm" c="dimmed">
            {t('companySettings.preview.employee')}
          </Text>
        </Group>
        <Group p="md" gap="md" align="center" bg="gray.0" wrap="wrap">
          <Box
            px="sm"
            py={6}
            style={{
              borderRadius: 'var(--mantine-radius-md)',
              background: colors.light,
              color: colors.lightText,
            }}
          >
            <Text size="sm" fw={600} c="inherit">
              {t('companySettings.preview.menu')}
            </Text>
          </Box>
          <Box
            px="md"
            py={8}
            data-testid="brand-preview-button"
            style={{
              borderRadius: 'var(--mantine-radius-md)',
              background: colors.filled,
              color: colors.onFilled,
            }}
          >
            <Text size="sm" fw={600} c="inherit">
              {t('companySettings.preview.button')}
            </Text>
          </Box>
          <Text size="sm" c={colors.text} td="underline">
            {t('companySettings.preview.link')}
          </Text>
        </Group>
      </Paper>
      <Text size="sm" c="dimmed" id="brand-preview-notes">
        {!brand
          ? t('companySettings.preview.huntzen')
          : darkened
            ? t('companySettings.preview.darkened', { color: brand.filled.toUpperCase() })
            : brand.onFilled === '#000000'
              ? t('companySettings.preview.darkText')
              : t('companySettings.preview.readable')}
      </Text>
    </Stack>
  );
}
