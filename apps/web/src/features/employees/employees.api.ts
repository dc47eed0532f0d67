// HR's queue of employees waiting for approval.
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/form';

export interface PendingEmployee {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  createdAt: string;
}

interface Page {
  items: PendingEmployee[];
  nextCursor: string | null;
}

const KEY = ['employees', 'pending'] as const;

/** GET /employees/pending, page by page. */
export function usePendingEmployees() {
  return useInfiniteQuery({
    queryKey: KEY,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: '20' });
      if (pageParam) query.set('cursor', pageParam);
      return api.get<Page>(`/employees/pending?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** POST /employees/{id}/approve, then refreshes the list. */
export function useApproveEmployee() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (employee: PendingEmployee) =>
      api.post(`/employees/${encodeURIComponent(employee.id)}/approve`),
    onSuccess: (_, employee) => {
      notifications.show({
        color: 'zen',
        message: t('employees.approved', { name: `${employee.firstName} ${employee.lastName}` }),
      });
      return queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
}
