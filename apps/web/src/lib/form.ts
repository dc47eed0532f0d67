// Glue between the contract's Zod schemas, Mantine's form and i18next: client-side validation
// mirrors the API exactly, with messages in the user's language; server field errors land on the
// same fields.
import type { FormErrors } from '@mantine/form';
import type { ParseKeys, TFunction } from 'i18next';
import { ApiError } from './api-error';

/** The part of a Zod issue the messages need (structural, so the web app needs no Zod import). */
interface Issue {
  code: string;
  path: PropertyKey[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  input?: unknown;
}

/** Anything with Zod's safeParse (every contract schema). */
export interface ParseableSchema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: Issue[] } };
}

function issueMessage(issue: Issue, t: TFunction): string {
  const min = Number(issue.minimum ?? 0);
  const max = Number(issue.maximum ?? 0);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return min <= 1 ? t('validation.required') : t('validation.minLength', { count: min });
      }
      if (issue.origin === 'array') return t('validation.minItems', { count: min });
      return t('validation.minNumber', { min });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.maxLength', { count: max });
      if (issue.origin === 'array') return t('validation.maxItems', { count: max });
      return t('validation.maxNumber', { max });
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.format');
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? t('validation.required')
        : t('validation.invalid');
    case 'invalid_value':
      return t('validation.choose');
    default:
      return t('validation.invalid');
  }
}

/**
 * A Mantine `validate` function from a contract schema. `toRequest` turns form values into the
 * request body (empty strings to undefined…) so field paths match the API's; `messages` gives a
 * field-specific message (e.g. the SIRET's 14 digits) instead of the generic one, keyed by path
 * (`company.siret`, or `company.emailDomains.*` for every item of a list).
 */
export function schemaValidator<V>(
  schema: ParseableSchema,
  t: TFunction,
  toRequest: (values: V) => unknown,
  messages: Record<string, ParseKeys> = {},
  extra?: (values: V) => FormErrors,
): (values: V) => FormErrors {
  return (values) => {
    const errors: FormErrors = {};
    const request = toRequest(values);
    const result = schema.safeParse(request);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.map(String).join('.');
        const pattern = issue.path.map((p) => (typeof p === 'number' ? '*' : String(p))).join('.');
        const key = messages[path] ?? messages[pattern];
        // An empty field is "required", whatever rule (length, e-mail format…) it breaks first.
        const value = valueAt(request, issue.path);
        const empty = value === undefined || value === null || (typeof value === 'string' && !value.trim());
        errors[path] ??= empty ? t('validation.required') : key ? t(key) : issueMessage(issue, t);
      }
    }
    return { ...errors, ...(extra ? extra(values) : {}) };
  };
}

/** Empty or blank strings become undefined, as optional request fields expect. */
export function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function valueAt(values: unknown, path: PropertyKey[]): unknown {
  let node: unknown = values;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function hasPath(values: unknown, path: string): boolean {
  let node: unknown = values;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

/** The translated sentence for an API error code (generic, for form alerts and notifications). */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.UNKNOWN');
  switch (error.code) {
    case 'NETWORK_ERROR':
    case 'VALIDATION_FAILED':
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'EMAIL_NOT_VERIFIED':
    case 'ACCOUNT_PENDING_APPROVAL':
    case 'ACCOUNT_DISABLED':
    case 'ACCOUNT_LOCKED':
    case 'TWO_FACTOR_INVALID':
    case 'TOKEN_INVALID':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'RATE_LIMITED':
    case 'SERVICE_UNAVAILABLE':
    case 'INTERNAL':
      return t(`errors.${error.code}`);
    default:
      return t('errors.UNKNOWN');
  }
}

// The API's field messages are short English phrases; the known ones are shown translated.
const FIELD_MESSAGES: [RegExp, (t: TFunction, match: RegExpExecArray) => string][] = [
  [/^incorrect password$/i, (t) => t('serverErrors.incorrectPassword')],
  [/^invalid code$/i, (t) => t('twoFactor.invalidCode')],
  [/^this password is too common$/i, (t) => t('serverErrors.passwordCommon')],
  [/^this password is too simple$/i, (t) => t('serverErrors.passwordSimple')],
  [/^the password must not contain your email$/i, (t) => t('serverErrors.passwordContainsEmail')],
  [/^at least (\d+) characters$/i, (t, m) => t('validation.minLength', { count: Number(m[1]) })],
  [/^already registered: (.+)$/i, (t, m) => t('serverErrors.domainsTaken', { domains: m[1] })],
  [/^already registered$/i, (t) => t('serverErrors.alreadyRegistered')],
  [/^already used$/i, (t) => t('serverErrors.alreadyUsed')],
  [/this domain belongs to no active company/i, (t) => t('serverErrors.unknownDomain')],
  [/^(\S+) is a public webmail domain/i, (t, m) => t('serverErrors.publicDomain', { domain: m[1] })],
  [/^(\S+) is a disposable email domain/i, (t, m) => t('serverErrors.disposableDomain', { domain: m[1] })],
];

/** A server field message in the user's language when it is a known one, as sent otherwise. */
export function fieldMessage(message: string, t: TFunction): string {
  for (const [pattern, translate] of FIELD_MESSAGES) {
    const match = pattern.exec(message.trim());
    if (match) return translate(t, match);
  }
  return message;
}

interface FormLike {
  getValues(): unknown;
  setErrors(errors: FormErrors): void;
}

/**
 * Puts the API's field errors (`body.company.name`) on the form's fields and returns the
 * sentence for the form-level alert, or null when every problem sits on a field.
 */
export function applyApiError(form: FormLike, error: unknown, t: TFunction): string | null {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return errorMessage(error, t);
  const values = form.getValues();
  const fieldErrors: FormErrors = {};
  const unplaced: string[] = [];
  for (const fieldError of error.fieldErrors) {
    const path = fieldError.path.replace(/^body\.?/, '');
    const message = fieldMessage(fieldError.message, t);
    if (path && hasPath(values, path)) fieldErrors[path] ??= message;
    else unplaced.push(message);
  }
  form.setErrors(fieldErrors);
  if (unplaced.length > 0) return `${errorMessage(error, t)} ${unplaced.join(' ')}`;
  return null;
}
