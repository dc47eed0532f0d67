// Defence in depth for reading the audit log. Rows hold no health content by design (recordAudit's
// callers never put any there, and the consultation trigger leaves reasons, notes and room secrets
// out of its copies). Admins read these rows, so what leaves the API is filtered once more: a field
// whose name is one of health content or secrets is replaced, wherever it sits in the JSON.

/** Field names (lower case, without `_` or `-`) whose values never leave the audit API. */
export const HEALTH_FIELD_NAMES: ReadonlySet<string> = new Set([
  // Health content: consultations, clinical notes, journal entries, messages.
  'cancelreason',
  'notes',
  'content',
  'encryptedcontent',
  'iv',
  'authtag',
  'sections',
  // Secrets that must not be copied into a log either.
  'roompassword',
  'jitsijwt',
  'password',
  'passwordhash',
  'twofactorsecret',
  'token',
  'tokenhash',
  'refreshtoken',
  'accesstoken',
  'challengetoken',
  'codehash',
  'secret',
]);

/** What a redacted value becomes. */
export const REDACTED = '[redacted]';

const normalize = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

/** A copy of `value` (parsed JSON) with every field named in HEALTH_FIELD_NAMES replaced by REDACTED. */
export function redactAuditJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactAuditJson);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = HEALTH_FIELD_NAMES.has(normalize(key)) && item != null ? REDACTED : redactAuditJson(item);
  }
  return copy;
}
