// `/app/email-queue` (SUPER_ADMIN, ADMIN_HUNTZEN): the platform's outgoing e-mails — how many per
// status, the rows of one status (failed ones by default) with their last error, and "Retry" for a
// failed one. Never a subject or a body: the API does not send them.
import { EMAIL_STATUSES, type EmailQueueItem, type EmailStatus } from '@huntzen/contracts';
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  ScrollArea,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IconAlert } from '../../components/icons';
import { LoadError, Loading } from '../../components/QueryState';
import { formatLocale } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { queueStatusFromUrl, useEmailQueue, useEmailQueueSummary, useRetryEmail } from './analytics.api';

const STATUS_COLORS: Record<EmailStatus, string> = {
  PENDING: 'blue',
  SENT: 'teal',
  FAILED: 'red',
  CANCELLED: 'gray',
};

function QueueTable({
  items,
  status,
  busy,
  onRetry,
}: {
  items: EmailQueueItem[];
  status: EmailStatus;
  busy: boolean;
  onRetry: (item: EmailQueueItem) => void;
}) {
  const { t } = useTranslation();
  const when = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'short', timeStyle: 'short' });
  const date = (value: string | null) => (value ? when.format(new Date(value)) : '—');
  const failed = status === 'FAILED';
  return (
    <ScrollArea type="auto">
      <Table striped verticalSpacing="sm" miw={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('emailQueue.columns.to')}</Table.Th>
            <Table.Th scope="col">{t('emailQueue.columns.template')}</Table.Th>
            <Table.Th scope="col">{t('emailQueue.columns.attempts')}</Table.Th>
            <Table.Th scope="col">{t('emailQueue.columns.error')}</Table.Th>
            <Table.Th scope="col">{t('emailQueue.columns.created')}</Table.Th>
            <Table.Th scope="col">
              {failed
                ? t('emailQueue.columns.failed')
                : status === 'SENT'
                  ? t('emailQueue.columns.sent')
                  : t('emailQueue.columns.next')}
            </Table.Th>
            {failed ? <Table.Th scope="col">{t('emailQueue.columns.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td style={{ wordBreak: 'break-all' }}>{item.to}</Table.Td>
              <Table.Td>
                {item.templateName ? (
                  <Code>{item.templateName}</Code>
                ) : (
                  <Text size="sm" c="dimmed" span>
                    {t('emailQueue.noTemplate')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {t('emailQueue.attemptsValue', { attempts: item.attempts, max: item.maxRetries })}
              </Table.Td>
              <Table.Td maw={320}>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {item.error ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>{date(item.createdAt)}</Table.Td>
              <Table.Td>
                {failed
                  ? date(item.failedAt)
                  : status === 'SENT'
                    ? date(item.sentAt)
                    : date(item.nextAttemptAt ?? item.scheduledFor)}
              </Table.Td>
              {failed ? (
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    disabled={busy}
                    aria-label={t('emailQueue.retryLabel', { to: item.to })}
                    onClick={() => onRetry(item)}
                  >
                    {t('emailQueue.retry')}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

/** The e-mail queue page. */
export function EmailQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('emailQueue.title'));
  const [params, setParams] = useSearchParams();
  const status = queueStatusFromUrl(params);
  const summary = useEmailQueueSummary();
  const list = useEmailQueue(status);
  const retry = useRetryEmail();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const when = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium', timeStyle: 'short' });

  const onRetry = (item: EmailQueueItem) =>
    retry.mutate(item.id, {
      onSuccess: () =>
        notifications.show({
          color: 'zen',
          message: t('emailQueue.retried', { to: item.to }),
          closeButtonProps: { 'aria-label': t('common.close') },
        }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          message:
            error instanceof ApiError && error.code === 'ILLEGAL_TRANSITION'
              ? t('emailQueue.notFailed')
              : errorMessage(error, t),
          closeButtonProps: { 'aria-label': t('common.close') },
        }),
    });

  return (
    <Stack gap="lg">
      <Stack gap={4} maw={760}>
        <Title order={1}>{t('emailQueue.title')}</Title>
        <Text c="dimmed">{t('emailQueue.subtitle')}</Text>
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="email-queue-counts">
        <Title order={2} fz="lg" id="email-queue-counts">
          {t('emailQueue.countsLabel')}
        </Title>
        {summary.isError ? (
          <LoadError error={summary.error} />
        ) : (
          <SimpleGrid cols={{ base: 2, md: 5 }} spacing="md">
            {EMAIL_STATUSES.map((s) => (
              <Card withBorder padding="md" key={s}>
                <Group gap="xs" justify="space-between">
                  <Text size="sm" c="dimmed">
                    {t(`emailQueue.status.${s}`)}
                  </Text>
                  <Badge color={STATUS_COLORS[s]} variant="light" aria-hidden>
                    {s === 'FAILED' ? '!' : '•'}
                  </Badge>
                </Group>
                <Text fz={26} fw={700} data-testid={`email-count-${s}`}>
                  {summary.data ? summary.data.counts[s] : '…'}
                </Text>
              </Card>
            ))}
            <Card withBorder padding="md">
              <Text size="sm" c="dimmed">
                {t('emailQueue.due')}
              </Text>
              <Text fz={26} fw={700}>
                {summary.data ? summary.data.due : '…'}
              </Text>
              {summary.data?.oldestDueAt ? (
                <Text size="xs" c="dimmed">
                  {t('emailQueue.oldestDue', { date: when.format(new Date(summary.data.oldestDueAt)) })}
                </Text>
              ) : null}
            </Card>
          </SimpleGrid>
        )}
      </Stack>

      <Group gap="sm">
        <Text fw={600} id="email-queue-show">
          {t('emailQueue.show')}
        </Text>
        <SegmentedControl
          aria-labelledby="email-queue-show"
          value={status}
          onChange={(value) => setParams(value === 'FAILED' ? new URLSearchParams() : { status: value })}
          data={EMAIL_STATUSES.map((s) => ({ value: s, label: t(`emailQueue.status.${s}`) }))}
        />
      </Group>

      <Card
        withBorder
        padding={0}
        component="section"
        aria-label={t('emailQueue.listLabel', { status: t(`emailQueue.status.${status}`) })}
      >
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <Alert color="red" icon={<IconAlert />} m="md" role="alert">
            {errorMessage(list.error, t)}
          </Alert>
        ) : items.length === 0 ? (
          <Text p="xl" ta="center">
            {t('emailQueue.empty')}
          </Text>
        ) : (
          <QueueTable items={items} status={status} busy={retry.isPending} onRetry={onRetry} />
        )}
      </Card>
      {list.hasNextPage ? (
        <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Stack>
  );
}
