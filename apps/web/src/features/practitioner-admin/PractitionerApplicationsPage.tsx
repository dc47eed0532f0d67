// `/app/practitioners` for HuntZen's admins: the applications by state (tabs), and one application
// to review (`?id=`), both kept in the address so a reload or a shared link lands on the same view.
import { REVIEW_QUEUES, type ReviewQueue } from '@huntzen/contracts';
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../../lib/use-page-title';
import { ApplicationQueue } from './ApplicationQueue';
import { ApplicationReviewPanel } from './ApplicationReviewPanel';

const isQueue = (value: string | null): value is ReviewQueue =>
  (REVIEW_QUEUES as readonly string[]).includes(value ?? '');

/** The practitioner validation queue. */
export function PractitionerApplicationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('practitionerAdmin.title'));
  const [params, setParams] = useSearchParams();
  const status: ReviewQueue = isQueue(params.get('status'))
    ? (params.get('status') as ReviewQueue)
    : 'pending';
  const id = params.get('id');

  if (id) {
    return <ApplicationReviewPanel id={id} onBack={() => setParams({ status })} />;
  }
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('practitionerAdmin.title')}</Title>
        <Text c="dimmed">{t('practitionerAdmin.subtitle')}</Text>
      </Stack>
      <Tabs
        value={status}
        onChange={(value) => isQueue(value) && setParams({ status: value })}
        keepMounted={false}
      >
        <Tabs.List>
          {REVIEW_QUEUES.map((queue) => (
            <Tabs.Tab key={queue} value={queue}>
              {t(`practitionerAdmin.tabs.${queue}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {REVIEW_QUEUES.map((queue) => (
          <Tabs.Panel key={queue} value={queue} pt="md">
            <ApplicationQueue status={queue} onOpen={(open) => setParams({ status: queue, id: open })} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
