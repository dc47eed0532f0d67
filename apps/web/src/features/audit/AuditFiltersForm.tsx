// The audit log's filters. They apply on submit (not on every keystroke) and live in the URL, so a
// filtered view can be bookmarked or shared, and Back returns to the previous filters.
import { Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { AUDIT_ACTIONS, type AuditFilters, NO_FILTERS } from './audit.api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Props {
  initial: AuditFilters;
  onApply(filters: AuditFilters): void;
}

/** The filter form above the audit table. */
export function AuditFiltersForm({ initial, onApply }: Props) {
  const { t } = useTranslation();
  const form = useForm<AuditFilters>({
    initialValues: initial,
    validate: {
      companyId: (value) => (value.trim() && !UUID.test(value.trim()) ? t('audit.invalidCompany') : null),
      to: (value, values) => (value && values.from && value < values.from ? t('audit.invalidRange') : null),
    },
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="audit-filters-title">
      <form noValidate onSubmit={form.onSubmit(onApply)}>
        <Stack gap="md">
          <Title order={2} fz="lg" id="audit-filters-title">
            {t('audit.filtersTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <Stack gap={6}>
              <TextInput
                label={t('audit.fields.actor')}
                description={t('audit.fields.actorHint')}
                autoComplete="off"
                {...form.getInputProps('actor')}
              />
              <Checkbox
                label={t('audit.fields.exactActor')}
                {...form.getInputProps('exactActor', { type: 'checkbox' })}
              />
            </Stack>
            <Select
              label={t('audit.fields.action')}
              description={t('audit.fields.actionHint')}
              placeholder={t('audit.anyAction')}
              data={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`audit.actions.${action}`) }))}
              clearable
              searchable
              value={form.values.action || null}
              onChange={(value) => form.setFieldValue('action', (value ?? '') as AuditFilters['action'])}
            />
            <TextInput
              label={t('audit.fields.resource')}
              description={t('audit.fields.resourceHint')}
              autoComplete="off"
              {...form.getInputProps('resource')}
            />
            <TextInput
              label={t('audit.fields.resourceId')}
              description={t('audit.fields.resourceIdHint')}
              autoComplete="off"
              {...form.getInputProps('resourceId')}
            />
            <TextInput
              label={t('audit.fields.company')}
              description={t('audit.fields.companyHint')}
              autoComplete="off"
              spellCheck={false}
              {...form.getInputProps('companyId')}
            />
            <DateField
              label={t('audit.fields.from')}
              description={t('audit.fields.dateHint')}
              clearable
              {...form.getInputProps('from')}
            />
            <DateField
              label={t('audit.fields.to')}
              description={t('audit.fields.dateHint')}
              clearable
              {...form.getInputProps('to')}
            />
            <Select
              label={t('audit.fields.sensitive')}
              description={t('audit.fields.sensitiveHint')}
              data={[
                { value: 'any', label: t('audit.sensitive.any') },
                { value: 'true', label: t('audit.sensitive.yes') },
                { value: 'false', label: t('audit.sensitive.no') },
              ]}
              allowDeselect={false}
              value={form.values.sensitive || 'any'}
              onChange={(value) =>
                form.setFieldValue('sensitive', value === 'true' || value === 'false' ? value : '')
              }
            />
          </SimpleGrid>
          <Group gap="sm">
            <Button type="submit">{t('audit.apply')}</Button>
            <Button
              variant="default"
              onClick={() => {
                form.setValues(NO_FILTERS);
                onApply(NO_FILTERS);
              }}
            >
              {t('audit.reset')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
