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

/** What an authenticated call sends besides its path: any body (JSON is `apiRequest`'s job). */
export interface FetchOptions {
  method?: Method;
  body?: BodyInit;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

async function send(path: string, options: FetchOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    // The API may localize e-mails and messages; the page language is the user's current choice.
    'Accept-Language': document.documentElement.lang || 'fr',
    ...options.headers,
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(`${API_PREFIX}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR');
  }
}

/** The body of a successful JSON answer; 202/204 answers and empty bodies read as undefined. */
async function jsonOf<T>(response: Response): Promise<T> {
  const text = response.status === 204 ? '' : await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

// Refresh tokens rotate on every use and a reused one revokes every session of the user, so two
// refreshes must never race: one in flight per tab, and a Web Lock serializes them across tabs.
let refreshing: Promise<Session | null> | null = null;

async function exchangeRefreshCookie(): Promise<Session | null> {
  try {
    const response = await send(
      '/auth/refresh',
      { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } },
      null,
    );
    if (!response.ok) throw await apiErrorFromResponse(response);
    const session = await jsonOf<Session>(response);
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

/**
 * The one authenticated call to /api/v1: the bearer token, same-origin cookies, the page's language;
 * on 401 with a token, one session refresh then one retry. Resolves with the successful response
 * (JSON, CSV, a calendar, a file's content…); rejects with an ApiError (problem+json) otherwise.
 */
export async function apiFetch(path: string, options: FetchOptions = {}): Promise<Response> {
  const token = getAccessToken();
  const response = await send(path, options, token);
  if (response.ok) return response;
  const error = await apiErrorFromResponse(response);
  // Only an access-token problem is worth a refresh; a wrong 2FA code (TWO_FACTOR_INVALID) is 401 too.
  if (error.code !== 'UNAUTHENTICATED' || !token) throw error;
  // Another call may have refreshed while this one was in flight: reuse its token.
  const current = getAccessToken();
  const fresh = current && current !== token ? current : (await refreshSession())?.accessToken;
  if (!fresh) {
    clearSession('expired');
    throw error;
  }
  const retried = await send(path, options, fresh);
  if (!retried.ok) throw await apiErrorFromResponse(retried);
  return retried;
}

/** Calls the API with a JSON body (if any) and reads its JSON answer (apiFetch's refresh included). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { body, ...rest } = options;
  const response = await apiFetch(path, {
    ...rest,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...options.headers } }),
  });
  return jsonOf<T>(response);
}

/** Shorthands for the HTTP verbs used by the features. */
export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal }),
  post: <T = void>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
};
