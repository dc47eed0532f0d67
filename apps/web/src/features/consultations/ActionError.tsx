// A lifecycle action the API refused, in words: 409 ILLEGAL_TRANSITION names the status the
// consultation is in now (reloaded), 409 OUTSIDE_TIME_WINDOW says when the action opens or closed.
import { type Consultation, MIN_BILLABLE_MINUTES } from '@huntzen/contracts';
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/form';
import { dateTimeLabel, inZone } from '../booking/time';
import { useConsultation } from './consultations.api';
import { actionWindow, type ParticipantAction } from './timing';

export interface ActionErrorProps {
  error: unknown;
  action: ParticipantAction;
  consultation: Consultation;
  /** The zone to show times in (default: the practitioner's). */
  zone?: string;
}

/** The alert of a refused action. */
export function ActionError({ error, action, consultation, zone }: ActionErrorProps) {
  const { t } = useTranslation();
  // The list's copy may be stale: the refusal reloads the consultation, whose status is shown.
  const fresh = useConsultation(consultation.id).data ?? consultation;
  const shownZone = zone ?? consultation.practitioner.timezone;
  let message: string;
  if (isApiError(error, 'ILLEGAL_TRANSITION')) {
    message = t('consultations.errors.illegal', { status: t(`consultations.status.${fresh.status}`) });
  } else if (isApiError(error, 'OUTSIDE_TIME_WINDOW')) {
    const { opens, closes } = actionWindow(action, fresh);
    message =
      opens !== null && Date.now() < opens
        ? t('consultations.errors.notYet', { when: dateTimeLabel(inZone(new Date(opens), shownZone), false) })
        : closes !== null
          ? t('consultations.errors.tooLate', {
              when: dateTimeLabel(inZone(new Date(closes), shownZone), false),
            })
          : t('consultations.errors.notNow');
  } else if (isApiError(error, 'CONFIRMATION_REQUIRED')) {
    // The session looked long enough here, not on the server's clock: the end is asked again.
    message = t('consultations.errors.confirmShort', { minutes: MIN_BILLABLE_MINUTES });
  } else if (isApiError(error, 'NOT_FOUND')) {
    message = t('consultations.errors.notFound');
  } else {
    message = errorMessage(error, t);
  }
  return (
    <Alert color="red" icon={<IconAlert />} role="alert">
      {message}
    </Alert>
  );
}
