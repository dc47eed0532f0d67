import { Center } from '@mantine/core';
import { Spinner } from './Spinner';

/** A centred spinner with an accessible label, while the session or a page loads. */
export function FullPageLoader() {
  return (
    <Center mih="50vh" role="status" aria-live="polite">
      <Spinner />
    </Center>
  );
}
