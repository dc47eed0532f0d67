// `/app/news/:id`: one item in full. An employee's first opening counts as a view.
import { Alert, Anchor, Card, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { IconAlert } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuth } from '../auth/auth-context';
import { NewsImage, NewsMeta } from './NewsParts';
import { newsErrorMessage, useNewsItem } from './news.api';

/** The item page. */
export function NewsDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { role } = useAuth();
  const item = useNewsItem(id);
  usePageTitle(item.data?.title ?? t('news.title'));
  const back = (
    <Anchor component={Link} to="/app/news" size="sm">
      {t('news.back')}
    </Anchor>
  );
  if (item.isPending) {
    return (
      <Center py="xl">
        <Spinner />
      </Center>
    );
  }
  if (item.isError) {
    return (
      <Stack gap="md">
        {back}
        <Alert color="red" icon={<IconAlert />} title={t('news.title')}>
          {newsErrorMessage(item.error, t)}
        </Alert>
      </Stack>
    );
  }
  const news = item.data;
  return (
    <Stack gap="md" maw={820}>
      {back}
      <Card withBorder padding="lg" component="article" aria-labelledby="news-title">
        <Stack gap="sm">
          <NewsImage item={news} height={240} />
          <Title order={1} id="news-title">
            {news.title}
          </Title>
          <NewsMeta item={{ ...news, viewedByMe: null }} forHr={role === 'ADMIN_RH'} />
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{news.content}</Text>
        </Stack>
      </Card>
    </Stack>
  );
}
