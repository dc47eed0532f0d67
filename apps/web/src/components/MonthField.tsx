// A month picker ("YYYY-MM" in, "YYYY-MM" out) in the interface's language: the months' names come
// from the app-wide DatesProvider (app/providers.tsx), the year buttons are labelled for screen readers.
import { MonthPickerInput, type MonthPickerInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

type Props = Omit<MonthPickerInputProps, 'value' | 'onChange' | 'type'> & {
  /** "YYYY-MM", or "" for none (with `clearable`). */
  value: string;
  onChange: (month: string) => void;
};

/** A month field: "YYYY-MM" values, "MMMM YYYY" shown. */
export function MonthField({ value, onChange, ...props }: Props) {
  const { t } = useTranslation();
  return (
    <MonthPickerInput
      valueFormat="MMMM YYYY"
      popoverProps={{ withinPortal: true }}
      ariaLabels={{ previousYear: t('common.previousYear'), nextYear: t('common.nextYear') }}
      {...props}
      value={value ? `${value}-01` : null}
      onChange={(picked) => onChange(picked ? String(picked).slice(0, 7) : '')}
    />
  );
}
