// What a page shows while its data loads, and when loading it failed (the API's error in the
// user's language): one look for every page.
import { Alert, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/form';
import { IconAlert } from './icons';
import { Spinner } from './Spinner';

/** A centred spinner, read as "Loading…". */
export function Loading({ padding = 'xl' }: { padding?: 'lg' | 'xl' }) {
  return (
    <Center p={padding}>
      <Spinner />
    </Center>
  );
}

/** The alert of a failed load. */
export function LoadError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlert />} role="alert">
      {errorMessage(error, t)}
    </Alert>
  );
}
