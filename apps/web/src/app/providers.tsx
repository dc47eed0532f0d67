// Provider stack: TanStack Query → session → Mantine (theme follows the user's company; dates in
// the interface's language) → router.
import '@mantine/dates/styles.css';
import 'dayjs/locale/fr';
import 'dayjs/locale/en-gb';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthProvider, useAuth } from '../features/auth/auth-context';
import { currentLanguage } from '../i18n';
import { ApiError } from '../lib/api-error';
import { cssVariablesResolver, themeFor } from './theme';

/** Retries only what may succeed a second time: network failures and 5xx, once. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 1) return false;
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

/** One QueryClient for the page's lifetime. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

function ThemedMantine({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const theme = useMemo(() => themeFor(user), [user]);
  // useTranslation re-renders this when the language changes: every date picker follows it.
  useTranslation();
  const locale = currentLanguage() === 'fr' ? 'fr' : 'en-gb';
  const dates = useMemo(() => ({ locale, firstDayOfWeek: 1 as const }), [locale]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <DatesProvider settings={dates}>
        {/* Bottom right: at the top the messages covered the header's emergency button and bell. */}
        <Notifications position="bottom-right" />
        {children}
      </DatesProvider>
    </MantineProvider>
  );
}

/** Everything the pages rely on. */
export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <ThemedMantine>{children}</ThemedMantine>
      </AuthProvider>
    </QueryClientProvider>
  );
}
