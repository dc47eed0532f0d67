// A time of day ("HH:mm", 24-hour in the value) shown the way the interface's locale writes times
// (formatLocale: 24-hour in French and in British English, as the agenda and the booking show them),
// whatever the browser's own locale (issue 17: a native <input type="time"> follows the browser, so a
// French page showed "02:00 PM"). Hours and minutes are two small fields named after the time's label.
import { TimePicker, type TimePickerProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { formatLocale } from '../i18n';

/** 12 or 24: how the locale of `language` (formatLocale) writes the hour. */
export function hourCycleOf(language: string): 12 | 24 {
  const cycle = new Intl.DateTimeFormat(formatLocale(language), { hour: 'numeric' }).resolvedOptions()
    .hourCycle;
  return cycle === 'h11' || cycle === 'h12' ? 12 : 24;
}

type TimeFieldProps = Omit<
  TimePickerProps,
  'format' | 'hoursInputLabel' | 'minutesInputLabel' | 'amPmInputLabel' | 'withSeconds'
> & { 'aria-label'?: string };

/** The time field of the app's forms. */
export function TimeField({ 'aria-label': ariaLabel, ...props }: TimeFieldProps) {
  const { t, i18n } = useTranslation();
  const name = ariaLabel ?? (typeof props.label === 'string' ? props.label : '');
  const twelve = hourCycleOf(i18n.resolvedLanguage ?? i18n.language) === 12;
  return (
    <TimePicker
      format={twelve ? '12h' : '24h'}
      // AM/PM takes room of its own.
      miw={twelve ? 170 : undefined}
      hoursInputLabel={t('timeField.hours', { name })}
      minutesInputLabel={t('timeField.minutes', { name })}
      amPmInputLabel={t('timeField.amPm', { name })}
      {...props}
    />
  );
}
