// `/app/practitioners/:id` (employees): a practitioner's public profile — cover and photo, who they
// are, how they work, their background, published reviews (authors as initials) and, for an
// employee who saw them recently, the card to leave a review.
import { PRACTICE_FORMATS, type PractitionerProfile } from '@huntzen/contracts';
import {
  Alert,
  Anchor,
  Avatar,
  Badge,
  Box,
  Button,
  Card,
  Center,
  Grid,
  Group,
  Image,
  List,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { IconAlert } from '../../components/icons';
import { LoadError, Loading } from '../../components/QueryState';
import { Spinner } from '../../components/Spinner';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { BookingCard } from '../booking/BookingCard';
import { LeaveReviewCard } from '../reviews/LeaveReviewCard';
import { RatingStars } from '../reviews/RatingStars';
import { RatingSummaryBlock } from '../reviews/RatingSummaryBlock';
import { ReviewItem } from '../reviews/ReviewItem';
import { usePractitionerProfile, usePractitionerReviews } from './directory.api';
import { fullName, languageName } from './labels';

/** The profile page. */
export function PractitionerProfilePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const profile = usePractitionerProfile(id);
  usePageTitle(profile.data ? fullName(profile.data) : t('directory.title'));

  return (
    <Stack gap="lg">
      {/* Text colour and an underline: the brand's link colour is too light on the page's grey. */}
      <Anchor
        component={Link}
        to="/app/practitioners"
        size="sm"
        c="var(--mantine-color-text)"
        underline="always"
      >
        ← {t('directory.profile.back')}
      </Anchor>
      {profile.isPending ? (
        <Loading />
      ) : profile.isError ? (
        <Alert
          color={isApiError(profile.error, 'NOT_FOUND') ? 'gray' : 'red'}
          icon={<IconAlert />}
          role="alert"
        >
          {isApiError(profile.error, 'NOT_FOUND')
            ? t('directory.profile.notFound')
            : errorMessage(profile.error, t)}
        </Alert>
      ) : (
        <Profile profile={profile.data} />
      )}
    </Stack>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} fz="lg" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function Profile({ profile: p }: { profile: PractitionerProfile }) {
  const { t, i18n } = useTranslation();
  const { role } = useAuth();
  const name = fullName(p);
  const formats = PRACTICE_FORMATS.filter((f) =>
    f === 'VIDEO' ? p.formats.video : f === 'PHONE' ? p.formats.phone : p.formats.inPerson,
  );
  const background = [p.education, ...p.diplomas, ...p.certifications].some(Boolean);

  return (
    <Stack gap="lg">
      <Card withBorder padding={0} component="header">
        {p.coverUrl ? (
          <Image src={p.coverUrl} alt={t('directory.profile.coverAlt', { name })} h={180} fit="cover" />
        ) : (
          <Box
            h={140}
            style={{
              background:
                'linear-gradient(135deg, var(--mantine-primary-color-light), var(--mantine-primary-color-light-hover))',
            }}
          />
        )}
        <Group align="flex-start" gap="lg" px="lg" pb="lg" wrap="wrap">
          <Avatar
            mt={-56}
            src={p.avatarUrl}
            alt={p.avatarUrl ? t('directory.card.avatarAlt', { name }) : undefined}
            name={`${p.firstName} ${p.lastName}`}
            color="initials"
            size={112}
            radius={112}
            style={{ border: '4px solid var(--mantine-color-body)' }}
          />
          <Stack gap={4} style={{ flex: 1 }} miw={220} pt="md">
            <Title order={1}>{name}</Title>
            <Text fw={500}>{t(`specialties.${p.specialty}`)}</Text>
            <RatingStars rating={p.averageRating} count={p.reviewCount} />
            <Group gap={6} mt={4}>
              {p.experience ? (
                <Badge variant="light" tt="none">
                  {t('directory.profile.experience', { count: p.experience })}
                </Badge>
              ) : null}
              <Badge variant="light" tt="none">
                {t('directory.profile.session', { minutes: p.sessionDuration })}
              </Badge>
              <Badge
                variant={p.isAcceptingNewClients ? 'filled' : 'light'}
                color={p.isAcceptingNewClients ? 'zen' : 'gray'}
                tt="none"
              >
                {t(p.isAcceptingNewClients ? 'directory.card.accepting' : 'directory.card.notAccepting')}
              </Badge>
            </Group>
          </Stack>
        </Group>
      </Card>
      {role === 'EMPLOYEE' ? <BookingCard practitioner={p} /> : null}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Section id="profile-about" title={t('directory.profile.about')}>
              <Text style={{ whiteSpace: 'pre-line' }}>{p.bio}</Text>
              {p.subSpecialties.length > 0 ? (
                <Stack gap={6}>
                  <Title order={3} fz="sm">
                    {t('directory.profile.subSpecialties')}
                  </Title>
                  <Group gap={6}>
                    {p.subSpecialties.map((s) => (
                      <Badge key={s} variant="light" color="gray" tt="none" fw={500}>
                        {s}
                      </Badge>
                    ))}
                  </Group>
                </Stack>
              ) : null}
              {p.videoUrl ? (
                <Anchor href={p.videoUrl} target="_blank" rel="noopener noreferrer">
                  {t('directory.profile.watchVideo')}
                </Anchor>
              ) : null}
            </Section>
            {background ? (
              <Section id="profile-background" title={t('directory.profile.education')}>
                {p.education ? <Text>{p.education}</Text> : null}
                {p.diplomas.length > 0 ? (
                  <Stack gap={4}>
                    <Title order={3} fz="sm">
                      {t('directory.profile.diplomas')}
                    </Title>
                    <List size="sm">
                      {p.diplomas.map((d) => (
                        <List.Item key={d}>{d}</List.Item>
                      ))}
                    </List>
                  </Stack>
                ) : null}
                {p.certifications.length > 0 ? (
                  <Stack gap={4}>
                    <Title order={3} fz="sm">
                      {t('directory.profile.certifications')}
                    </Title>
                    <List size="sm">
                      {p.certifications.map((c) => (
                        <List.Item key={c}>{c}</List.Item>
                      ))}
                    </List>
                  </Stack>
                ) : null}
              </Section>
            ) : null}
            <Reviews profile={p} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            {role === 'EMPLOYEE' ? <LeaveReviewCard practitionerId={p.id} practitionerName={name} /> : null}
            <Section id="profile-practice" title={t('directory.profile.practice')}>
              <Group gap={6}>
                {formats.map((f) => (
                  <Badge key={f} variant="outline" tt="none" fw={500}>
                    {t(`directory.formats.${f}`)}
                  </Badge>
                ))}
              </Group>
              {p.inPersonAddress ? (
                <Stack gap={2}>
                  <Title order={3} fz="sm">
                    {t('directory.profile.address')}
                  </Title>
                  <Text size="sm">{p.inPersonAddress}</Text>
                </Stack>
              ) : null}
              <Stack gap={2}>
                <Title order={3} fz="sm">
                  {t('directory.profile.languages')}
                </Title>
                <Text size="sm">{p.languages.map((l) => languageName(l, i18n.language)).join(', ')}</Text>
              </Stack>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Reviews({ profile }: { profile: PractitionerProfile }) {
  const { t } = useTranslation();
  const reviews = usePractitionerReviews(profile.id);
  const items = reviews.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Section id="profile-reviews" title={t('directory.profile.reviews')}>
      <RatingSummaryBlock summary={profile.ratingSummary} />
      {reviews.isPending ? (
        <Center p="md">
          <Spinner size="sm" />
        </Center>
      ) : reviews.isError ? (
        <LoadError error={reviews.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('directory.profile.noReviews')}</Text>
      ) : (
        <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((review) => (
            <ReviewItem key={review.id} review={review} />
          ))}
        </Stack>
      )}
      {reviews.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => reviews.fetchNextPage()}
          loading={reviews.isFetchingNextPage}
        >
          {t('directory.profile.moreReviews')}
        </Button>
      ) : null}
    </Section>
  );
}
