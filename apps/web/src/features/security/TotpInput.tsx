import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The 6-digit authenticator code field (numeric keyboard, one-time-code autofill). */
export function TotpInput(props: TextInputProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('fields.totpCode')}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      required
      {...props}
    />
  );
}
