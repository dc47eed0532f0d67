// One application under review: who the practitioner is, their profile, their documents in a
// viewer, and the decision (documents verified, then validate, or send back with a reason).
import type { ApplicationReview, PractitionerDocument } from '@huntzen/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert';
import { IconAlert, IconCheck } from '../../components/icons';
import { LoadError, Loading } from '../../components/QueryState';
import { formatLocale } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { DocumentViewer } from './DocumentViewer';
import {
  useApplicationReview,
  useSetDocumentsVerified,
  useValidateApplication,
} from './practitioner-admin.api';
import { RejectDialog } from './RejectDialog';

const STATUS_COLOR = { DRAFT: 'gray', SUBMITTED: 'blue', REJECTED: 'orange', VALIDATED: 'zen' } as const;

/** The review of application `id`. */
export function ApplicationReviewPanel({ id, onBack }: { id: string; onBack(): void }) {
  const { t } = useTranslation();
  const review = useApplicationReview(id);
  const name = review.data ? `${review.data.title} ${review.data.firstName} ${review.data.lastName}` : '';
  usePageTitle(name ? t('practitionerAdmin.review.pageTitle', { name }) : t('practitionerAdmin.title'));

  return (
    <Stack gap="lg">
      <Group>
        <Button variant="subtle" onClick={onBack}>
          {t('practitionerAdmin.review.back')}
        </Button>
      </Group>
      {review.isPending ? (
        <Loading />
      ) : review.isError ? (
        <LoadError error={review.error} />
      ) : (
        <>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Title order={1}>{name}</Title>
              <Text c="dimmed">
                {t(`specialties.${review.data.specialty}`)} · {review.data.email}
              </Text>
            </Stack>
            <Badge color={STATUS_COLOR[review.data.status]} variant="light" size="lg">
              {t(`practitionerAdmin.status.${review.data.status}`)}
            </Badge>
          </Group>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Stack gap="lg">
              <DecisionCard review={review.data} />
              <ProfileCard review={review.data} />
            </Stack>
            <DocumentsCard documents={review.data.documents} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

/** The message of a failed decision: a state conflict says so. */
function decisionError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.code === 'ILLEGAL_TRANSITION')
    return t('practitionerAdmin.review.stateChanged');
  if (error instanceof ApiError && error.code === 'CONFLICT') return t('practitionerAdmin.review.notReady');
  return errorMessage(error, t);
}

function DecisionCard({ review }: { review: ApplicationReview }) {
  const { t } = useTranslation();
  const verify = useSetDocumentsVerified(review.id);
  const validate = useValidateApplication(review.id);
  const [rejecting, setRejecting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const reviewable = review.status === 'SUBMITTED';
  const date = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'long' }).format(new Date(iso)) : '';

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="decision-title">
      <Stack gap="md">
        <Title order={2} fz="lg" id="decision-title">
          {t('practitionerAdmin.review.decision')}
        </Title>
        {review.status === 'VALIDATED' ? (
          <Alert color="zen" icon={<IconCheck />}>
            {t('practitionerAdmin.review.validatedOn', { date: date(review.validatedAt) })}
          </Alert>
        ) : review.status === 'REJECTED' ? (
          <Alert
            color="orange"
            icon={<IconAlert />}
            title={t('practitionerAdmin.review.rejectedOn', { date: date(review.rejectedAt) })}
          >
            <Text style={{ whiteSpace: 'pre-wrap' }}>{review.rejectionReason}</Text>
          </Alert>
        ) : review.status === 'DRAFT' ? (
          <Text>{t('practitionerAdmin.review.draft')}</Text>
        ) : (
          <Text>{t('practitionerAdmin.review.submittedOn', { date: date(review.submittedAt) })}</Text>
        )}
        <Checkbox
          label={t('practitionerAdmin.review.documentsVerified')}
          description={t('practitionerAdmin.review.documentsVerifiedHelp')}
          checked={review.documentsVerified}
          disabled={!reviewable || verify.isPending || review.documents.length === 0}
          onChange={(event) => {
            setProblem(null);
            verify.mutate(event.currentTarget.checked, {
              onError: (error) => setProblem(decisionError(error, t)),
            });
          }}
        />
        {reviewable ? (
          <Group gap="sm">
            <Button
              leftSection={<IconCheck size={16} />}
              disabled={!review.documentsVerified}
              loading={validate.isPending}
              onClick={() => {
                setProblem(null);
                validate.mutate(undefined, {
                  onSuccess: () =>
                    notifications.show({
                      color: 'zen',
                      message: t('practitionerAdmin.review.validated', {
                        name: `${review.firstName} ${review.lastName}`,
                      }),
                    }),
                  onError: (error) => setProblem(decisionError(error, t)),
                });
              }}
            >
              {t('practitionerAdmin.review.validate')}
            </Button>
            <Button variant="outline" color="red.8" onClick={() => setRejecting(true)}>
              {t('practitionerAdmin.review.reject')}
            </Button>
          </Group>
        ) : null}
        {reviewable && !review.documentsVerified ? (
          <Text size="sm" c="dimmed">
            {t('practitionerAdmin.review.verifyFirst')}
          </Text>
        ) : null}
        <FormAlert message={problem} />
      </Stack>
      <RejectDialog review={review} opened={rejecting} onClose={() => setRejecting(false)} />
    </Card>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function ProfileCard({ review }: { review: ApplicationReview }) {
  const { t, i18n } = useTranslation();
  const names = new Intl.DisplayNames([i18n.language], { type: 'language', fallback: 'code' });
  const formats = [
    review.offersVideo ? t('practitionerProfile.formats.video') : null,
    review.offersPhone ? t('practitionerProfile.formats.phone') : null,
    review.offersInPerson ? t('practitionerProfile.formats.inPerson') : null,
  ].filter(Boolean);
  const list = (items: string[]) =>
    items.length > 0 ? (
      <List size="sm">
        {items.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
    ) : (
      '—'
    );

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="application-profile-title">
      <Stack gap="md">
        <Title order={2} fz="lg" id="application-profile-title">
          {t('practitionerAdmin.review.profile')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Field label={t('practitionerAdmin.columns.professionalId')}>
            {review.professionalId
              ? `${review.professionalIdKind ?? t('practitionerAdmin.review.unknownKind')} ${review.professionalId}`
              : '—'}
          </Field>
          <Field label={t('fields.experience')}>{review.experience ?? '—'}</Field>
          <Field label={t('fields.consultationLanguages')}>
            {review.languages
              .map((code) => {
                const name = names.of(code) ?? code;
                return name.charAt(0).toLocaleUpperCase(i18n.language) + name.slice(1);
              })
              .join(', ') || '—'}
          </Field>
          <Field label={t('practitionerProfile.form.formats')}>{formats.join(', ') || '—'}</Field>
          {review.offersInPerson ? (
            <Field label={t('practitionerProfile.form.inPersonAddress')}>
              {review.inPersonAddress ?? '—'}
            </Field>
          ) : null}
          <Field label={t('practitionerProfile.form.videoUrl')}>
            {review.videoUrl ? (
              <Anchor href={review.videoUrl} target="_blank" rel="noopener noreferrer">
                {review.videoUrl}
              </Anchor>
            ) : (
              '—'
            )}
          </Field>
          <Field label={t('fields.subSpecialties')}>{list(review.subSpecialties)}</Field>
          <Field label={t('practitionerProfile.form.diplomas')}>{list(review.diplomas)}</Field>
          <Field label={t('practitionerProfile.form.certifications')}>{list(review.certifications)}</Field>
          <Field label={t('practitionerProfile.form.education')}>{review.education ?? '—'}</Field>
        </SimpleGrid>
        <Field label={t('fields.bio')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {review.bio}
          </Text>
        </Field>
      </Stack>
    </Card>
  );
}

function DocumentsCard({ documents }: { documents: PractitionerDocument[] }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<string | null>(documents[0]?.id ?? null);
  const shown = documents.find((d) => d.id === opened);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="application-documents-title">
      <Stack gap="md">
        <Title order={2} fz="lg" id="application-documents-title">
          {t('practitionerAdmin.review.documents')}
        </Title>
        {documents.length === 0 ? (
          <Text>{t('practitionerAdmin.review.noDocuments')}</Text>
        ) : (
          <Group gap="xs" role="group" aria-label={t('practitionerAdmin.review.documents')}>
            {documents.map((document) => (
              <Button
                key={document.id}
                size="xs"
                variant={document.id === opened ? 'filled' : 'default'}
                aria-pressed={document.id === opened}
                onClick={() => setOpened(document.id)}
              >
                {t(`practitionerProfile.documentTypes.${document.fileType}`)} · {document.originalName}
              </Button>
            ))}
          </Group>
        )}
        {shown ? <DocumentViewer document={shown} /> : null}
      </Stack>
    </Card>
  );
}
