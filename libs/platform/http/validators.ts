import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: (a) => `${a?.property} must be a date written YYYY-MM-DD`,
      },
    },
    options,
  );

/** A string of exactly `length` digits. */
export const IsDigits = (length: number, rule: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: rule,
      validator: {
        validate: (value) => typeof value === 'string' && new RegExp(`^\\d{${length}}$`).test(value),
        defaultMessage: (a) => `${a?.property} must be exactly ${length} digits`,
      },
    },
    options,
  );
