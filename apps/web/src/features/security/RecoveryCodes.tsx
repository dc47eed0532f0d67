// The recovery codes, shown once: copy or download them before leaving.
import { Alert, Button, Code, CopyButton, Group, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconCheck, IconCopy } from '../../components/icons';

/** The list of codes with copy and download buttons. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const text = codes.join('\n');
  const download = () => {
    const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'huntzen-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Stack gap="md">
      {/* Mantine's yellow title on its light tint reads at 2.68:1: the title takes the text colour. */}
      <Alert
        color="yellow"
        icon={<IconAlert />}
        title={t('recovery.title')}
        styles={{ title: { color: 'var(--mantine-color-text)' } }}
      >
        {t('recovery.once')}
      </Alert>
      <SimpleGrid
        cols={{ base: 1, xs: 2 }}
        spacing="xs"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('recovery.listLabel')}
      >
        {codes.map((code) => (
          <li key={code}>
            <Code block fz="md" ta="center" style={{ letterSpacing: '0.08em' }}>
              {code}
            </Code>
          </li>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button
              onClick={copy}
              variant={copied ? 'filled' : 'light'}
              leftSection={copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
            >
              {copied ? t('recovery.copied') : t('recovery.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={download}>
          {t('recovery.download')}
        </Button>
      </Group>
    </Stack>
  );
}
