// The employee's home: what they open the app for. The next consultation (with the join button of
// the consultations pages, live in the room's window), unread messages and notifications, the
// company's latest news, a few recently published articles (the same for everyone: nothing of the
// employee's health drives them) and the crisis numbers.
import { type ArticlePage, type Consultation, isUpcomingConsultation } from '@huntzen/contracts';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconCalendar, IconLifebuoy, IconMessage } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { api } from '../../lib/api';
import { isApiError } from '../../lib/api-error';
import { dateTimeLabel, inZone, timeLabel } from '../booking/time';
import { JoinButton } from '../consultations/ConsultationButtons';
import { useConsultations } from '../consultations/consultations.api';
import { useNow, useViewerZone } from '../consultations/hooks';
import { otherName } from '../consultations/labels';
import { CrisisResources } from '../crisis/CrisisResources';
import { useThreads } from '../messages/messages.api';
import { NewsMeta, newsExcerpt } from '../news/NewsParts';
import { useLatestNews } from '../news/news.api';
import { IconBell } from '../notifications/IconBell';
import { useUnreadCount } from '../notifications/notifications.api';

function Section({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id} h="100%">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" wrap="wrap" gap="xs">
          <Title order={2} fz="lg" id={id}>
            {title}
          </Title>
          {action}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

function Loading() {
  return <Spinner size="sm" />;
}

/** The soonest consultation still to come (or under way). */
function NextConsultation() {
  const { t } = useTranslation();
  const upcoming = useConsultations('upcoming');
  const { zone } = useViewerZone();
  const now = useNow();
  const next: Consultation | undefined = upcoming.data?.pages
    .flatMap((page) => page.items)
    .find((c) => isUpcomingConsultation(c, now));
  const all = (
    <Anchor component={Link} to="/app/consultations" size="sm">
      {t('employeeHome.next.all')}
    </Anchor>
  );
  return (
    <Section id="home-next" title={t('employeeHome.next.title')} action={next ? all : undefined}>
      {upcoming.isPending ? (
        <Loading />
      ) : next ? (
        <Stack gap="xs" data-testid="home-next-consultation">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <IconCalendar size={22} />
            <Stack gap={2}>
              <Text fw={700}>
                {dateTimeLabel(inZone(next.scheduledAt, zone))} –{' '}
                {timeLabel(inZone(next.scheduledEndAt, zone))}
              </Text>
              <Text>{t('consultations.withPractitioner', { name: otherName(next, 'employee') })}</Text>
              <Text size="sm" c="dimmed">
                {t(`consultations.format.${next.format}`)} · {t('booking.minutes', { count: next.duration })}
              </Text>
            </Stack>
          </Group>
          <Group gap="xs" wrap="wrap">
            <JoinButton consultation={next} now={now} zone={zone} />
            <Button component={Link} to={`/app/consultations/${next.id}`} variant="default">
              {t('consultations.details')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="xs" align="flex-start">
          <Text>{t('employeeHome.next.none')}</Text>
          <Button component={Link} to="/app/practitioners">
            {t('employeeHome.next.find')}
          </Button>
        </Stack>
      )}
    </Section>
  );
}

function Counter({ to, icon, count, label }: { to: string; icon: ReactNode; count: number; label: string }) {
  return (
    <UnstyledButton
      component={Link}
      to={to}
      p="sm"
      style={{
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-md)',
      }}
    >
      <Group gap="sm" wrap="nowrap">
        {icon}
        <Stack gap={0}>
          <Text fw={700} fz="xl" lh={1.2}>
            {count}
          </Text>
          <Text size="sm">{label}</Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

/** Unread messages and notifications, each a link to its page. */
function Unread() {
  const { t } = useTranslation();
  const threads = useThreads();
  const notifications = useUnreadCount();
  const messages = threads.data?.unreadTotal ?? 0;
  const unread = notifications.data ?? 0;
  return (
    <Section id="home-unread" title={t('employeeHome.unread.title')}>
      {threads.isPending || notifications.isPending ? (
        <Loading />
      ) : (
        <SimpleGrid cols={2} spacing="sm" data-testid="home-unread">
          <Counter
            to="/app/messages"
            icon={<IconMessage size={22} />}
            count={messages}
            label={t('employeeHome.unread.messages', { count: messages })}
          />
          <Counter
            to="/app/notifications"
            icon={<IconBell size={22} />}
            count={unread}
            label={t('employeeHome.unread.notifications', { count: unread })}
          />
        </SimpleGrid>
      )}
    </Section>
  );
}

/** The three latest items of company news for the employee; nothing when the company has none. */
function LatestNews() {
  const { t } = useTranslation();
  const latest = useLatestNews(3);
  // Internal news turned off by the company: no section at all.
  if (latest.isError && isApiError(latest.error, 'NEWS_DISABLED')) return null;
  const items = latest.data?.items ?? [];
  return (
    <Section
      id="home-news"
      title={t('employeeHome.news.title')}
      action={
        items.length > 0 ? (
          <Anchor component={Link} to="/app/news" size="sm">
            {t('employeeHome.news.all')}
          </Anchor>
        ) : undefined
      }
    >
      {latest.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text c="dimmed">{latest.isError ? t('employeeHome.unavailable') : t('employeeHome.news.none')}</Text>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="home-news">
          {items.map((item) => (
            <li key={item.id}>
              <Stack gap={2}>
                <Anchor component={Link} to={`/app/news/${item.id}`} fw={600}>
                  {item.title}
                </Anchor>
                <NewsMeta item={item} forHr={false} />
                <Text size="sm" lineClamp={2}>
                  {newsExcerpt(item.content, 160)}
                </Text>
              </Stack>
            </li>
          ))}
        </Stack>
      )}
    </Section>
  );
}

/** Recently published articles (GET /articles?limit=3); nothing while there are none. */
function RecommendedArticles() {
  const { t } = useTranslation();
  const articles = useQuery({
    queryKey: ['articles', 'home', 3],
    queryFn: ({ signal }) => api.get<ArticlePage>('/articles?limit=3', signal),
    retry: false,
  });
  const items = articles.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Section id="home-articles" title={t('employeeHome.articles.title')}>
      <Text size="sm" c="dimmed">
        {t('employeeHome.articles.why')}
      </Text>
      <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="home-articles">
        {items.map((article) => (
          <li key={article.id}>
            <Stack gap={2}>
              <Anchor href={`/articles/${encodeURIComponent(article.slug)}`} fw={600}>
                {article.title}
              </Anchor>
              <Group gap="xs">
                <Badge variant="light" color="gray">
                  {t('employeeHome.articles.minutes', { count: article.readingMinutes })}
                </Badge>
              </Group>
              {article.excerpt ? (
                <Text size="sm" lineClamp={2}>
                  {article.excerpt}
                </Text>
              ) : null}
            </Stack>
          </li>
        ))}
      </Stack>
    </Section>
  );
}

/** The emergency numbers, always on the home page. */
function Crisis() {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="home-crisis">
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <IconLifebuoy size={22} />
          <Title order={2} fz="lg" id="home-crisis">
            {t('employeeHome.crisis.title')}
          </Title>
        </Group>
        <CrisisResources />
      </Stack>
    </Card>
  );
}

/** The home sections of an employee. */
export function EmployeeHome() {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <NextConsultation />
        <Unread />
        <LatestNews />
        <RecommendedArticles />
      </SimpleGrid>
      <Crisis />
    </Stack>
  );
}
