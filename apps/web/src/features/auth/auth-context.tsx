// The signed-in user for the whole app: bootstraps from the refresh cookie on load (when the API's
// hint cookie says there is one), exposes the session and the actions that change it. The state
// itself lives in lib/session-store so the API client can update it (silent refresh) without React.
import { type Me, type Role, SESSION_HINT_COOKIE, type Session } from '@huntzen/contracts';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
} from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, storedLanguage } from '../../i18n';
import { refreshSession } from '../../lib/api';
import {
  applySession,
  clearSession,
  getSessionState,
  type SessionState,
  subscribeSession,
  updateUser,
} from '../../lib/session-store';
import * as authApi from './auth.api';

export interface AuthContextValue {
  state: SessionState;
  user: Me | null;
  role: Role | null;
  /** Starts the session returned by login or 2FA verification, in the user's language. */
  signIn(session: Session): void;
  /** Replaces the tokens without a new login (after 2FA enrolment). */
  replaceSession(session: Session): void;
  signOut(): Promise<void>;
  signOutEverywhere(): Promise<void>;
  /** Reloads the profile (GET /auth/me), e.g. after enabling or disabling 2FA. */
  reloadUser(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

// Once per page load, even under StrictMode's double effects: a second refresh with the same
// cookie would look like token reuse to the API.
let bootstrap: Promise<void> | null = null;

/** Whether this browser was left signed in (the API's SESSION_HINT_COOKIE beside the refresh cookie). */
function hasSessionHint(): boolean {
  return document.cookie.split(';').some((cookie) => cookie.trim().startsWith(`${SESSION_HINT_COOKIE}=`));
}

function bootstrapSession(): Promise<void> {
  // No session to refresh: anonymous at once, without a request that could only answer 401.
  if (!bootstrap && !hasSessionHint()) bootstrap = Promise.resolve(clearSession('none'));
  bootstrap ??= refreshSession().then(
    (session) => {
      if (!session) clearSession('none');
      else if (!storedLanguage()) changeLanguage(session.user.preferredLanguage, false);
    },
    () => clearSession('none'),
  );
  return bootstrap;
}

/** Provides the session; must sit inside QueryClientProvider and MantineProvider (notifications). */
export function AuthProvider({ children }: { children: ReactNode }) {
  const state = useSyncExternalStore(subscribeSession, getSessionState);
  const queryClient = useQueryClient();
  const { t } = useTranslation();

  useEffect(() => {
    void bootstrapSession();
  }, []);

  // Signing out (or losing the session) empties the cache: nothing of that user may stay. Only on
  // that transition: the anonymous start must not drop queries public pages already run.
  const wasSignedIn = useRef(false);
  useEffect(() => {
    if (state.status === 'authenticated') wasSignedIn.current = true;
    if (state.status !== 'anonymous' || !wasSignedIn.current) return;
    wasSignedIn.current = false;
    queryClient.clear();
    if (state.reason === 'expired') {
      notifications.show({
        color: 'yellow',
        title: t('session.expiredTitle'),
        message: t('session.expired'),
      });
    }
  }, [state, queryClient, t]);

  const value = useMemo<AuthContextValue>(() => {
    const user = state.status === 'authenticated' ? state.user : null;
    return {
      state,
      user,
      role: user?.role ?? null,
      signIn(session) {
        changeLanguage(session.user.preferredLanguage);
        applySession(session);
      },
      replaceSession: applySession,
      async signOut() {
        try {
          await authApi.logout();
        } finally {
          clearSession('logout');
        }
      },
      async signOutEverywhere() {
        await authApi.logoutAll();
        clearSession('logout');
      },
      async reloadUser() {
        updateUser(await authApi.fetchMe());
      },
    };
  }, [state]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session and its actions. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
