// `/app/profile` for an employee: a social-style profile (cover, photo, name, job, about, details)
// with an edit mode for the pictures and every field.
import type { EmployeeProfile } from '@huntzen/contracts';
import { Anchor, Button, Card, Container, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconInfo, IconSettings } from '../../components/icons';
import { LoadError, Loading } from '../../components/QueryState';
import { formatLocale } from '../../i18n';
import { usePageTitle } from '../../lib/use-page-title';
import { useMedia } from '../media/media.api';
import { PicturePreview } from '../media/PicturePreview';
import { useEmployeeProfile } from './employee-profile.api';
import { ProfileEditor } from './ProfileEditor';

interface Previews {
  avatar: string | null;
  cover: string | null;
}

/** The employee's profile page. */
export function EmployeeProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('employeeProfile.title'));
  const profile = useEmployeeProfile();
  const [editing, setEditing] = useState(false);
  // Chosen pictures show in the header while they upload.
  const [previews, setPreviews] = useState<Previews>({ avatar: null, cover: null });

  if (profile.isPending) {
    return <Loading />;
  }
  if (profile.isError) {
    return <LoadError error={profile.error} />;
  }
  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <ProfileHeader
          profile={profile.data}
          previews={previews}
          editing={editing}
          onEdit={() => setEditing(true)}
        />
        {editing ? (
          <ProfileEditor
            profile={profile.data}
            onPreview={(slot, url) => setPreviews((current) => ({ ...current, [slot]: url }))}
            onClose={() => setEditing(false)}
          />
        ) : (
          <ProfileView profile={profile.data} onEdit={() => setEditing(true)} />
        )}
        <Text size="sm" c="dimmed">
          <IconInfo size={14} /> {t('employeeProfile.privacy')}
        </Text>
      </Stack>
    </Container>
  );
}

function ProfileHeader(props: {
  profile: EmployeeProfile;
  previews: Previews;
  editing: boolean;
  onEdit(): void;
}) {
  const { t } = useTranslation();
  const { profile, previews } = props;
  // The pictures' own query: the editor's picture controls update it at once.
  const media = useMedia('profile');
  const name = `${profile.firstName} ${profile.lastName}`;
  const job = [profile.position, profile.department].filter(Boolean).join(' · ');
  const since = new Date(profile.createdAt).toLocaleDateString(formatLocale(), {
    month: 'long',
    year: 'numeric',
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="profile-name">
      <PicturePreview
        coverUrl={previews.cover ?? (media.data ? media.data.coverUrl : profile.coverUrl)}
        coverAlt={t('media.cover.alt')}
        pictureUrl={previews.avatar ?? (media.data ? media.data.avatarUrl : profile.avatarUrl)}
        pictureAlt={t('media.avatar.alt')}
        shape="round"
        fallback={name}
        busy={Boolean(previews.avatar || previews.cover)}
      />
      <Group justify="space-between" align="flex-start" mt="sm" gap="md">
        <Stack gap={4} miw={0}>
          <Title order={1} id="profile-name" fz={{ base: 26, sm: 30 }}>
            {name}
          </Title>
          {job ? <Text fw={500}>{job}</Text> : null}
          <Text size="sm" c="dimmed">
            {[
              profile.companyName ? t('employeeProfile.atCompany', { company: profile.companyName }) : null,
              profile.location,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('employeeProfile.memberSince', { date: since })}
          </Text>
        </Stack>
        {props.editing ? null : (
          <Button variant="light" leftSection={<IconSettings size={16} />} onClick={props.onEdit}>
            {t('employeeProfile.edit')}
          </Button>
        )}
      </Group>
    </Card>
  );
}

/** "Europe/Paris (UTC+1)": the zone with its offset today, in the page's language. */
function zoneWithOffset(zone: string, language: string): string {
  try {
    const offset = new Intl.DateTimeFormat(formatLocale(language), {
      timeZone: zone,
      timeZoneName: 'shortOffset',
    })
      .formatToParts(new Date())
      .find((part) => part.type === 'timeZoneName')?.value;
    return offset ? `${zone} (${offset})` : zone;
  } catch {
    return zone;
  }
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function ProfileView({ profile, onEdit }: { profile: EmployeeProfile; onEdit(): void }) {
  const { t, i18n } = useTranslation();
  const notSet = (
    <Text span c="dimmed">
      {t('employeeProfile.notSet')}
    </Text>
  );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="profile-about">
        <Stack gap="sm">
          <Title order={2} fz="lg" id="profile-about">
            {t('employeeProfile.about')}
          </Title>
          {profile.bio ? (
            <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{profile.bio}</Text>
          ) : (
            <Stack gap="xs" align="flex-start">
              <Text c="dimmed">{t('employeeProfile.noBio')}</Text>
              <Button variant="subtle" px={0} onClick={onEdit}>
                {t('employeeProfile.addBio')}
              </Button>
            </Stack>
          )}
        </Stack>
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="profile-details">
        <Stack gap="sm">
          <Title order={2} fz="lg" id="profile-details">
            {t('employeeProfile.details')}
          </Title>
          <Stack component="dl" gap="sm" m={0}>
            <Detail label={t('employeeProfile.fields.email')}>{profile.email}</Detail>
            <Detail label={t('employeeProfile.fields.phoneNumber')}>
              {profile.phoneNumber ? (
                <Anchor href={`tel:${profile.phoneNumber}`}>{profile.phoneNumber}</Anchor>
              ) : (
                notSet
              )}
            </Detail>
            <Detail label={t('employeeProfile.fields.location')}>{profile.location ?? notSet}</Detail>
            <Detail label={t('employeeProfile.fields.preferredLanguage')}>
              {t(`employeeProfile.languages.${profile.preferredLanguage}`)}
            </Detail>
            <Detail label={t('employeeProfile.fields.timezone')}>
              {zoneWithOffset(profile.timezone, i18n.language)}
            </Detail>
          </Stack>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
