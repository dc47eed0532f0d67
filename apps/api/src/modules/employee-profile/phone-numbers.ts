// Phone numbers checked against real numbering plans (libphonenumber-js) and stored in E.164 form,
// so a practitioner's phone dials them as they are. The contracts only check the shape.
import { parsePhoneNumberFromString } from 'libphonenumber-js';

// Numbers written without a country code are read as French ones (HuntZen's market).
const DEFAULT_COUNTRY = 'FR';

/** The E.164 form (+33612345678) of a valid phone number, or null. */
export function normalizePhoneNumber(text: string): string | null {
  const phone = parsePhoneNumberFromString(text, DEFAULT_COUNTRY);
  return phone?.isValid() ? phone.number : null;
}
