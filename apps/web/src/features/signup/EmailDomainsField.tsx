// The company's e-mail domains: a list that grows and shrinks (1 to 10 entries).
import { ActionIcon, Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { IconPlus, IconTrash } from '../../components/icons';
import type { CompanyValues } from './company-values';

const MAX_DOMAINS = 10;

/** One input per domain, with add and remove buttons. */
export function EmailDomainsField({ form }: { form: UseFormReturnType<CompanyValues> }) {
  const { t } = useTranslation();
  const domains = form.values.company.emailDomains;
  const listError = form.errors['company.emailDomains'];
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
              {...form.getInputProps(`company.emailDomains.${index}`)}
            />
            <ActionIcon
              variant="subtle"
              color="red.9"
              size={42}
              mt={26}
              disabled={domains.length === 1}
              onClick={() => form.removeListItem('company.emailDomains', index)}
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
            onClick={() => form.insertListItem('company.emailDomains', '')}
          >
            {t('signup.company.addDomain')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
