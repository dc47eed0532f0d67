// One breakpoint for "a phone" (under 36em, 576 px), where the header and the wide controls change
// their layout: read on the first render (no flash of the desktop layout).
import { useMediaQuery } from '@mantine/hooks';

export const PHONE_QUERY = '(max-width: 36em)';

/** Whether the screen is phone-sized (PHONE_QUERY), re-rendering when that changes. */
export function usePhone(): boolean {
  return useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
}
