// The audit rows: one line each, and a detail line (user agent, details, before/after copies as
// JSON) opened by a button, so the table stays readable and the detail is keyboard-reachable.
import { Badge, Button, Code, Group, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLocale } from '../../i18n';
import type { AuditLog } from './audit.api';

const COLUMNS = 7;

/** Long ids (UUIDs) are cut in the table; the detail line shows them whole. */
const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

function Json({ label, value }: { label: string; value: Record<string, unknown> | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text fw={600} fz="sm">
        {label}
      </Text>
      {value ? (
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {JSON.stringify(value, null, 2)}
        </Code>
      ) : (
        <Text fz="sm" c="dimmed">
          {t('audit.detail.none')}
        </Text>
      )}
    </Stack>
  );
}

function Detail({ log }: { log: AuditLog }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" py="xs">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <Text fz="sm">
          <Text span fw={600}>
            {t('audit.detail.userId')}
          </Text>{' '}
          <Code>{log.userId}</Code>
        </Text>
        <Text fz="sm">
          <Text span fw={600}>
            {t('audit.detail.resourceId')}
          </Text>{' '}
          {log.resourceId ? <Code>{log.resourceId}</Code> : t('audit.detail.none')}
        </Text>
        <Text fz="sm">
          <Text span fw={600}>
            {t('audit.detail.sensitive')}
          </Text>{' '}
          {log.isSensitive ? t('audit.detail.yes') : t('audit.detail.no')}
        </Text>
        <Text fz="sm" style={{ wordBreak: 'break-word' }}>
          <Text span fw={600}>
            {t('audit.detail.userAgent')}
          </Text>{' '}
          {log.userAgent ?? t('audit.detail.none')}
        </Text>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <Json label={t('audit.detail.details')} value={log.details} />
        <Json label={t('audit.detail.changesBefore')} value={log.changesBefore} />
        <Json label={t('audit.detail.changesAfter')} value={log.changesAfter} />
      </SimpleGrid>
    </Stack>
  );
}

/** The table of audit rows. */
export function AuditTable({ items }: { items: AuditLog[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const time = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'short', timeStyle: 'medium' });
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const dash = t('audit.detail.none');

  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="xs" horizontalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.columns.time')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.actor')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.action')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.resource')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.company')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.ip')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('audit.columns.details')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((log) => {
            const expanded = open.has(log.id);
            const when = time.format(new Date(log.createdAt));
            // A refused sign-in is a LOGIN row too: only its details tell it from a success.
            const failedLogin = log.action === 'LOGIN' && log.details?.outcome === 'failure';
            const action = failedLogin ? t('audit.loginFailed') : t(`audit.actions.${log.action}`);
            const detailId = `audit-detail-${log.id}`;
            return (
              <Fragment key={log.id}>
                <Table.Tr>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={log.createdAt}>{when}</time>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" style={{ overflowWrap: 'anywhere' }}>
                      {log.userEmail}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {log.actorKind === 'USER'
                        ? t(`roles.${log.userRole}`)
                        : t(`audit.actorKinds.${log.actorKind}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {/* Outline red on white (5:1) for failures; sensitivity said in words, not colour. */}
                      <Badge
                        variant={failedLogin ? 'outline' : 'light'}
                        tt="none"
                        color={failedLogin ? 'red.9' : 'zen'}
                        style={{ minWidth: 'max-content' }}
                      >
                        {action}
                      </Badge>
                      {log.isSensitive ? (
                        <Badge variant="filled" tt="none" color="red.9" style={{ minWidth: 'max-content' }}>
                          {t('audit.sensitiveBadge')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  {/* The resource and its id share a column, so that "Détails" fits at 1280 px. */}
                  <Table.Td>
                    <Text fz="sm">{log.resource}</Text>
                    {log.resourceId ? (
                      <Text fz="xs" c="dimmed" ff="monospace" title={log.resourceId}>
                        <VisuallyHidden>{t('audit.columns.resourceId')} </VisuallyHidden>
                        {shortId(log.resourceId)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {log.companyName ?? log.companyId ?? dash}
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{log.ipAddress ?? dash}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailId : undefined}
                      aria-label={t(expanded ? 'audit.hideDetailsLabel' : 'audit.showDetailsLabel', {
                        action,
                        time: when,
                      })}
                      onClick={() => toggle(log.id)}
                    >
                      {expanded ? t('audit.hideDetails') : t('audit.showDetails')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
                {expanded ? (
                  <Table.Tr id={detailId}>
                    <Table.Td colSpan={COLUMNS} bg="var(--mantine-color-gray-0)">
                      <Detail log={log} />
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
