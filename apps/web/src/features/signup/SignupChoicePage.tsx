// `/signup`: three doors — employee, company (HR), practitioner.
import { Card, Container, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconBuilding, IconHeart, IconStethoscope } from '../../components/icons';
import { usePageTitle } from '../../lib/use-page-title';

const CHOICES = [
  { kind: 'employee', icon: IconHeart },
  { kind: 'company', icon: IconBuilding },
  { kind: 'practitioner', icon: IconStethoscope },
] as const;

/** The sign-up chooser. */
export function SignupChoicePage() {
  const { t } = useTranslation();
  usePageTitle(t('signup.choice.title'));
  return (
    <Container size="lg" px={0}>
      <Stack gap="xl">
        <Stack gap="xs" maw={640}>
          <Title order={1} fz={{ base: 28, sm: 36 }}>
            {t('signup.choice.title')}
          </Title>
          <Text c="dimmed">{t('signup.choice.subtitle')}</Text>
        </Stack>
        <SimpleGrid
          cols={{ base: 1, sm: 3 }}
          spacing="lg"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
        >
          {CHOICES.map(({ kind, icon: Icon }) => (
            <li key={kind}>
              <UnstyledButton
                component={Link}
                to={`/signup/${kind}`}
                w="100%"
                h="100%"
                style={{ borderRadius: 16 }}
              >
                <Card withBorder padding="lg" h="100%">
                  <Stack gap="sm">
                    <ThemeIcon size={48} radius="xl" variant="light">
                      <Icon size={26} />
                    </ThemeIcon>
                    <Title order={2} fz="lg">
                      {t(`signup.choice.${kind}.title`)}
                    </Title>
                    <Text>{t(`signup.choice.${kind}.body`)}</Text>
                    <Text fw={600} c="var(--mantine-color-anchor)">
                      {t(`signup.choice.${kind}.cta`)} →
                    </Text>
                  </Stack>
                </Card>
              </UnstyledButton>
            </li>
          ))}
        </SimpleGrid>
      </Stack>
    </Container>
  );
}
