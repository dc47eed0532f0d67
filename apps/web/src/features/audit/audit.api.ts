// The audit log (SUPER_ADMIN, ADMIN_HUNTZEN): filters kept in the page's URL, pages of rows, and
// the CSV export (fetched with the bearer token, then saved as a file).
import type { Role } from '@huntzen/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { downloadFile } from '../../lib/download';

/** The `audit_action` enum of the API. */
export const AUDIT_ACTIONS = [
  'CREATE',
  'READ',
  'UPDATE',
  'DELETE',
  'LOGIN',
  'LOGOUT',
  'EXPORT',
  'IMPORT',
  'VALIDATE',
  'CANCEL',
  'ACTIVATE',
  'DEACTIVATE',
  'UPLOAD',
  'DOWNLOAD',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditLog {
  id: string;
  createdAt: string;
  actorKind: 'USER' | 'SYSTEM' | 'ANONYMOUS';
  userId: string;
  userEmail: string;
  userRole: Role;
  action: AuditAction;
  resource: string;
  resourceId: string | null;
  companyId: string | null;
  companyName: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
  changesBefore: Record<string, unknown> | null;
  changesAfter: Record<string, unknown> | null;
  isSensitive: boolean;
}

interface Page {
  items: AuditLog[];
  nextCursor: string | null;
}

/** The filters as typed in the form and kept in the URL (dates as `YYYY-MM-DD`, local days). */
export interface AuditFilters {
  actor: string;
  exactActor: boolean;
  action: AuditAction | '';
  resource: string;
  resourceId: string;
  companyId: string;
  from: string;
  to: string;
  sensitive: '' | 'true' | 'false';
}

export const NO_FILTERS: AuditFilters = {
  actor: '',
  exactActor: false,
  action: '',
  resource: '',
  resourceId: '',
  companyId: '',
  from: '',
  to: '',
  sensitive: '',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isAction = (value: string): value is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(value);

/** The filters of a page URL (unknown or malformed values are ignored). */
export function filtersFromUrl(params: URLSearchParams): AuditFilters {
  const text = (name: string) => params.get(name)?.trim() ?? '';
  const date = (name: string) => (DATE.test(text(name)) ? text(name) : '');
  const action = text('action');
  const sensitive = text('sensitive');
  return {
    actor: text('actor'),
    exactActor: params.get('exact') === '1',
    action: isAction(action) ? action : '',
    resource: text('resource'),
    resourceId: text('resourceId'),
    companyId: text('companyId'),
    from: date('from'),
    to: date('to'),
    sensitive: sensitive === 'true' || sensitive === 'false' ? sensitive : '',
  };
}

/** The page URL's query for `filters` (empty ones left out). */
export function filtersToUrl(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  const set = (name: string, value: string) => {
    if (value.trim()) params.set(name, value.trim());
  };
  set('actor', filters.actor);
  if (filters.actor.trim() && filters.exactActor) params.set('exact', '1');
  set('action', filters.action);
  set('resource', filters.resource);
  set('resourceId', filters.resourceId);
  set('companyId', filters.companyId);
  set('from', filters.from);
  set('to', filters.to);
  set('sensitive', filters.sensitive);
  return params;
}

/** Midnight starting a local calendar day, as an instant. */
const localMidnight = (day: string, plusDays = 0) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
};

/** The API's query for `filters`: days become instants in the browser's time zone, `to` included. */
export function apiQuery(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  const actor = filters.actor.trim();
  if (actor) {
    params.set('actor', actor);
    params.set('actorMatch', filters.exactActor ? 'exact' : 'prefix');
  }
  if (filters.action) params.set('action', filters.action);
  if (filters.resource.trim()) params.set('resource', filters.resource.trim());
  if (filters.resourceId.trim()) params.set('resourceId', filters.resourceId.trim());
  if (filters.companyId.trim()) params.set('companyId', filters.companyId.trim());
  if (filters.from) params.set('from', localMidnight(filters.from));
  if (filters.to) params.set('to', localMidnight(filters.to, 1));
  if (filters.sensitive) params.set('isSensitive', filters.sensitive);
  return params;
}

/** GET /audit-logs with `filters`, 50 rows a page, newest first. */
export function useAuditLogs(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit-logs', filters],
    queryFn: ({ pageParam, signal }) => {
      const query = apiQuery(filters);
      query.set('limit', '50');
      if (pageParam) query.set('cursor', pageParam);
      return api.get<Page>(`/audit-logs?${query}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Downloads GET /audit-logs/export.csv for `filters` as a file. */
export function downloadAuditCsv(filters: AuditFilters): Promise<void> {
  return downloadFile(`/audit-logs/export.csv?${apiQuery(filters)}`, 'text/csv', 'audit-logs.csv');
}
