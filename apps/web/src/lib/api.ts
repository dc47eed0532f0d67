// Fetch wrapper for /api/v1: bearer token from memory, cookies same-origin, problem+json errors,
// and one silent refresh then retry when an authenticated call answers 401.
import type { Session } from '@huntzen/contracts';
import { ApiError, apiErrorFromResponse } from './api-error';
import { applySession, clearSession, getAccessToken } from './session-store';

const API_PREFIX = '/api/v1';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  /** JSON body; leave undefined for a request without body. */
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. an `Idempotency-Key`. */
  headers?: Record<string, string>;
}

async function send<T>(path: string, options: RequestOptions, token: string | null): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    // The API may localize e-mails and messages; the page language is the user's current choice.
    'Accept-Language': document.documentElement.lang || 'fr',
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  Object.assign(headers, options.headers);
  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR');
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  // 202/204 answers carry no body; an empty body is read as undefined rather than a JSON error.
  const text = response.status === 204 ? '' : await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

// Refresh tokens rotate on every use and a reused one revokes every session of the user, so two
// refreshes must never race: one in flight per tab, and a Web Lock serializes them across tabs.
let refreshing: Promise<Session | null> | null = null;

async function exchangeRefreshCookie(): Promise<Session | null> {
  try {
    const session = await send<Session>('/auth/refresh', { method: 'POST', body: {} }, null);
    applySession(session);
    return session;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

/** Exchanges the refresh cookie for a new session; null when there is no valid session. */
export function refreshSession(): Promise<Session | null> {
  if (!refreshing) {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const run = locks
      ? locks.request('huntzen-session-refresh', exchangeRefreshCookie)
      : exchangeRefreshCookie();
    refreshing = run.finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

/** Calls the API; on 401 with a token, refreshes the session once and retries. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const token = getAccessToken();
  try {
    return await send<T>(path, options, token);
  } catch (error) {
    // Only an access-token problem is worth a refresh; a wrong 2FA code (TWO_FACTOR_INVALID) is 401 too.
    if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED' || !token) throw error;
    // Another call may have refreshed while this one was in flight: reuse its token.
    const current = getAccessToken();
    const fresh = current && current !== token ? current : (await refreshSession())?.accessToken;
    if (!fresh) {
      clearSession('expired');
      throw error;
    }
    return send<T>(path, options, fresh);
  }
}

/** Shorthands for the HTTP verbs used by the features. */
export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal }),
  post: <T = void>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
};
