// Calls of /api/v1/signup and the navigation to the result page.
import type { SignupStatus } from '@huntzen/contracts';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';

export type SignupKind = 'employee' | 'company' | 'practitioner';

/** POST /signup/{kind}. */
export function signup(kind: SignupKind, body: unknown): Promise<SignupStatus> {
  return api.post<SignupStatus>(`/signup/${kind}`, body);
}

/** The sign-up mutation: on success, the result page for the returned status. */
export function useSignup(kind: SignupKind, onError: (error: unknown) => void) {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: ({ body }: { body: unknown; email: string }) => signup(kind, body),
    onSuccess: (result, { email }) => {
      navigate(`/signup/done?status=${result.status}&kind=${kind}`, { state: { email } });
    },
    onError,
  });
}
