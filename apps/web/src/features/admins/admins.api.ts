// SUPER_ADMIN's management of HuntZen admin accounts.
import type { Role } from '@huntzen/contracts';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/form';

export interface AdminAccount {
  id: string;
  email: string;
  role: Role;
  isActive: boolean;
  twoFactorEnabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

interface Page {
  items: AdminAccount[];
  nextCursor: string | null;
}

export const ADMINS_KEY = ['admins'] as const;

/** GET /admins, page by page. */
export function useAdmins() {
  return useInfiniteQuery({
    queryKey: ADMINS_KEY,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: '50' });
      if (pageParam) query.set('cursor', pageParam);
      return api.get<Page>(`/admins?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** POST /admins: invites an admin by e-mail (they choose their password from the e-mail link). */
export function createAdmin(
  email: string,
  preferredLanguage: string,
  displayName?: string,
): Promise<AdminAccount> {
  return api.post<AdminAccount>('/admins', { email, preferredLanguage, displayName });
}

/** POST /admins/{id}/deactivate or /reactivate, then refreshes the list. */
export function useSetAdminActive() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ admin, active }: { admin: AdminAccount; active: boolean }) =>
      api.post<AdminAccount>(
        `/admins/${encodeURIComponent(admin.id)}/${active ? 'reactivate' : 'deactivate'}`,
      ),
    onSuccess: (admin) => {
      notifications.show({
        color: 'zen',
        message: t(admin.isActive ? 'admins.reactivated' : 'admins.deactivated', { email: admin.email }),
      });
      return queryClient.invalidateQueries({ queryKey: ADMINS_KEY });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
}
