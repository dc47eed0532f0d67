// Pieces shared by the news pages and the employee's home: the date, the audience and the image.
import type { News } from '@huntzen/contracts';
import { Badge, Group, Image, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatLocale } from '../../i18n';
import { useNewsImage } from './news.api';

/** "12 March 2026", in the page's language. */
export function newsDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(formatLocale(language), { dateStyle: 'long' }).format(new Date(iso));
}

/** The first characters of an item's text, on one line. */
export function newsExcerpt(content: string, max = 220): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Date, author and, for HR, who it is for and how many opened it. */
export function NewsMeta({ item, forHr }: { item: News; forHr: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" c="dimmed">
        {t('news.byOn', { author: item.authorName, date: newsDate(item.publishedAt, i18n.language) })}
      </Text>
      {forHr ? (
        <>
          <Badge variant="light" color={item.targetDepartments.length === 0 ? 'gray' : 'zen'}>
            {item.targetDepartments.length === 0
              ? t('news.forEveryone')
              : t('news.forDepartments', { departments: item.targetDepartments.join(', ') })}
          </Badge>
          <Badge variant="default">{t('news.views', { count: item.viewCount ?? 0 })}</Badge>
        </>
      ) : item.viewedByMe === false ? (
        <Badge color="red.8">{t('news.new')}</Badge>
      ) : null}
    </Group>
  );
}

/** The item's image (private to the company: loaded with the session). */
export function NewsImage({ item, height }: { item: News; height: number }) {
  const { t } = useTranslation();
  const url = useNewsImage(item.imageFileId);
  if (!url) return null;
  return (
    <Image src={url} alt={t('news.imageAlt', { title: item.title })} h={height} fit="cover" radius="sm" />
  );
}
