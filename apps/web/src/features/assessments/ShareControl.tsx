// Sharing one result with one of the employee's practitioners, or stopping.
import type { Assessment } from '@huntzen/contracts';
import { Button, Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/form';
import { useShareAssessment, useSharePractitioners } from './assessments.api';

/** The share control of `assessment`. */
export function ShareControl({ assessment: given }: { assessment: Assessment }) {
  // The answer of a share is the result as it now is (the list refreshes too).
  const [assessment, setAssessment] = useState(given);
  useEffect(() => setAssessment(given), [given]);
  const { t } = useTranslation();
  const practitioners = useSharePractitioners();
  const share = useShareAssessment();
  const items = practitioners.data?.items ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const name = (id: string) => {
    const p = items.find((x) => x.id === id);
    return p ? `${p.title} ${p.firstName} ${p.lastName}`.trim() : '';
  };
  const run = (practitionerId: string | null) =>
    share.mutate(
      { id: assessment.id, practitionerId },
      {
        onSuccess: (updated) => {
          setAssessment(updated);
          notifications.show({
            color: 'zen',
            closeButtonProps: { 'aria-label': t('common.close') },
            message: t(practitionerId ? 'assessments.share.done' : 'assessments.share.undone'),
          });
        },
        onError: (error) =>
          notifications.show({
            color: 'red',
            closeButtonProps: { 'aria-label': t('common.close') },
            message: errorMessage(error, t),
          }),
      },
    );

  if (assessment.sharedWithPractitionerId) {
    return (
      <Group gap="xs" wrap="wrap">
        <Text size="sm">
          {t('assessments.share.sharedWith', { name: name(assessment.sharedWithPractitionerId) })}
        </Text>
        <Button size="compact-sm" variant="default" loading={share.isPending} onClick={() => run(null)}>
          {t('assessments.share.unshare')}
        </Button>
      </Group>
    );
  }
  if (practitioners.isSuccess && items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('assessments.share.noPractitioner')}
      </Text>
    );
  }
  return (
    <Group gap="xs" wrap="wrap" align="flex-end">
      <Select
        size="xs"
        label={t('assessments.share.label')}
        placeholder={t('assessments.share.none')}
        data={items.map((p) => ({ value: p.id, label: name(p.id) }))}
        value={chosen ?? (items.length === 1 ? items[0]!.id : null)}
        onChange={setChosen}
        w={220}
        comboboxProps={{ withinPortal: true }}
      />
      <Button
        size="xs"
        variant="light"
        loading={share.isPending}
        disabled={!(chosen ?? (items.length === 1 ? items[0]!.id : null))}
        onClick={() => run(chosen ?? items[0]!.id)}
      >
        {t('assessments.share.share')}
      </Button>
    </Group>
  );
}
