// On a practitioner's profile, for the employee: their completed consultations with this
// practitioner they may still review (each with a "Leave a review" button and dialog), and the
// reviews they already left with their state (awaiting moderation, published, rejected).
import {
  CreateReviewRequestSchema,
  type MyReviewState,
  REVIEW_COMMENT_MAX,
  type ReviewableConsultation,
} from '@huntzen/contracts';
import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  Rating,
  Stack,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { formatLocale } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { applyApiError, optional, schemaValidator } from '../../lib/form';
import { RatingInput } from './RatingInput';
import { ReviewStatusBadge } from './ReviewStatusBadge';
import { reviewErrorMessage, useCreateReview, useMyReviewState } from './reviews.api';

interface Props {
  practitionerId: string;
  practitionerName: string;
}

/** The card; nothing when there is nothing to review and no review of theirs. */
export function LeaveReviewCard({ practitionerId, practitionerName }: Props) {
  const { t } = useTranslation();
  const state = useMyReviewState(practitionerId);
  const [reviewing, setReviewing] = useState<ReviewableConsultation | null>(null);
  if (!state.data) return null;
  const { reviewableConsultations: open, reviews }: MyReviewState = state.data;
  if (open.length === 0 && reviews.length === 0) return null;
  const date = (iso: string) =>
    new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'long' }).format(new Date(iso));

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="leave-review-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="leave-review-title">
          {open.length > 0 ? t('reviews.leave.title', { name: practitionerName }) : t('reviews.leave.mine')}
        </Title>
        {open.length > 0 ? (
          <>
            <Text size="sm">{t('reviews.leave.intro', { count: open.length })}</Text>
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {open.map((c) => (
                <Stack key={c.consultationId} component="li" gap={4}>
                  <Text size="sm" fw={600}>
                    {t('reviews.leave.consultationOf', { date: date(c.scheduledAt) })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('reviews.leave.until', { date: date(c.reviewableUntil) })}
                  </Text>
                  <Button
                    onClick={() => setReviewing(c)}
                    aria-label={t('reviews.leave.buttonFor', { date: date(c.scheduledAt) })}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {t('reviews.leave.button')}
                  </Button>
                </Stack>
              ))}
            </Stack>
          </>
        ) : null}
        {reviews.length > 0 ? (
          <Stack gap="xs">
            {open.length > 0 ? (
              <Title order={3} fz="sm">
                {t('reviews.leave.mine')}
              </Title>
            ) : null}
            <Text size="xs" c="dimmed">
              {t('reviews.leave.mineIntro')}
            </Text>
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {reviews.map((r) => (
                <Stack key={r.id} component="li" gap={4}>
                  <Group gap="xs">
                    <Rating value={r.rating} readOnly size="sm" aria-hidden />
                    <VisuallyHidden>{t('reviews.leave.yourRating', { rating: r.rating })}</VisuallyHidden>
                    <ReviewStatusBadge status={r.status} />
                  </Group>
                  {r.comment ? (
                    <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                      {r.comment}
                    </Text>
                  ) : null}
                </Stack>
              ))}
            </Stack>
          </Stack>
        ) : null}
      </Stack>
      <Modal
        opened={reviewing !== null}
        onClose={() => setReviewing(null)}
        title={t('reviews.leave.dialogTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        size="lg"
      >
        {reviewing ? (
          <ReviewForm
            practitionerId={practitionerId}
            intro={t('reviews.leave.dialogIntro', {
              date: date(reviewing.scheduledAt),
              name: practitionerName,
            })}
            consultationId={reviewing.consultationId}
            onDone={() => setReviewing(null)}
          />
        ) : null}
      </Modal>
    </Card>
  );
}

interface FormValues {
  rating: number;
  comment: string;
}

function ReviewForm({
  practitionerId,
  consultationId,
  intro,
  onDone,
}: {
  practitionerId: string;
  consultationId: string;
  intro: string;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const create = useCreateReview(practitionerId);
  const [alert, setAlert] = useState<string | null>(null);
  const toRequest = (values: FormValues) => ({
    consultationId,
    rating: values.rating,
    comment: optional(values.comment),
  });
  const form = useForm<FormValues>({
    initialValues: { rating: 0, comment: '' },
    validate: schemaValidator(CreateReviewRequestSchema, t, toRequest, {
      rating: 'reviews.leave.ratingRequired',
    }),
  });
  const ratingError = form.errors.rating;

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setAlert(null);
        try {
          await create.mutateAsync(toRequest(values));
          notifications.show({
            color: 'zen',
            message: t('reviews.leave.sent'),
            closeButtonProps: { 'aria-label': t('common.close') },
          });
          onDone();
        } catch (error) {
          setAlert(
            error instanceof ApiError && error.fieldErrors.length > 0
              ? applyApiError(form, error, t)
              : reviewErrorMessage(error, t),
          );
        }
      })}
    >
      <Stack gap="md">
        <Text size="sm">{intro}</Text>
        {alert ? (
          <Alert color="red" icon={<IconAlert />} role="alert">
            {alert}
          </Alert>
        ) : null}
        <fieldset
          style={{ border: 0, padding: 0, margin: 0 }}
          aria-describedby={ratingError ? `${ids}-rating-error` : undefined}
        >
          <Text component="legend" fw={500} mb={6}>
            {t('reviews.leave.rating')}
          </Text>
          <RatingInput
            name={`${ids}-rating`}
            value={form.values.rating}
            onChange={(value) => form.setFieldValue('rating', value)}
            getSymbolLabel={(value) => t('reviews.leave.star', { count: value })}
            describedBy={ratingError ? `${ids}-rating-error` : undefined}
          />
          {ratingError ? (
            <Text c="red.9" size="sm" mt={4} id={`${ids}-rating-error`}>
              {ratingError}
            </Text>
          ) : null}
        </fieldset>
        <Textarea
          label={t('reviews.leave.comment')}
          description={t('reviews.leave.commentHint')}
          autosize
          minRows={4}
          maxRows={10}
          maxLength={REVIEW_COMMENT_MAX}
          {...form.getInputProps('comment')}
        />
        <Text size="xs" c="dimmed" ta="right">
          {form.values.comment.length} / {REVIEW_COMMENT_MAX}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('reviews.leave.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
