// The clock and the time zone of the consultation screens.
import type { EmployeeProfile, WeeklySchedule } from '@huntzen/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiRequest } from '../../lib/api';
import { useAuth } from '../auth/auth-context';
import { AVAILABILITY_KEY } from '../availability/availability.api';
import { browserZone } from '../booking/time';
import { PROFILE_KEY } from '../employee-profile/employee-profile.api';

/** Now, in milliseconds, updated every `everyMs`: buttons that open at a time come alive on screen. */
export function useNow(everyMs = 20_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * The signed-in participant's time zone: the employee's profile zone, or the practitioner's (from
 * their schedule). The queries share the profile and availability pages' cache entries.
 * `zone` is the browser's until it is known; `loaded` says when it is the account's.
 */
export function useViewerZone(): { zone: string; loaded: boolean } {
  const { role } = useAuth();
  const employee = useQuery({
    queryKey: PROFILE_KEY,
    queryFn: ({ signal }) => apiRequest<EmployeeProfile>('/me/profile', { signal }),
    enabled: role === 'EMPLOYEE',
  });
  const practitioner = useQuery({
    queryKey: [...AVAILABILITY_KEY, 'schedule'],
    queryFn: ({ signal }) => apiRequest<WeeklySchedule>('/me/availability', { signal }),
    enabled: role === 'PRACTITIONER',
  });
  const zone = role === 'EMPLOYEE' ? employee.data?.timezone : practitioner.data?.timezone;
  const settled = role === 'EMPLOYEE' ? !employee.isPending : !practitioner.isPending;
  return { zone: zone ?? browserZone(), loaded: Boolean(zone) || settled };
}
