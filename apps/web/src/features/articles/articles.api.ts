// The articles API hooks: lists (search, category, status), one article, writing, the status moves
// and the editor's preview (rendered by the API: one renderer for the preview and the public page).
import type {
  Article,
  ArticleCategory,
  ArticlePage,
  ArticlePreview,
  ArticleStatus,
  CreateArticle,
  UpdateArticle,
} from '@huntzen/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';

export interface ArticleFilters {
  q: string;
  category: ArticleCategory | null;
  status: ArticleStatus | null;
}

const ROOT = ['articles'] as const;

/** GET /articles: newest first, or best first with `q`; 12 a page. */
export function useArticles(filters: ArticleFilters) {
  return useInfiniteQuery({
    queryKey: [...ROOT, 'list', filters],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: '12' });
      if (filters.q.trim()) query.set('q', filters.q.trim());
      if (filters.category) query.set('category', filters.category);
      if (filters.status) query.set('status', filters.status);
      if (pageParam) query.set('cursor', pageParam);
      return api.get<ArticlePage>(`/articles?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** GET /articles/{slugOrId}. */
export function useArticle(slugOrId: string | undefined) {
  return useQuery({
    queryKey: [...ROOT, 'one', slugOrId],
    queryFn: ({ signal }) => api.get<Article>(`/articles/${encodeURIComponent(slugOrId!)}`, signal),
    enabled: Boolean(slugOrId),
  });
}

function useArticleMutation<V>(run: (vars: V) => Promise<Article>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (article) => {
      client.setQueryData([...ROOT, 'one', article.id], article);
      void client.invalidateQueries({ queryKey: [...ROOT, 'list'] });
    },
  });
}

/** POST /articles (a draft). */
export const useCreateArticle = () =>
  useArticleMutation((body: CreateArticle) => api.post<Article>('/articles', body));

/** PATCH /articles/{id}. */
export const useUpdateArticle = () =>
  useArticleMutation(({ id, body }: { id: string; body: UpdateArticle }) =>
    apiRequest<Article>(`/articles/${id}`, { method: 'PATCH', body }),
  );

/** POST /articles/{id}/publish | archive. */
export const useArticleAction = () =>
  useArticleMutation(({ id, action }: { id: string; action: 'publish' | 'archive' }) =>
    api.post<Article>(`/articles/${id}/${action}`),
  );

/** POST /articles/{id}/schedule. */
export const useScheduleArticle = () =>
  useArticleMutation(({ id, scheduledFor }: { id: string; scheduledFor: string }) =>
    api.post<Article>(`/articles/${id}/schedule`, { scheduledFor }),
  );

/** POST /articles/preview: the Markdown as the public page will show it. */
export function usePreview(content: string) {
  return useQuery({
    queryKey: [...ROOT, 'preview', content],
    queryFn: () => api.post<ArticlePreview>('/articles/preview', { content }),
    enabled: content.trim() !== '',
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
  });
}
