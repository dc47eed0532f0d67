// `/app/articles/new` and `/app/articles/:id/edit` (HuntZen's admins): the Markdown editor with a
// preview rendered by the API (the very renderer of the public page), the SEO fields with
// character counters and a search-result preview, and the status moves: publish now, schedule,
// archive.
import {
  ARTICLE_CATEGORIES,
  ARTICLE_LIMITS,
  type Article,
  type ArticleCategory,
  SEO_LENGTHS,
  slugify,
} from '@huntzen/contracts';
import {
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Grid,
  Group,
  Select,
  Stack,
  Tabs,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
  Typography,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { DateTime } from 'luxon';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { DateField } from '../../components/DateField';
import { LoadError, Loading } from '../../components/QueryState';
import { TimeField } from '../../components/TimeField';
import { usePageTitle } from '../../lib/use-page-title';
import { uploadFile } from '../media/upload';
import { formatDate } from './ArticlesPage';
import {
  useArticle,
  useArticleAction,
  useCreateArticle,
  usePreview,
  useScheduleArticle,
  useUpdateArticle,
} from './articles.api';

interface Values {
  title: string;
  excerpt: string;
  content: string;
  category: ArticleCategory;
  tags: string[];
  keywords: string[];
  metaTitle: string;
  metaDescription: string;
}

const EMPTY: Values = {
  title: '',
  excerpt: '',
  content: '',
  category: 'WELLBEING',
  tags: [],
  keywords: [],
  metaTitle: '',
  metaDescription: '',
};

function valuesOf(article: Article): Values {
  return {
    title: article.title,
    excerpt: article.excerpt,
    content: article.content,
    category: article.category,
    tags: article.tags,
    keywords: article.keywords,
    metaTitle: article.metaTitle ?? '',
    metaDescription: article.metaDescription ?? '',
  };
}

/** "42 / 60": orange outside the recommended range. */
function Counter({ id, length, range }: { id: string; length: number; range: { min: number; max: number } }) {
  const { t } = useTranslation();
  const ok = length >= range.min && length <= range.max;
  return (
    <Text id={id} size="xs" c={ok ? '#0b6b3a' : '#a63d00'} aria-live="polite">
      {t('articles.editor.counter', { count: length, max: range.max })}
    </Text>
  );
}

/** What a search engine would show: title, address, description, each cut where engines cut. */
function SearchResultPreview({
  title,
  url,
  description,
}: {
  title: string;
  url: string;
  description: string;
}) {
  const { t } = useTranslation();
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="serp-title" data-testid="serp-preview">
      <Text size="xs" c="dimmed" id="serp-title" mb={6}>
        {t('articles.editor.serp')}
      </Text>
      <Text size="sm" c="dimmed">
        {url}
      </Text>
      <Text size="lg" c="blue.9" fw={500}>
        {cut(title, SEO_LENGTHS.title.max)}
      </Text>
      <Text size="sm">{cut(description, SEO_LENGTHS.description.max)}</Text>
    </Card>
  );
}

/** The article editor (a new article, or the one at :id). */
export function ArticleEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const existing = useArticle(id);
  const article = existing.data;
  const [values, setValues] = useState<Values>(EMPTY);
  // The planned publication: a day and a time of the browser's zone (the author's).
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const when = day && time ? `${day}T${time}` : '';
  // undefined: unchanged; null: removed; else the uploaded file.
  const [cover, setCover] = useState<{ id: string; url: string } | null | undefined>(undefined);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  useEffect(() => {
    if (article) setValues(valuesOf(article));
  }, [article]);
  usePageTitle(id ? t('articles.editor.editTitle') : t('articles.editor.newTitle'));

  const create = useCreateArticle();
  const update = useUpdateArticle();
  const action = useArticleAction();
  const schedule = useScheduleArticle();
  const [previewSource] = useDebouncedValue(values.content, 400);
  const preview = usePreview(previewSource);
  const busy = create.isPending || update.isPending || action.isPending || schedule.isPending;
  const error = create.error ?? update.error ?? action.error ?? schedule.error ?? uploadError;

  if (id && existing.isPending) {
    return <Loading />;
  }
  if (id && existing.isError) {
    return <LoadError error={existing.error} />;
  }

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const body = {
    ...values,
    metaTitle: values.metaTitle.trim() || null,
    metaDescription: values.metaDescription.trim() || null,
    ...(cover !== undefined ? { coverFileId: cover?.id ?? null } : {}),
  };
  const coverUrl = cover === undefined ? (article?.coverUrl ?? null) : (cover?.url ?? null);
  // The app's pages show images of their own origin only (CSP): an uploaded cover, not an outside one.
  const coverShown = coverUrl?.startsWith(`${window.location.origin}/api/v1/files/`) ? coverUrl : null;
  const slug = article?.publishedAt ? article.slug : slugify(values.title) || 'article';
  const publicUrl = `${window.location.origin}/articles/${slug}`;
  const seoTitle = values.metaTitle.trim() || values.title;
  const seoDescription = values.metaDescription.trim() || values.excerpt;

  async function save(): Promise<Article> {
    if (article) return update.mutateAsync({ id: article.id, body });
    const created = await create.mutateAsync(body);
    navigate(`/app/articles/${created.id}/edit`, { replace: true });
    return created;
  }
  // Failures show in the alert above (the mutations' error): nothing to do here.
  const run = (fn: () => Promise<void>) => () => {
    fn().catch(() => undefined);
  };
  const done = (message: string) =>
    notifications.show({ color: 'teal', message, closeButtonProps: { 'aria-label': t('common.close') } });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} to="/app/articles" size="sm">
            ← {t('articles.back')}
          </Anchor>
          <Title order={1}>{id ? t('articles.editor.editTitle') : t('articles.editor.newTitle')}</Title>
          {article ? (
            <Group gap="xs">
              <Badge variant="light" c="dark.7" data-testid="article-status">
                {t(`articles.status.${article.status}`)}
              </Badge>
              {article.status === 'SCHEDULED' && article.scheduledFor ? (
                <Text size="sm">
                  {t('articles.admin.scheduledFor', { date: formatDate(article.scheduledFor) })}
                </Text>
              ) : null}
              {article.status === 'PUBLISHED' ? (
                <Anchor href={`/articles/${article.slug}`}>{t('articles.editor.viewPublic')}</Anchor>
              ) : null}
            </Group>
          ) : null}
        </Stack>
      </Group>
      {error ? <LoadError error={error} /> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <TextInput
              label={t('articles.editor.titleLabel')}
              value={values.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              maxLength={ARTICLE_LIMITS.titleMaxChars}
              required
            />
            <Text size="xs" c="dimmed">
              {t('articles.editor.slug', { url: publicUrl })}
              {article?.publishedAt ? ` — ${t('articles.editor.slugLocked')}` : ''}
            </Text>
            <Textarea
              label={t('articles.editor.excerpt')}
              description={t('articles.editor.excerptHelp')}
              value={values.excerpt}
              onChange={(e) => set('excerpt', e.currentTarget.value)}
              maxLength={ARTICLE_LIMITS.excerptMaxChars}
              autosize
              minRows={2}
              required
            />
            <Select
              label={t('articles.category')}
              data={ARTICLE_CATEGORIES.map((c) => ({ value: c, label: t(`articles.categories.${c}`) }))}
              value={values.category}
              onChange={(value) => value && set('category', value as ArticleCategory)}
              allowDeselect={false}
            />
            <FileInput
              label={t('articles.editor.cover')}
              description={t('articles.editor.coverHelp')}
              accept="image/png,image/jpeg,image/webp"
              value={null}
              disabled={uploading}
              onChange={(file) => {
                if (!file) return;
                setUploading(true);
                setUploadError(null);
                uploadFile(file, 'IMAGE', { relatedResource: 'article' })
                  .then((stored) => setCover({ id: stored.id, url: stored.url }))
                  .catch(setUploadError)
                  .finally(() => setUploading(false));
              }}
            />
            {coverShown || coverUrl ? (
              <Group gap="sm" align="center">
                {coverShown ? (
                  <img
                    src={coverShown}
                    alt={t('articles.editor.coverAlt')}
                    style={{ maxHeight: 96, borderRadius: 6 }}
                  />
                ) : (
                  <Text size="xs" c="dimmed">
                    {coverUrl}
                  </Text>
                )}
                <Button variant="subtle" size="xs" onClick={() => setCover(null)}>
                  {t('articles.editor.coverRemove')}
                </Button>
              </Group>
            ) : null}
            <TagsInput
              label={t('articles.editor.tags')}
              value={values.tags}
              onChange={(tags) => set('tags', tags)}
              maxTags={ARTICLE_LIMITS.maxTags}
            />
            <Tabs defaultValue="write" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="write">{t('articles.editor.write')}</Tabs.Tab>
                <Tabs.Tab value="preview">{t('articles.editor.preview')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="write" pt="sm">
                <Textarea
                  label={t('articles.editor.content')}
                  value={values.content}
                  onChange={(e) => set('content', e.currentTarget.value)}
                  maxLength={ARTICLE_LIMITS.contentMaxChars}
                  autosize
                  minRows={14}
                  styles={{ input: { fontFamily: 'monospace' } }}
                  required
                />
              </Tabs.Panel>
              <Tabs.Panel value="preview" pt="sm">
                <Card withBorder padding="lg" data-testid="article-preview" lang="fr">
                  {preview.data && values.content.trim() ? (
                    <Stack gap="xs">
                      <Text size="xs" c="dimmed">
                        {t('articles.editor.readingTime', { count: preview.data.readingMinutes })}
                      </Text>
                      <Typography>
                        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitized by the API */}
                        <div dangerouslySetInnerHTML={{ __html: preview.data.html }} />
                      </Typography>
                    </Stack>
                  ) : (
                    <Text c="dimmed">{t('articles.editor.previewEmpty')}</Text>
                  )}
                </Card>
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Card withBorder padding="md" component="section" aria-labelledby="seo-title">
              <Stack gap="sm">
                <Title order={2} fz="md" id="seo-title">
                  {t('articles.editor.seo')}
                </Title>
                <TextInput
                  label={t('articles.editor.metaTitle')}
                  description={t('articles.editor.metaTitleHelp')}
                  placeholder={values.title}
                  value={values.metaTitle}
                  onChange={(e) => set('metaTitle', e.currentTarget.value)}
                  maxLength={ARTICLE_LIMITS.metaTitleMaxChars}
                  aria-describedby="meta-title-counter"
                />
                <Counter id="meta-title-counter" length={seoTitle.length} range={SEO_LENGTHS.title} />
                <Textarea
                  label={t('articles.editor.metaDescription')}
                  description={t('articles.editor.metaDescriptionHelp')}
                  placeholder={values.excerpt}
                  value={values.metaDescription}
                  onChange={(e) => set('metaDescription', e.currentTarget.value)}
                  maxLength={ARTICLE_LIMITS.metaDescriptionMaxChars}
                  autosize
                  minRows={2}
                  aria-describedby="meta-description-counter"
                />
                <Counter
                  id="meta-description-counter"
                  length={seoDescription.length}
                  range={SEO_LENGTHS.description}
                />
                <TagsInput
                  label={t('articles.editor.keywords')}
                  value={values.keywords}
                  onChange={(keywords) => set('keywords', keywords)}
                  maxTags={ARTICLE_LIMITS.maxKeywords}
                />
              </Stack>
            </Card>
            <SearchResultPreview title={seoTitle} url={publicUrl} description={seoDescription} />
            <Card withBorder padding="md">
              <Stack gap="sm">
                <Button
                  onClick={run(async () => {
                    await save();
                    done(t('articles.editor.saved'));
                  })}
                  loading={busy}
                >
                  {t('articles.editor.save')}
                </Button>
                {article && article.status !== 'PUBLISHED' ? (
                  <Button
                    variant="outline"
                    onClick={run(async () => {
                      await update.mutateAsync({ id: article.id, body });
                      await action.mutateAsync({ id: article.id, action: 'publish' });
                      done(t('articles.editor.published'));
                    })}
                    disabled={busy}
                  >
                    {t('articles.editor.publish')}
                  </Button>
                ) : null}
                {article && article.status !== 'PUBLISHED' ? (
                  <Stack gap="xs">
                    <Group gap="sm" align="flex-start" wrap="wrap">
                      <DateField
                        label={t('articles.editor.scheduleLabel')}
                        value={day}
                        minDate={DateTime.now().toISODate()!}
                        onChange={setDay}
                      />
                      <TimeField label={t('articles.editor.scheduleTime')} value={time} onChange={setTime} />
                    </Group>
                    <Button
                      variant="light"
                      disabled={busy || !when}
                      onClick={run(async () => {
                        await update.mutateAsync({ id: article.id, body });
                        // The picker's value is a local time: the browser's zone gives the instant.
                        await schedule.mutateAsync({
                          id: article.id,
                          scheduledFor: new Date(when).toISOString(),
                        });
                        done(t('articles.editor.scheduled'));
                      })}
                    >
                      {t('articles.editor.schedule')}
                    </Button>
                  </Stack>
                ) : null}
                {article && article.status !== 'ARCHIVED' ? (
                  <Button
                    color="red"
                    variant="subtle"
                    disabled={busy}
                    onClick={run(async () => {
                      await action.mutateAsync({ id: article.id, action: 'archive' });
                      done(t('articles.editor.archived'));
                    })}
                  >
                    {t('articles.editor.archive')}
                  </Button>
                ) : null}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
