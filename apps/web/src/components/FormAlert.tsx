import { Alert } from '@mantine/core';
import { IconAlert } from './icons';

/** The form-level error (announced by screen readers), or nothing. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
      {message}
    </Alert>
  );
}
