// What the onboarding wizard and the profile editor share: the form values, how they become an
// API request, the field-specific messages and the language and time zone pickers.
import { type EmployeeProfile, LANGUAGES } from '@huntzen/contracts';
import { Group, Radio, Select, type SelectProps } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ParseKeys, TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-error';
import { applyApiError } from '../../lib/form';
import { timeZoneOptions } from './time-zones';

export type AppLanguage = (typeof LANGUAGES)[number];

export interface ProfileFormValues {
  firstName: string;
  lastName: string;
  department: string;
  position: string;
  phoneNumber: string;
  bio: string;
  location: string;
  preferredLanguage: AppLanguage;
  timezone: string;
}

export type ProfileField = keyof ProfileFormValues;

/** The form values of a stored profile. */
export function profileFormValues(profile: EmployeeProfile): ProfileFormValues {
  return {
    firstName: profile.firstName,
    lastName: profile.lastName,
    department: profile.department ?? '',
    position: profile.position ?? '',
    phoneNumber: profile.phoneNumber ?? '',
    bio: profile.bio ?? '',
    location: profile.location ?? '',
    preferredLanguage: profile.preferredLanguage,
    timezone: profile.timezone,
  };
}

/** The request body for `fields` of the form (all of them by default); the API trims and clears. */
export function profileRequest(values: ProfileFormValues, fields?: readonly ProfileField[]) {
  const picked = fields ? fields.map((field) => [field, values[field]]) : Object.entries(values);
  return Object.fromEntries(picked) as Partial<ProfileFormValues>;
}

/** Field-specific messages where the generic "invalid value" would not help. */
export const PROFILE_MESSAGES: Record<string, ParseKeys> = {
  phoneNumber: 'employeeProfile.errors.phoneNumber',
  timezone: 'employeeProfile.errors.timezone',
};

/**
 * Puts the API's field errors on the form (see applyApiError), in the user's language for the
 * fields whose server message is an English phrase; returns the form-level alert, if any.
 */
export function applyProfileError(
  form: UseFormReturnType<ProfileFormValues>,
  error: unknown,
  t: TFunction,
): string | null {
  const alert = applyApiError(form, error, t);
  if (error instanceof ApiError) {
    for (const { path } of error.fieldErrors) {
      const field = path.replace(/^body\./, '');
      const message = PROFILE_MESSAGES[field];
      if (message) form.setFieldError(field, t(message));
    }
  }
  return alert;
}

/** The interface languages as two radio buttons, each named in its own language. */
export function LanguageRadios(props: {
  value: AppLanguage;
  onChange(language: AppLanguage): void;
  error?: unknown;
  description?: string;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t('employeeProfile.fields.preferredLanguage')}
      description={props.description}
      value={props.value}
      onChange={(value) => props.onChange(value as AppLanguage)}
      error={typeof props.error === 'string' ? props.error : undefined}
    >
      <Group gap="lg" mt="xs">
        {LANGUAGES.map((language) => (
          <Radio
            key={language}
            value={language}
            label={t(`employeeProfile.languages.${language}`)}
            lang={language}
          />
        ))}
      </Group>
    </Radio.Group>
  );
}

/** A searchable list of the browser's time zones. */
export function TimeZoneSelect(props: Omit<SelectProps, 'data'>) {
  const { t } = useTranslation();
  const value = typeof props.value === 'string' ? props.value : null;
  const data = useMemo(() => timeZoneOptions(value), [value]);
  return (
    <Select
      label={t('employeeProfile.fields.timezone')}
      placeholder={t('employeeProfile.placeholders.timezone')}
      nothingFoundMessage={t('employeeProfile.errors.noTimezone')}
      searchable
      limit={100}
      allowDeselect={false}
      required
      {...props}
      data={data}
    />
  );
}
