// The practitioner's documents (diplomas, certificates, other documents): the list, a viewer, and
// adding or removing documents while the application is a draft or refused. They are encrypted at
// rest and read only by the practitioner and HuntZen's admins.
import {
  PRACTITIONER_DOCUMENT_TYPES,
  type PractitionerApplication,
  type PractitionerDocument,
  type PractitionerDocumentType,
} from '@huntzen/contracts';
import {
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { IconPlus, IconTrash } from '../../components/icons';
import { formatLocale } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { DocumentViewer } from '../practitioner-admin/DocumentViewer';
import { applicationErrorMessage } from './application-errors';
import { useRemoveDocument, useUploadDocument } from './practitioner-profile.api';

/** What the picker accepts (the server checks the bytes again): PDF and images, 15 MB. */
const ACCEPTED = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'];
const MAX_MEGABYTES = 15;

/** A size for people: "245 Ko" / "245 kB". */
export function fileSize(bytes: number, language: string): string {
  const unit = bytes >= 1024 * 1024 ? 'megabyte' : 'kilobyte';
  const value = bytes / (unit === 'megabyte' ? 1024 * 1024 : 1024);
  return new Intl.NumberFormat(formatLocale(language), {
    style: 'unit',
    unit,
    maximumFractionDigits: 1,
  }).format(value);
}

/** The documents card of the practitioner's page. */
export function DocumentsCard({ application }: { application: PractitionerApplication }) {
  const { t, i18n } = useTranslation();
  const editable = application.status === 'DRAFT' || application.status === 'REJECTED';
  const [fileType, setFileType] = useState<PractitionerDocumentType>('DIPLOMA');
  const [problem, setProblem] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const resetRef = useRef<() => void>(null);
  const upload = useUploadDocument();
  const remove = useRemoveDocument();
  const date = new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium' });
  const shown = application.documents.find((d) => d.id === opened);

  const onFile = (file: File | null) => {
    resetRef.current?.();
    if (!file) return;
    setProblem(null);
    if (!ACCEPTED.includes(file.type)) return setProblem(t('practitionerProfile.documents.type'));
    if (file.size > MAX_MEGABYTES * 1024 * 1024) {
      return setProblem(t('practitionerProfile.documents.size', { max: MAX_MEGABYTES }));
    }
    upload.mutate(
      { file, fileType },
      {
        onSuccess: () =>
          notifications.show({
            color: 'zen',
            message: t('practitionerProfile.documents.added', { name: file.name }),
          }),
        onError: (error) =>
          setProblem(
            error instanceof ApiError && error.code === 'PAYLOAD_TOO_LARGE'
              ? t('practitionerProfile.documents.size', { max: MAX_MEGABYTES })
              : error instanceof ApiError && error.code === 'UNSUPPORTED_MEDIA_TYPE'
                ? t('practitionerProfile.documents.type')
                : applicationErrorMessage(error, t),
          ),
      },
    );
  };

  const onRemove = (document: PractitionerDocument) => {
    setProblem(null);
    remove.mutate(document.id, {
      onSuccess: () => {
        if (opened === document.id) setOpened(null);
        notifications.show({
          color: 'zen',
          message: t('practitionerProfile.documents.removed', { name: document.originalName }),
        });
      },
      onError: (error) => setProblem(applicationErrorMessage(error, t)),
    });
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="documents-title">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz="xl" id="documents-title">
            {t('practitionerProfile.documents.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('practitionerProfile.documents.description')}
          </Text>
        </Stack>
        {application.documents.length === 0 ? (
          <Text>{t('practitionerProfile.documents.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="sm">
              <Table.Caption>{t('practitionerProfile.documents.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('practitionerProfile.documents.kind')}</Table.Th>
                  <Table.Th scope="col">{t('practitionerProfile.documents.name')}</Table.Th>
                  <Table.Th scope="col">{t('practitionerProfile.documents.addedOn')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {application.documents.map((document) => (
                  <Table.Tr key={document.id}>
                    <Table.Td>
                      <Badge variant="light" color={document.fileType === 'DIPLOMA' ? 'zen' : 'gray'}>
                        {t(`practitionerProfile.documentTypes.${document.fileType}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{document.originalName}</Text>
                      <Text size="xs" c="dimmed">
                        {fileSize(document.size, i18n.language)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{date.format(new Date(document.createdAt))}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          aria-expanded={opened === document.id}
                          aria-label={t('practitionerProfile.documents.viewLabel', {
                            name: document.originalName,
                          })}
                          onClick={() => setOpened(opened === document.id ? null : document.id)}
                        >
                          {opened === document.id
                            ? t('practitionerProfile.documents.hide')
                            : t('practitionerProfile.documents.view')}
                        </Button>
                        {editable ? (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            leftSection={<IconTrash size={14} />}
                            loading={remove.isPending && remove.variables === document.id}
                            aria-label={t('practitionerProfile.documents.removeLabel', {
                              name: document.originalName,
                            })}
                            onClick={() => onRemove(document)}
                          >
                            {t('practitionerProfile.documents.remove')}
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {shown ? <DocumentViewer document={shown} /> : null}
        {editable ? (
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label={t('practitionerProfile.documents.kind')}
              data={PRACTITIONER_DOCUMENT_TYPES.map((type) => ({
                value: type,
                label: t(`practitionerProfile.documentTypes.${type}`),
              }))}
              value={fileType}
              onChange={(value) => value && setFileType(value as PractitionerDocumentType)}
              allowDeselect={false}
              w={220}
            />
            <FileButton
              onChange={onFile}
              accept={ACCEPTED.join(',')}
              resetRef={resetRef}
              disabled={upload.isPending}
            >
              {(props) => (
                <Button
                  {...props}
                  variant="light"
                  loading={upload.isPending}
                  leftSection={<IconPlus size={16} />}
                >
                  {t('practitionerProfile.documents.add')}
                </Button>
              )}
            </FileButton>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('practitionerProfile.documents.locked')}
          </Text>
        )}
        {editable ? (
          <Text size="xs" c="dimmed">
            {t('practitionerProfile.documents.hint', { max: MAX_MEGABYTES })}
          </Text>
        ) : null}
        <FormAlert message={problem} />
      </Stack>
    </Card>
  );
}
