// How a consultation is named on screen: its status badge and the other participant's name.
import type { Consultation, ConsultationStatus, Role } from '@huntzen/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Party } from './timing';

// Filled badges whose text (Mantine's autoContrast) reads at AA.
const STATUS_COLOR: Record<ConsultationStatus, string> = {
  SCHEDULED: 'yellow.5',
  CONFIRMED: 'zen',
  IN_PROGRESS: 'blue.9',
  COMPLETED: 'gray.7',
  CANCELLED: 'red.8',
  NO_SHOW: 'grape.8',
};

/** The status as a badge ("À confirmer", "Confirmée"…). */
export function StatusBadge({ status }: { status: ConsultationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="filled" tt="none" size="md">
      {t(`consultations.status.${status}`)}
    </Badge>
  );
}

/** The signed-in user's side of the consultation (admins see no participant pages). */
export function partyOf(role: Role | null): Party {
  return role === 'PRACTITIONER' ? 'practitioner' : 'employee';
}

/** The other participant's name, as the viewer sees it. */
export function otherName(c: Consultation, party: Party): string {
  return party === 'employee'
    ? `${c.practitioner.title} ${c.practitioner.firstName} ${c.practitioner.lastName}`
    : `${c.employee.firstName} ${c.employee.lastName}`;
}

/** The viewer's time zone for a consultation: their account's, or the practitioner's own. */
export function zoneFor(c: Consultation, party: Party, viewerZone: string): string {
  return party === 'practitioner' ? c.practitioner.timezone : viewerZone;
}
