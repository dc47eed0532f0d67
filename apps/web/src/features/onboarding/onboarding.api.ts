// Consent and onboarding of the signed-in employee (/me/consent, /me/onboarding). Both change what
// `Me` says: callers reload the session's profile afterwards (useAuth().reloadUser), which the
// route guard follows.
import type { ConsentState, OnboardingState } from '@huntzen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';

const CONSENT_KEY = ['consent'] as const;

/** The current consent version and the one the employee accepted. */
export function useConsent() {
  return useQuery({
    queryKey: CONSENT_KEY,
    queryFn: ({ signal }) => apiRequest<ConsentState>('/me/consent', { signal }),
  });
}

/** Accepts a consent version (the API refuses any but the current one). */
export function useAcceptConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: string) =>
      apiRequest<ConsentState>('/me/consent', { method: 'POST', body: { version } }),
    onSuccess: (state) => queryClient.setQueryData(CONSENT_KEY, state),
    onError: () => queryClient.invalidateQueries({ queryKey: CONSENT_KEY }),
  });
}

/** Finishes onboarding (required fields saved, consent accepted). */
export function useCompleteOnboarding() {
  return useMutation({
    mutationFn: () => apiRequest<OnboardingState>('/me/onboarding/complete', { method: 'POST' }),
  });
}
