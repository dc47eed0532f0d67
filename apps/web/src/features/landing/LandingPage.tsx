// `/`: what HuntZen is, for whom, how confidentiality works, and where to start.
import {
  Button,
  Card,
  Container,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  IconBuilding,
  IconCalendar,
  IconHeart,
  IconLifebuoy,
  IconLock,
  IconStethoscope,
} from '../../components/icons';
import { usePageTitle } from '../../lib/use-page-title';
import { CrisisResources } from '../crisis/CrisisResources';

const AUDIENCES = [
  { key: 'employees', icon: IconHeart, to: '/signup/employee' },
  { key: 'companies', icon: IconBuilding, to: '/signup/company' },
  { key: 'practitioners', icon: IconStethoscope, to: '/signup/practitioner' },
] as const;

const PROMISES = [
  { key: 'verified', icon: IconStethoscope },
  { key: 'formats', icon: IconCalendar },
  { key: 'private', icon: IconLock },
] as const;

/** Three promises beside the headline. */
function HeroPromises() {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p={{ base: 'lg', sm: 'xl' }}
      bg="zen.0"
      style={{ borderColor: 'var(--mantine-color-zen-1)' }}
    >
      <Stack gap="lg" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {PROMISES.map(({ key, icon: Icon }) => (
          <Group key={key} component="li" gap="md" wrap="nowrap" align="flex-start">
            <ThemeIcon size={44} radius="xl">
              <Icon size={24} />
            </ThemeIcon>
            <Stack gap={2}>
              <Text fw={650}>{t(`landing.promises.${key}.title`)}</Text>
              <Text size="sm">{t(`landing.promises.${key}.body`)}</Text>
            </Stack>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** The public home page. */
export function LandingPage() {
  const { t } = useTranslation();
  usePageTitle(t('landing.pageTitle'));
  return (
    <Container size="lg" px={0}>
      <Stack gap={56}>
        <SimpleGrid
          cols={{ base: 1, md: 2 }}
          spacing={48}
          component="section"
          aria-labelledby="landing-title"
        >
          <Stack gap="lg" justify="center">
            <Title id="landing-title" order={1} fz={{ base: 32, sm: 44 }} lh={1.15} c="zen.9">
              {t('landing.title')}
            </Title>
            <Text fz={{ base: 'md', sm: 'lg' }}>{t('landing.lead')}</Text>
            <Group gap="sm">
              <Button component={Link} to="/signup" size="lg">
                {t('landing.ctaSignup')}
              </Button>
              <Button component={Link} to="/login" size="lg" variant="default">
                {t('landing.ctaLogin')}
              </Button>
            </Group>
          </Stack>
          <HeroPromises />
        </SimpleGrid>

        <section aria-labelledby="landing-audiences">
          <Title id="landing-audiences" order={2} mb="md" fz={{ base: 22, sm: 26 }}>
            {t('landing.audiencesTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
            {AUDIENCES.map(({ key, icon: Icon, to }) => (
              <Card key={key} withBorder padding="lg">
                <Stack gap="sm" h="100%">
                  <ThemeIcon size={44} radius="xl" variant="light">
                    <Icon size={24} />
                  </ThemeIcon>
                  <Title order={3} fz="lg">
                    {t(`landing.audiences.${key}.title`)}
                  </Title>
                  <Text style={{ flex: 1 }}>{t(`landing.audiences.${key}.body`)}</Text>
                  <Button component={Link} to={to} variant="light">
                    {t(`landing.audiences.${key}.cta`)}
                  </Button>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </section>

        <Card withBorder padding="xl" bg="zen.0" component="section" aria-labelledby="landing-privacy">
          <Group align="flex-start" wrap="nowrap" gap="lg">
            <ThemeIcon size={44} radius="xl" visibleFrom="xs">
              <IconLock size={24} />
            </ThemeIcon>
            <Stack gap="xs">
              <Title id="landing-privacy" order={2} fz={{ base: 22, sm: 26 }}>
                {t('landing.privacyTitle')}
              </Title>
              <Text>{t('landing.privacyBody')}</Text>
            </Stack>
          </Group>
        </Card>

        <Paper
          withBorder
          p={{ base: 'md', sm: 'xl' }}
          component="section"
          aria-labelledby="landing-crisis"
          style={{ borderColor: 'var(--mantine-color-red-3)' }}
        >
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
            <Stack gap="sm">
              <Group gap="sm" wrap="nowrap">
                <ThemeIcon size={44} radius="xl" color="red.9">
                  <IconLifebuoy size={24} />
                </ThemeIcon>
                <Title id="landing-crisis" order={2} fz={{ base: 22, sm: 26 }}>
                  {t('crisis.title')}
                </Title>
              </Group>
              <Text>{t('landing.crisisLead')}</Text>
            </Stack>
            <CrisisResources />
          </SimpleGrid>
        </Paper>
      </Stack>
    </Container>
  );
}
