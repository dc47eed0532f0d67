// `/app/articles/:slug`: a published article inside the app (the API's sanitized HTML, the same as
// the public page), with a link to its public page.
import type { Article } from '@huntzen/contracts';
import { Anchor, Badge, Button, Group, Stack, Text, Title, Typography } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading } from '../../components/QueryState';
import { api } from '../../lib/api';
import { usePageTitle } from '../../lib/use-page-title';
import { formatDate } from './ArticlesPage';
import { useArticle } from './articles.api';

const NETWORKS = [
  { network: 'linkedin', label: 'LinkedIn' },
  { network: 'x', label: 'X' },
  { network: 'facebook', label: 'Facebook' },
] as const;

/** The share buttons: each network through the public share link (counted, then redirected), or the link copied. */
function ShareButtons({ article }: { article: Article }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="share-title">
      <Title order={2} fz="md" id="share-title">
        {t('articles.share.title')}
      </Title>
      <Group gap="xs">
        {NETWORKS.map(({ network, label }) => (
          <Button
            key={network}
            component="a"
            href={`/articles/${article.slug}/share/${network}`}
            target="_blank"
            rel="noopener"
            variant="default"
            size="xs"
            aria-label={t('articles.share.on', { network: label })}
          >
            {label}
          </Button>
        ))}
        <Button
          variant="default"
          size="xs"
          onClick={() => {
            void navigator.clipboard
              ?.writeText(article.seo.canonicalUrl)
              .then(() =>
                notifications.show({
                  message: t('articles.share.copied'),
                  closeButtonProps: { 'aria-label': t('common.close') },
                }),
              )
              .catch(() => undefined);
            void api.post(`/articles/${article.id}/share`, { network: 'copy' }).catch(() => undefined);
          }}
        >
          {t('articles.share.copy')}
        </Button>
      </Group>
    </Stack>
  );
}

/** One article, read in the app. */
export function ArticleReaderPage() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const query = useArticle(slug);
  usePageTitle(query.data?.title ?? t('articles.title'));
  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError) {
    return <LoadError error={query.error} />;
  }
  const article = query.data;
  return (
    <Stack gap="md" maw={760} component="article" lang="fr">
      <Anchor component={Link} to="/app/articles" size="sm">
        ← {t('articles.back')}
      </Anchor>
      <Group gap="xs">
        <Badge variant="light">{t(`articles.categories.${article.category}`)}</Badge>
      </Group>
      <Title order={1}>{article.title}</Title>
      <Text size="sm" c="dimmed">
        {article.authorName}
        {article.publishedAt
          ? ` · ${t('articles.publishedOn', { date: formatDate(article.publishedAt) })}`
          : ''}
        {` · ${t('articles.minutes', { count: article.readingMinutes })}`}
      </Text>
      <Text size="lg" c="dimmed">
        {article.excerpt}
      </Text>
      <Typography>
        {/* Rendered and sanitized by the API (markdown-it + sanitize-html). */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized on the server */}
        <div dangerouslySetInnerHTML={{ __html: article.contentHtml }} />
      </Typography>
      <ShareButtons article={article} />
      <Anchor href={`/articles/${article.slug}`}>{t('articles.publicPage')}</Anchor>
    </Stack>
  );
}
