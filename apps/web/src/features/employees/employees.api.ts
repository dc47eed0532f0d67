// HR's employee management: the list (GET /employees, /employees/departments) and the account
// changes (approve, deactivate, reactivate).
import type { EmployeeList, EmployeeListItem, EmployeeStatus } from '@huntzen/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface EmployeeFilters {
  q: string;
  department: string;
  status: EmployeeStatus | '';
}

export type EmployeeAction = 'approve' | 'deactivate' | 'reactivate';

const KEY = ['employees'] as const;

/** GET /employees with the filters, page by page, by name. */
export function useEmployees(filters: EmployeeFilters) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'list', filters],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: '25' });
      if (filters.q.trim()) query.set('q', filters.q.trim());
      if (filters.department) query.set('department', filters.department);
      if (filters.status) query.set('status', filters.status);
      if (pageParam) query.set('cursor', pageParam);
      return api.get<EmployeeList>(`/employees?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** How many accounts wait for approval (the pending tab's counter). */
export function usePendingCount() {
  return useQuery({
    queryKey: [...KEY, 'list', 'pending-count'],
    queryFn: async ({ signal }) => {
      const page = await api.get<EmployeeList>('/employees?status=PENDING&limit=100', signal);
      return page.nextCursor ? '100+' : String(page.items.length);
    },
  });
}

/** GET /employees/departments. */
export function useDepartments() {
  return useQuery({
    queryKey: [...KEY, 'departments'],
    queryFn: ({ signal }) => api.get<{ items: string[] }>('/employees/departments', signal),
  });
}

/** POST /employees/{id}/{action}; every list follows. */
export function useEmployeeAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      employee,
      action,
      reason,
    }: {
      employee: EmployeeListItem;
      action: EmployeeAction;
      reason?: string;
    }) =>
      api.post<EmployeeListItem | undefined>(
        `/employees/${encodeURIComponent(employee.id)}/${action}`,
        action === 'approve' ? undefined : reason ? { reason } : {},
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] }),
  });
}
