// The signed-in employee's profile: GET and PATCH /me/profile. Saving refreshes the session's `Me`
// (name, language, avatar in the header) as well as the cached profile.
import type { EmployeeProfile, UpdateEmployeeProfileRequest } from '@huntzen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api';
import { useAuth } from '../auth/auth-context';

export const PROFILE_KEY = ['employee-profile'] as const;

/** The signed-in employee's profile. */
export function useEmployeeProfile() {
  return useQuery({
    queryKey: PROFILE_KEY,
    queryFn: ({ signal }) => apiRequest<EmployeeProfile>('/me/profile', { signal }),
  });
}

/** Changes some fields of the profile. */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  const { reloadUser } = useAuth();
  return useMutation({
    mutationFn: (changes: UpdateEmployeeProfileRequest) =>
      apiRequest<EmployeeProfile>('/me/profile', { method: 'PATCH', body: changes }),
    onSuccess: async (profile) => {
      queryClient.setQueryData(PROFILE_KEY, profile);
      await reloadUser();
    },
  });
}
