// A date field ("YYYY-MM-DD" in, "YYYY-MM-DD" out, "" for none) written in the interface's language:
// "7 December 2026", "7 décembre 2026", with the months and weekdays of the app-wide DatesProvider
// (app/providers.tsx). A native <input type="date"> would write dates in the browser's own format
// and words ("12/07/2026", "jj/mm/aaaa"), whatever the page's language. The calendar opens from the
// keyboard (Enter, then the arrow keys); its dialog and buttons are named for screen readers; weekend
// days keep AA contrast (global.css), the neighbouring months' days are not shown.
import { DatePickerInput, type DatePickerInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

type Props = Omit<DatePickerInputProps, 'value' | 'onChange' | 'type' | 'label'> & {
  label: string;
  /** "YYYY-MM-DD", or "" (or null) for none. */
  value?: string | null;
  onChange: (date: string) => void;
  /** The open calendar's accessible name (default: "<label>: choose a date"). */
  dialogLabel?: string;
};

/** A date field: "YYYY-MM-DD" values, "D MMMM YYYY" shown. */
export function DateField({ value, onChange, label, dialogLabel, ...props }: Props) {
  const { t } = useTranslation();
  return (
    <DatePickerInput
      valueFormat="D MMMM YYYY"
      // The neighbouring months' days would be greyed below AA contrast: the month shows its own.
      hideOutsideDates
      classNames={{ day: 'date-field-day' }}
      popoverProps={{
        withinPortal: true,
        // The dialog would be named by its button, which has no text until a date is chosen
        // (axe: aria-dialog-name): it gets a name of its own.
        attributes: {
          dropdown: {
            'aria-labelledby': undefined,
            'aria-label': dialogLabel ?? t('dateField.dialog', { name: label }),
          },
        },
      }}
      ariaLabels={{
        previousMonth: t('dateField.previousMonth'),
        nextMonth: t('dateField.nextMonth'),
        previousYear: t('dateField.previousYear'),
        nextYear: t('dateField.nextYear'),
        previousDecade: t('dateField.previousDecade'),
        nextDecade: t('dateField.nextDecade'),
        monthLevelControl: t('dateField.monthLevelControl'),
        yearLevelControl: t('dateField.yearLevelControl'),
      }}
      clearButtonProps={{ 'aria-label': t('dateField.clear', { name: label }) }}
      label={label}
      {...props}
      value={value || null}
      onChange={(picked) => onChange(picked ? String(picked).slice(0, 10) : '')}
    />
  );
}
