// The questionnaires' API hooks: take one, the history, sharing a result with a practitioner, the
// settings (crisis alert, reminders), and — for a practitioner — what a patient shared.
import type {
  Assessment,
  AssessmentList,
  AssessmentPractitioner,
  AssessmentSettings,
  CreateAssessment,
  Instrument,
  UpdateAssessmentSettings,
} from '@huntzen/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ParseKeys } from 'i18next';
import { apiRequest } from '../../lib/api';

const ROOT = ['assessments'] as const;

/** The i18n key of an item or an option (the wording lives in assessments.{fr,en}.json). */
export function wordingKey(instrument: Instrument, list: 'items' | 'options', index: number): ParseKeys {
  return `assessments.instruments.${instrument}.${list}.${index}` as ParseKeys;
}

/** The caller's results of one questionnaire (or all), newest first, up to 100. */
export function useAssessments(instrument?: Instrument) {
  return useQuery({
    queryKey: [...ROOT, 'list', instrument ?? 'all'],
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ limit: '100' });
      if (instrument) query.set('instrument', instrument);
      return apiRequest<AssessmentList>(`/assessments?${query}`, { signal });
    },
  });
}

/** Records answers; the answer is the scored result. */
export function useTakeAssessment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAssessment) => apiRequest<Assessment>('/assessments', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ROOT }),
  });
}

/** The practitioners a result may be shared with. */
export function useSharePractitioners() {
  return useQuery({
    queryKey: [...ROOT, 'practitioners'],
    queryFn: ({ signal }) =>
      apiRequest<{ items: AssessmentPractitioner[] }>('/assessments/practitioners', { signal }),
  });
}

/** Shares (practitionerId) or un-shares (null) one result. */
export function useShareAssessment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, practitionerId }: { id: string; practitionerId: string | null }) =>
      practitionerId
        ? apiRequest<Assessment>(`/assessments/${id}/share`, { method: 'POST', body: { practitionerId } })
        : apiRequest<Assessment>(`/assessments/${id}/share`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ROOT }),
  });
}

/** The crisis alert and reminder settings. */
export function useAssessmentSettings() {
  return useQuery({
    queryKey: [...ROOT, 'settings'],
    queryFn: ({ signal }) => apiRequest<AssessmentSettings>('/assessments/settings', { signal }),
  });
}

/** Changes the settings. */
export function useUpdateAssessmentSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAssessmentSettings) =>
      apiRequest<AssessmentSettings>('/assessments/settings', { method: 'PUT', body }),
    onSuccess: (settings) => queryClient.setQueryData([...ROOT, 'settings'], settings),
  });
}

/** What patient `employeeId` shared with the calling practitioner. */
export function useSharedWithMe(employeeId: string) {
  return useQuery({
    queryKey: [...ROOT, 'shared', employeeId],
    queryFn: ({ signal }) =>
      apiRequest<AssessmentList>(`/assessments/shared-with-me?employeeId=${employeeId}&limit=100`, {
        signal,
      }),
    enabled: employeeId !== '',
  });
}
