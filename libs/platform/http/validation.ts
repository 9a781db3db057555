import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { validationProblem, type FieldError } from './problem.js';

/** Longest field name an error repeats: an unknown query parameter's name is the client's text. */
const MAX_FIELD_LENGTH = 100;

/** Flattens class-validator's tree into one entry per field and rule, with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const field = path.length > MAX_FIELD_LENGTH ? `${path.slice(0, MAX_FIELD_LENGTH - 1)}…` : path;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknownField' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * The DTO's lists that are longer than its ArrayMaxSize allows. class-transformer builds, and
 * class-validator checks, every element of a list before ArrayMaxSize refuses it (a list of 500
 * members with 50 unknown fields each made 28,000 errors and blocked the event loop for 0.2 s),
 * so an over-long list is refused first, alone, from its length.
 */
function overLongLists(metatype: ArgumentMetadata['metatype'], value: unknown): FieldError[] {
  if (!metatype || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return listLimitsOf(metatype).flatMap(({ field, max }) => {
    const list = (value as Record<string, unknown>)[field];
    return Array.isArray(list) && list.length > max
      ? [{ field, rule: 'arrayMaxSize', message: `${field} must contain no more than ${max} elements` }]
      : [];
  });
}

type Metatype = NonNullable<ArgumentMetadata['metatype']>;
const LIST_LIMITS = new WeakMap<Metatype, Array<{ field: string; max: number }>>();

/**
 * A DTO's ArrayMaxSize rules, looked up once per class: class-validator's lookup walks the
 * metadata of every class it knows (a share of every request's time otherwise), and a class's
 * decorators have all run before any request reaches it.
 */
function listLimitsOf(metatype: Metatype): Array<{ field: string; max: number }> {
  let limits = LIST_LIMITS.get(metatype);
  if (!limits) {
    limits = getMetadataStorage()
      .getTargetValidationMetadatas(metatype, '', true, false)
      .filter((rule) => rule.name === 'arrayMaxSize' && typeof rule.constraints[0] === 'number')
      .map(({ propertyName, constraints: [max] }) => ({ field: propertyName, max: max as number }));
    LIST_LIMITS.set(metatype, limits);
  }
  return limits;
}

const NOT_A_DTO = new Set<unknown>([Object, Array, String, Number, Boolean]);

/** A whole body bound to a request DTO: an object, not an array or a bare value. */
const wantsObjectBody = ({ type, data, metatype }: ArgumentMetadata): boolean =>
  type === 'body' && data === undefined && typeof metatype === 'function' && !NOT_A_DTO.has(metatype);

class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A JSON array (or a bare string, number) would be checked key by key as if it were an
    // object ("0 is not a known field"): named for what it is instead.
    if (
      wantsObjectBody(metadata) &&
      value !== undefined &&
      value !== null &&
      (typeof value !== 'object' || Array.isArray(value))
    )
      throw validationProblem([{ field: 'body', rule: 'isObject', message: 'the body must be a JSON object' }]);
    const overLong = overLongLists(metadata.metatype, value);
    if (overLong.length > 0) throw validationProblem(overLong);
    return super.transform(value, metadata);
  }
}

/**
 * Unknown fields are refused, values are converted to the DTO classes, errors become problems
 * (at most MAX_LISTED_ERRORS named). Not `stopAtFirstError`: class-validator then reports the
 * rule written last (a string in a list field is refused as "arrayMaxSize", not "isArray").
 */
export const createValidationPipe = (): ValidationPipe =>
  new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
