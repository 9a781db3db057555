import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The first day any date of the programme may fall on: no birth, assessment or payment is older,
 * and a year such as 0001 would otherwise pass for a person over 70 (a PKH elderly component).
 */
export const EARLIEST_DATE = '1900-01-01';

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30), from EARLIEST_DATE on. */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || value < EARLIEST_DATE) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: (a) => `${a?.property} must be a date written YYYY-MM-DD, from ${EARLIEST_DATE} on`,
      },
    },
    options,
  );

/**
 * What a person's name may not hold: control characters (newlines, BEL, NUL) and the invisible
 * marks that reverse or isolate the direction of text, which make a name print as another.
 */
const NOT_IN_A_NAME = '\\u0000-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const PERSON_NAME = new RegExp(`^(?=.*\\S)[^${NOT_IN_A_NAME}]+$`);

export const isPersonName = (value: unknown): boolean => typeof value === 'string' && PERSON_NAME.test(value);

/**
 * A person's name as typed: not blank, none of NOT_IN_A_NAME (its length is the DTO's @Length).
 * The pattern goes into the OpenAPI document (addValidationRules reads it from the constraint).
 */
export const IsPersonName = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPersonName',
      constraints: [PERSON_NAME],
      validator: {
        validate: isPersonName,
        defaultMessage: (a) => `${a?.property} must not be blank nor hold control or text-direction characters`,
      },
    },
    options,
  );

/** A string of exactly `length` digits. */
export const IsDigits = (length: number, rule: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: rule,
      // The pattern, for the OpenAPI document (addValidationRules reads it from here).
      constraints: [new RegExp(`^\\d{${length}}$`)],
      validator: {
        validate: (value) => typeof value === 'string' && new RegExp(`^\\d{${length}}$`).test(value),
        defaultMessage: (a) => `${a?.property} must be exactly ${length} digits`,
      },
    },
    options,
  );

/**
 * A full ISO 8601 (RFC 3339) date-time with its zone: `2026-03-01T00:00:00Z`,
 * `2026-03-01T07:00+07:00`, `2026-03-01T00:00:00.123Z`. Week dates (2026-W01), ordinal dates
 * (2026-060), the basic format (20260301T000000Z), plain dates and times without a zone are
 * refused: the first three are ISO 8601 but no Date parses them, and the last two would be read
 * in the server's zone.
 */
const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export function isIsoDateTime(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 40) return false;
  const match = ISO_DATE_TIME.exec(value);
  return match !== null && isCalendarDate(match[1]) && !Number.isNaN(Date.parse(value));
}

export const IsIsoDateTime = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isIsoDateTime',
      validator: {
        validate: isIsoDateTime,
        defaultMessage: (a) =>
          `${a?.property} must be an ISO 8601 date-time with Z or an offset, such as 2026-03-01T00:00:00Z`,
      },
    },
    options,
  );

/**
 * A whole number in a query string (`?minPosition=`, `?limit=`): only plain decimal digits (at most
 * 15, an optional minus) become a number, for @IsInt and the bounds after it. Number() would also
 * take `1e21`, `0x10`, ` 7` and `9007199254740993` (rounded to another number), and a read would
 * then skip its wait or page from the wrong place: those stay strings, which @IsInt refuses with
 * the field named.
 */
export const QueryInteger = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value,
  );
