// `/app/news`: HR writes and manages its company's news; employees read those for them.
import type { News } from '@huntzen/contracts';
import { Alert, Anchor, Button, Card, Center, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconAlert, IconPlus, IconTrash } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { isApiError } from '../../lib/api-error';
import { usePageTitle } from '../../lib/use-page-title';
import { NewsEditor } from './NewsEditor';
import { NewsImage, NewsMeta, newsExcerpt } from './NewsParts';
import { newsErrorMessage, useDeleteNews, useNewsList } from './news.api';

function useItems() {
  const list = useNewsList();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return { list, items };
}

function ListState({ list, empty }: { list: ReturnType<typeof useNewsList>; empty: string }) {
  const { t } = useTranslation();
  if (list.isPending) {
    return (
      <Center py="xl">
        <Spinner />
      </Center>
    );
  }
  if (list.isError) {
    return (
      <Alert color={isApiError(list.error, 'NEWS_DISABLED') ? 'gray' : 'red'} icon={<IconAlert />}>
        {newsErrorMessage(list.error, t)}
      </Alert>
    );
  }
  return <Text c="dimmed">{empty}</Text>;
}

function MoreButton({ list }: { list: ReturnType<typeof useNewsList> }) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <Center>
      <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
        {t('news.more')}
      </Button>
    </Center>
  );
}

/** HR: the editor of a new item, then every item of the company with edit and delete. */
export function NewsAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('news.title'));
  const { list, items } = useItems();
  const remove = useDeleteNews();
  const [editing, setEditing] = useState<News | null>(null);
  const [deleting, setDeleting] = useState<News | null>(null);
  const [writing, setWriting] = useState(false);
  const disabled = list.isError && isApiError(list.error, 'NEWS_DISABLED');

  const published = (message: string) =>
    notifications.show({ color: 'teal', message, closeButtonProps: { 'aria-label': t('common.close') } });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} maw={720}>
          <Title order={1}>{t('news.title')}</Title>
          <Text c="dimmed">{t('news.hrSubtitle')}</Text>
        </Stack>
        {!writing && !disabled ? (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setWriting(true)}>
            {t('news.write')}
          </Button>
        ) : null}
      </Group>
      {disabled ? (
        <Alert color="gray" icon={<IconAlert />}>
          <Stack gap={4}>
            <Text size="sm">{t('news.disabled')}</Text>
            <Anchor component={Link} to="/app/company" size="sm">
              {t('news.openSettings')}
            </Anchor>
          </Stack>
        </Alert>
      ) : null}
      {writing ? (
        <Card withBorder padding="lg" component="section" aria-labelledby="news-new-title">
          <Title order={2} fz="lg" id="news-new-title" mb="sm">
            {t('news.newItem')}
          </Title>
          <NewsEditor
            onDone={() => {
              setWriting(false);
              published(t('news.published'));
            }}
            onCancel={() => setWriting(false)}
          />
        </Card>
      ) : null}
      <Stack gap="md" component="section" aria-label={t('news.listLabel')}>
        {items.length === 0 ? (
          disabled ? null : (
            <ListState list={list} empty={t('news.emptyHr')} />
          )
        ) : (
          items.map((item) => (
            <Card
              key={item.id}
              withBorder
              padding="lg"
              component="article"
              aria-labelledby={`news-${item.id}`}
            >
              <Stack gap="xs">
                <NewsImage item={item} height={140} />
                <Title order={2} fz="lg" id={`news-${item.id}`}>
                  <Anchor component={Link} to={`/app/news/${item.id}`} inherit>
                    {item.title}
                  </Anchor>
                </Title>
                <NewsMeta item={item} forHr />
                <Text size="sm">{newsExcerpt(item.content)}</Text>
                <Group gap="xs" justify="flex-end">
                  <Button variant="default" size="xs" onClick={() => setEditing(item)}>
                    {t('news.edit')}
                  </Button>
                  <Button
                    variant="outline"
                    color="red.9"
                    size="xs"
                    leftSection={<IconTrash size={16} />}
                    onClick={() => setDeleting(item)}
                  >
                    {t('news.delete')}
                  </Button>
                </Group>
              </Stack>
            </Card>
          ))
        )}
        <MoreButton list={list} />
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('news.editTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? (
          <NewsEditor
            key={editing.id}
            item={editing}
            onDone={() => {
              setEditing(null);
              published(t('news.saved'));
            }}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Modal>
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('news.deleteTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text>{t('news.deleteConfirm', { title: deleting?.title ?? '' })}</Text>
          {remove.isError ? (
            <Alert color="red" icon={<IconAlert />} role="alert">
              {newsErrorMessage(remove.error, t)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('news.editor.cancel')}
            </Button>
            <Button
              color="red.8"
              loading={remove.isPending}
              onClick={async () => {
                if (!deleting) return;
                await remove.mutateAsync(deleting.id).then(
                  () => {
                    setDeleting(null);
                    published(t('news.deleted'));
                  },
                  () => undefined,
                );
              }}
            >
              {t('news.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** Employees: the items for them, newest first. */
export function NewsFeedPage() {
  const { t } = useTranslation();
  usePageTitle(t('news.title'));
  const { list, items } = useItems();
  return (
    <Stack gap="lg">
      <Stack gap={4} maw={720}>
        <Title order={1}>{t('news.title')}</Title>
        <Text c="dimmed">{t('news.employeeSubtitle')}</Text>
      </Stack>
      <Stack gap="md" component="section" aria-label={t('news.listLabel')}>
        {items.length === 0 ? (
          <ListState list={list} empty={t('news.empty')} />
        ) : (
          items.map((item) => (
            <Card
              key={item.id}
              withBorder
              padding="lg"
              component="article"
              aria-labelledby={`news-${item.id}`}
            >
              <Stack gap="xs">
                <NewsImage item={item} height={160} />
                <Title order={2} fz="lg" id={`news-${item.id}`}>
                  <Anchor component={Link} to={`/app/news/${item.id}`} inherit>
                    {item.title}
                  </Anchor>
                </Title>
                <NewsMeta item={item} forHr={false} />
                <Text size="sm">{newsExcerpt(item.content)}</Text>
              </Stack>
            </Card>
          ))
        )}
        <MoreButton list={list} />
      </Stack>
    </Stack>
  );
}
