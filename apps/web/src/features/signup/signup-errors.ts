// Sign-up specific reading of API errors: an e-mail address already in use.
import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api-error';
import { applyApiError } from '../../lib/form';

interface FormLike {
  getValues(): unknown;
  setErrors(errors: FormErrors): void;
  setFieldError(path: string, error: string): void;
}

/**
 * CONFLICT without field details means the address is taken: shown on the e-mail field; anything
 * else goes through the generic mapping. Returns the form-level message, if any.
 */
export function signupErrorMessage(
  form: FormLike,
  error: unknown,
  t: TFunction,
  emailPath = 'email',
): string | null {
  if (error instanceof ApiError && error.code === 'CONFLICT' && error.fieldErrors.length === 0) {
    form.setFieldError(emailPath, t('signup.emailTaken'));
    return null;
  }
  return applyApiError(form, error, t);
}
