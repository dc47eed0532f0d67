// A practitioner's availability (/api/v1/me/availability) and free slots
// (/api/v1/practitioners/{id}/slots), shared by the API (validation + OpenAPI) and the web app.
// Times of day are "HH:MM" in the practitioner's time zone; instants are ISO 8601 UTC.
import { z } from 'zod';
import { isoDate, isoInstant } from './dates';

export const MIN_SLOT_DURATION = 10;
export const MAX_SLOT_DURATION = 180;
/** Minimum notice before a slot can be booked, and how far ahead slots are offered (PRODUCT.md). */
export const DEFAULT_MIN_NOTICE_MINUTES = 120;
export const DEFAULT_HORIZON_DAYS = 60;
/** Weekly windows per schedule: plenty for several ranges a day, bounded for the request size. */
export const MAX_WEEKLY_WINDOWS = 70;
/** 0 = Sunday … 6 = Saturday, as in the spec (and JavaScript's Date#getDay). */
export const DAYS_OF_WEEK = [0, 1, 2, 3, 4, 5, 6] as const;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A time of day "HH:MM", 00:00 to 23:59. */
export const TimeOfDaySchema = z.string().regex(HH_MM, 'must be a time HH:MM between 00:00 and 23:59');
/** The end of a range: also "24:00", the end of the day (ends are exclusive). */
export const EndTimeSchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:MM between 00:00 and 24:00');
export const DayOfWeekSchema = z.number().int().min(0).max(6).describe('0 = Sunday … 6 = Saturday');
export const SlotDurationSchema = z
  .number()
  .int()
  .min(MIN_SLOT_DURATION)
  .max(MAX_SLOT_DURATION)
  .describe('Length of one slot, in minutes');
/** A calendar date YYYY-MM-DD (in the practitioner's time zone when it is an exception's). */
export const AvailabilityDateSchema = isoDate();

/** Minutes since midnight of "HH:MM" ("24:00" → 1440). */
export function minuteOfDay(time: string): number {
  const [hours, minutes] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

const overlaps = (a: { startTime: string; endTime: string }, b: { startTime: string; endTime: string }) =>
  minuteOfDay(a.startTime) < minuteOfDay(b.endTime) && minuteOfDay(b.startTime) < minuteOfDay(a.endTime);

// ------------------------------------------------------------------ weekly schedule

export const WeeklyWindowInputSchema = z.object({
  dayOfWeek: DayOfWeekSchema,
  startTime: TimeOfDaySchema,
  endTime: EndTimeSchema,
});
export type WeeklyWindowInput = z.infer<typeof WeeklyWindowInputSchema>;

/** Replaces the whole weekly schedule: start before end, no two windows of a day overlapping. */
export const WeeklyScheduleRequestSchema = z
  .object({
    slotDuration: SlotDurationSchema,
    windows: z.array(WeeklyWindowInputSchema).max(MAX_WEEKLY_WINDOWS),
  })
  .superRefine((value, ctx) => {
    value.windows.forEach((window, index) => {
      if (HH_MM.test(window.startTime) && minuteOfDay(window.endTime) <= minuteOfDay(window.startTime)) {
        ctx.addIssue({
          code: 'custom',
          path: ['windows', index, 'endTime'],
          message: 'must be after the start',
        });
        return;
      }
      const clash = value.windows.findIndex(
        (other, j) =>
          j < index &&
          other.dayOfWeek === window.dayOfWeek &&
          minuteOfDay(other.startTime) < minuteOfDay(other.endTime) &&
          overlaps(other, window),
      );
      if (clash >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['windows', index, 'startTime'],
          message: `overlaps another window of the same day (windows.${clash})`,
        });
      }
    });
  })
  .meta({ id: 'WeeklyScheduleRequest' });
export type WeeklyScheduleRequest = z.infer<typeof WeeklyScheduleRequestSchema>;

export const WeeklyWindowSchema = WeeklyWindowInputSchema.extend({ id: z.uuid() }).meta({
  id: 'WeeklyWindow',
});
export type WeeklyWindow = z.infer<typeof WeeklyWindowSchema>;

export const WeeklyScheduleSchema = z
  .object({
    timezone: z.string().describe("The practitioner's IANA time zone: every time of day is in it"),
    bufferTime: z.number().int().describe('Minutes kept free after each consultation'),
    slotDuration: SlotDurationSchema,
    windows: z.array(WeeklyWindowSchema).describe('Sorted by day (Sunday first) and start time'),
  })
  .meta({ id: 'WeeklySchedule' });
export type WeeklySchedule = z.infer<typeof WeeklyScheduleSchema>;

// ------------------------------------------------------------------ exceptions

/**
 * One exception: `isAvailable=false` without times is a day off, with times those hours are
 * blocked; `isAvailable=true` with times is an extra opening.
 */
export const AvailabilityExceptionRequestSchema = z
  .object({
    date: AvailabilityDateSchema.describe("A date of the practitioner's time zone"),
    isAvailable: z.boolean(),
    startTime: TimeOfDaySchema.nullable().optional(),
    endTime: EndTimeSchema.nullable().optional(),
    slotDuration: SlotDurationSchema.optional().describe(
      "Slots of an extra opening; defaults to the weekly schedule's",
    ),
  })
  .superRefine((value, ctx) => {
    const hasStart = value.startTime != null;
    const hasEnd = value.endTime != null;
    if (value.isAvailable && !hasStart) {
      ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'required for an extra opening' });
    }
    if (hasStart !== hasEnd) {
      ctx.addIssue({
        code: 'custom',
        path: [hasStart ? 'endTime' : 'startTime'],
        message: 'give both times or neither',
      });
    } else if (hasStart && minuteOfDay(value.endTime!) <= minuteOfDay(value.startTime!)) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'must be after the start' });
    }
  })
  .meta({ id: 'AvailabilityExceptionRequest' });
export type AvailabilityExceptionRequest = z.infer<typeof AvailabilityExceptionRequestSchema>;

export const AvailabilityExceptionSchema = z
  .object({
    id: z.uuid(),
    date: AvailabilityDateSchema,
    isAvailable: z.boolean(),
    startTime: z.string().nullable(),
    endTime: z.string().nullable(),
    slotDuration: z.number().int(),
  })
  .meta({ id: 'AvailabilityException' });
export type AvailabilityException = z.infer<typeof AvailabilityExceptionSchema>;

export const AvailabilityExceptionListSchema = z
  .object({ items: z.array(AvailabilityExceptionSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AvailabilityExceptionList' });
export type AvailabilityExceptionList = z.infer<typeof AvailabilityExceptionListSchema>;

// ------------------------------------------------------------------ slots

export const FreeSlotsQuerySchema = z.object({
  from: isoInstant({ offset: true }).optional().describe('Start of the range (ISO 8601); defaults to now'),
  to: isoInstant({ offset: true })
    .optional()
    .describe('End of the range (ISO 8601); defaults to 7 days after `from`; at most the horizon after it'),
});
export type FreeSlotsQuery = z.infer<typeof FreeSlotsQuerySchema>;

export const FreeSlotSchema = z
  .object({ start: z.iso.datetime(), end: z.iso.datetime() })
  .meta({ id: 'FreeSlot' });
export type FreeSlot = z.infer<typeof FreeSlotSchema>;

export const FreeSlotListSchema = z
  .object({
    timezone: z.string().describe("The practitioner's IANA time zone (slots are in UTC)"),
    slots: z.array(FreeSlotSchema).describe('Free slots in the range, in time order'),
  })
  .meta({ id: 'FreeSlotList' });
export type FreeSlotList = z.infer<typeof FreeSlotListSchema>;
