// The company's e-mail domains: a list that grows and shrinks (1 to 10 entries). Used by the
// company sign-up form (at `company.emailDomains`) and HR's company settings (at `path`).
import { ActionIcon, Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { IconPlus, IconTrash } from '../../components/icons';

const MAX_DOMAINS = 10;

/** The list at a dotted `path` of the form's values. */
function listAt(values: unknown, path: string): string[] {
  const node = path
    .split('.')
    .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], values);
  return Array.isArray(node) ? (node as string[]) : [];
}

/** One input per domain, with add and remove buttons. */
export function EmailDomainsField<V, T, R>({
  form,
  path = 'company.emailDomains',
}: {
  form: UseFormReturnType<V, T, R>;
  path?: string;
}) {
  const { t } = useTranslation();
  const domains = listAt(form.values, path);
  const listError = form.errors[path];
  return (
    <Fieldset legend={t('signup.company.domainsLegend')} variant="unstyled">
      <Stack gap="xs">
        <Text size="sm" c="dimmed" id="domains-help">
          {t('signup.company.domainsHelp')}
        </Text>
        {domains.map((_, index) => (
          // Index keys: entries have no identity of their own and are edited in place.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label={t('signup.company.domainLabel', { n: index + 1 })}
              autoCapitalize="off"
              spellCheck={false}
              required={index === 0}
              aria-describedby="domains-help"
              {...form.getInputProps(`${path}.${index}`)}
            />
            <ActionIcon
              variant="subtle"
              color="red.9"
              size={42}
              mt={26}
              disabled={domains.length === 1}
              onClick={() => form.removeListItem(path, index)}
              aria-label={t('signup.company.removeDomain', { n: index + 1 })}
            >
              <IconTrash size={20} />
            </ActionIcon>
          </Group>
        ))}
        {listError ? (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {listError}
          </Text>
        ) : null}
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={18} />}
            disabled={domains.length >= MAX_DOMAINS}
            // A path known at run time only: TypeScript cannot type the list's items.
            onClick={() => form.insertListItem(path, '' as never)}
          >
            {t('signup.company.addDomain')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
