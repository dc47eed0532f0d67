// Company news (/news): the list (HR: all of its company's; employees: those for them), one item
// (an employee's first opening counts as a view), HR's writes, the departments HR may target, and
// an item's image (private to the company: fetched with the token, shown from a blob: URL).
import type { CreateNews, News, NewsPage, UpdateNews } from '@huntzen/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useMemo } from 'react';
import { api, apiRequest } from '../../lib/api';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { fetchFileBlob } from '../practitioner-admin/file-blob';

export const NEWS_KEY = ['news'] as const;

/** The sentence for an error of the news API (its own codes first). */
export function newsErrorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error, 'NEWS_DISABLED')) return t('news.disabled');
  return errorMessage(error, t);
}

/** GET /news, newest first, `pageSize` a page. */
export function useNewsList(pageSize = 10) {
  return useInfiniteQuery({
    queryKey: [...NEWS_KEY, 'list', pageSize],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (pageParam) query.set('cursor', pageParam);
      return api.get<NewsPage>(`/news?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    retry: (count, error) => !isApiError(error, 'NEWS_DISABLED') && count < 2,
  });
}

/** The latest `count` items (the home page). */
export function useLatestNews(count: number, enabled = true) {
  return useQuery({
    queryKey: [...NEWS_KEY, 'latest', count],
    queryFn: ({ signal }) => api.get<NewsPage>(`/news?limit=${count}`, signal),
    enabled,
    retry: (n, error) => !isApiError(error, 'NEWS_DISABLED') && n < 2,
  });
}

/** GET /news/{id}. */
export function useNewsItem(id: string) {
  return useQuery({
    queryKey: [...NEWS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<News>(`/news/${encodeURIComponent(id)}`, signal),
    retry: false,
  });
}

/** The departments of the company's employees (HR), for the targeting. */
export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: ['employees', 'departments'],
    queryFn: ({ signal }) => api.get<{ items: string[] }>('/employees/departments', signal),
    enabled,
  });
}

/** POST /news. */
export function useCreateNews() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateNews) => api.post<News>('/news', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NEWS_KEY }),
  });
}

/** PATCH /news/{id}. */
export function useUpdateNews() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateNews }) =>
      apiRequest<News>(`/news/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NEWS_KEY }),
  });
}

/** DELETE /news/{id}. */
export function useDeleteNews() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/news/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NEWS_KEY }),
  });
}

/** The blob: URL of an item's image (null while loading or without image), revoked when unused. */
export function useNewsImage(fileId: string | null) {
  const content = useQuery({
    queryKey: ['file-content', fileId],
    queryFn: ({ signal }) => fetchFileBlob(fileId!, signal),
    enabled: fileId !== null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
    retry: false,
  });
  const url = useMemo(() => (content.data ? URL.createObjectURL(content.data) : null), [content.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}
