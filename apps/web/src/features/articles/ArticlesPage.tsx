// `/app/articles`: employees search and browse published articles by category; HuntZen's admins see
// every article with a status filter and open the editor. Results from a search carry a snippet
// the API escaped (only its <mark> elements are markup).
import {
  ARTICLE_CATEGORIES,
  ARTICLE_STATUSES,
  type ArticleCategory,
  type ArticleStatus,
  type ArticleSummary,
} from '@huntzen/contracts';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconPlus } from '../../components/icons';
import { LoadError, Loading } from '../../components/QueryState';
import { formatLocale } from '../../i18n';
import { usePageTitle } from '../../lib/use-page-title';
import { usePhone } from '../../lib/use-phone';
import { type ArticleFilters, useArticles } from './articles.api';

const STATUS_COLOR: Record<ArticleStatus, string> = {
  DRAFT: 'gray',
  SCHEDULED: 'blue',
  PUBLISHED: 'green',
  ARCHIVED: 'dark',
};

/** "6 décembre 2026" / "6 December 2026". */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(formatLocale(), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(iso));
}

function ArticleCard({ article, admin }: { article: ArticleSummary; admin: boolean }) {
  const { t } = useTranslation();
  const href = admin ? `/app/articles/${article.id}/edit` : `/app/articles/${article.slug}`;
  return (
    <Card withBorder padding="md" component="li" data-testid="article-card">
      <Stack gap={6}>
        <Group gap="xs">
          <Badge variant="light">{t(`articles.categories.${article.category}`)}</Badge>
          {admin ? (
            <Badge variant="light" c="dark.7" color={STATUS_COLOR[article.status]}>
              {t(`articles.status.${article.status}`)}
            </Badge>
          ) : null}
        </Group>
        <Title order={2} fz="lg">
          <Anchor component={Link} to={href}>
            {article.title}
          </Anchor>
        </Title>
        {article.snippet ? (
          // The API escaped the text; its only markup is <mark> around the matches.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by the API
          <Text size="sm" dangerouslySetInnerHTML={{ __html: article.snippet }} />
        ) : (
          <Text size="sm">{article.excerpt}</Text>
        )}
        <Text size="xs" c="dimmed">
          {article.publishedAt ? t('articles.publishedOn', { date: formatDate(article.publishedAt) }) : null}
          {article.status === 'SCHEDULED' && article.scheduledFor
            ? t('articles.admin.scheduledFor', { date: formatDate(article.scheduledFor) })
            : null}
          {' · '}
          {t('articles.minutes', { count: article.readingMinutes })}
          {admin
            ? ` · ${t('articles.admin.views', { count: article.viewCount })} · ${t('articles.admin.shares', { count: article.shareCount })}`
            : null}
        </Text>
      </Stack>
    </Card>
  );
}

function ArticleList({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text, 300);
  const [category, setCategory] = useState<ArticleCategory | null>(null);
  const [status, setStatus] = useState<ArticleStatus | null>(null);
  const filters: ArticleFilters = { q, category, status: admin ? status : null };
  const query = useArticles(filters);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Card withBorder padding="md" component="section" aria-label={t('articles.searchLabel')}>
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              type="search"
              label={t('articles.searchLabel')}
              placeholder={t('articles.searchPlaceholder')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              maxLength={200}
              style={{ flex: 1, minWidth: 220 }}
            />
            <Select
              label={t('articles.category')}
              placeholder={t('articles.allCategories')}
              data={ARTICLE_CATEGORIES.map((c) => ({ value: c, label: t(`articles.categories.${c}`) }))}
              value={category}
              onChange={(value) => setCategory((value as ArticleCategory | null) ?? null)}
              clearable
              w={260}
            />
          </Group>
          {admin ? (
            <div>
              <Text size="sm" fw={500} id="article-status-label" mb={4}>
                {t('articles.status.label')}
              </Text>
              <SegmentedControl
                aria-labelledby="article-status-label"
                value={status ?? 'ALL'}
                onChange={(value) => setStatus(value === 'ALL' ? null : (value as ArticleStatus))}
                data={[
                  { value: 'ALL', label: t('articles.status.all') },
                  ...ARTICLE_STATUSES.map((s) => ({ value: s, label: t(`articles.status.${s}`) })),
                ]}
                // Five choices: one under the other on a phone.
                orientation={phone ? 'vertical' : 'horizontal'}
                fullWidth={phone}
              />
            </div>
          ) : null}
        </Stack>
      </Card>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed" role="status">
          {t('articles.empty')}
        </Text>
      ) : (
        <SimpleGrid
          cols={{ base: 1, md: 2 }}
          spacing="md"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-live="polite"
        >
          {items.map((article) => (
            <ArticleCard key={article.id} article={article} admin={admin} />
          ))}
        </SimpleGrid>
      )}
      {query.hasNextPage ? (
        <Center>
          <Button
            variant="light"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            {t('articles.more')}
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
}

/** The employees' articles page. */
export function ArticlesPage() {
  const { t } = useTranslation();
  usePageTitle(t('articles.title'));
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('articles.title')}</Title>
        <Text c="dimmed">{t('articles.subtitle')}</Text>
      </Stack>
      <ArticleList admin={false} />
    </Stack>
  );
}

/** HuntZen's admins' articles page: every status, and the way to the editor. */
export function ArticlesAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('articles.admin.title'));
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{t('articles.admin.title')}</Title>
          <Text c="dimmed">{t('articles.admin.subtitle')}</Text>
        </Stack>
        <Button component={Link} to="/app/articles/new" leftSection={<IconPlus size={16} />}>
          {t('articles.admin.new')}
        </Button>
      </Group>
      <ArticleList admin />
    </Stack>
  );
}
