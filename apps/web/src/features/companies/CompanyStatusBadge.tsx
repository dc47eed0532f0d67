// A company's status as a badge. Filled colours whose text (picked by Mantine's autoContrast) reads
// at AA: yellow 5 with dark text, the others dark enough for white text.
import type { CompanyStatus } from '@huntzen/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOR: Record<CompanyStatus, string> = {
  PENDING: 'yellow.5',
  ACTIVE: 'zen',
  REJECTED: 'red.9',
  INACTIVE: 'gray.7',
};

/** The status badge of a company. */
export function CompanyStatusBadge({ status }: { status: CompanyStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="filled" tt="none" style={{ minWidth: 'max-content' }}>
      {t(`companies.status.${status}`)}
    </Badge>
  );
}
