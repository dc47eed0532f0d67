// One result of the directory: photo or initials, name (the link to the profile), specialty,
// rating, areas of practice, formats, languages and whether new clients are accepted.
import { type DirectoryItem, PRACTICE_FORMATS } from '@huntzen/contracts';
import { Anchor, Avatar, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatLocale } from '../../i18n';
import { RatingStars } from '../reviews/RatingStars';
import { fullName, languageName, profilePath } from './labels';

const SHOWN_SUB_SPECIALTIES = 3;

/** "Tue 24 Nov, 10:00" in the reader's language and time zone. */
function formatSlot(iso: string, language: string): string {
  return new Intl.DateTimeFormat(formatLocale(language), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The card (an `<article>` named by its heading). */
export function PractitionerCard({ practitioner: p }: { practitioner: DirectoryItem }) {
  const { t, i18n } = useTranslation();
  const name = fullName(p);
  const headingId = `practitioner-${p.id}`;
  const formats = PRACTICE_FORMATS.filter((f) =>
    f === 'VIDEO' ? p.formats.video : f === 'PHONE' ? p.formats.phone : p.formats.inPerson,
  );
  const extra = p.subSpecialties.length - SHOWN_SUB_SPECIALTIES;

  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={headingId} h="100%">
      <Stack gap="sm" h="100%">
        <Group wrap="nowrap" align="flex-start" gap="md">
          <Avatar
            src={p.avatarUrl}
            alt={p.avatarUrl ? t('directory.card.avatarAlt', { name }) : undefined}
            name={`${p.firstName} ${p.lastName}`}
            color="initials"
            size={64}
            radius="xl"
          />
          <Stack gap={2} miw={0}>
            <Title order={2} fz="lg" id={headingId}>
              <Anchor component={Link} to={profilePath(p.id)} inherit>
                {name}
              </Anchor>
            </Title>
            <Text size="sm" c="dimmed">
              {t(`specialties.${p.specialty}`)}
            </Text>
            <RatingStars rating={p.averageRating} count={p.reviewCount} size="xs" />
          </Stack>
        </Group>

        {p.subSpecialties.length > 0 ? (
          <Group gap={6}>
            {p.subSpecialties.slice(0, SHOWN_SUB_SPECIALTIES).map((s) => (
              <Badge key={s} variant="light" color="gray" tt="none" fw={500}>
                {s}
              </Badge>
            ))}
            {extra > 0 ? (
              <Badge variant="transparent" color="gray" tt="none">
                +{extra}
              </Badge>
            ) : null}
          </Group>
        ) : null}

        <Stack gap={4} mt="auto">
          <Group gap={6}>
            {formats.map((f) => (
              <Badge key={f} variant="outline" tt="none" fw={500}>
                {t(`directory.formats.${f}`)}
              </Badge>
            ))}
          </Group>
          <Text size="sm">
            {t('directory.card.languages', {
              languages: p.languages.map((l) => languageName(l, i18n.language)).join(', '),
            })}
          </Text>
          {p.inPersonAddress ? (
            <Text size="sm" c="dimmed">
              {p.inPersonAddress}
            </Text>
          ) : null}
          <Text size="sm">
            {p.nextSlot
              ? t('directory.card.nextSlot', { when: formatSlot(p.nextSlot, i18n.language) })
              : t('directory.card.noSlot')}
          </Text>
          <Text size="sm" fw={600} c={p.isAcceptingNewClients ? 'zen.8' : 'dimmed'}>
            {t(p.isAcceptingNewClients ? 'directory.card.accepting' : 'directory.card.notAccepting')}
          </Text>
        </Stack>
      </Stack>
    </Card>
  );
}
