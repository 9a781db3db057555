import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { HttpProblem } from './problem.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id as path ids are written (the pipe below refuses any other with 400). */
export const isUuid = (value: string): boolean => UUID.test(value);

/** Path ids are UUIDs; anything else is a 400 naming the parameter. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (UUID.test(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw new HttpProblem(400, 'VALIDATION.FAILED', `${field} must be a UUID`, {
      errors: [{ field, rule: 'isUuid', message: `${field} must be a UUID` }],
    });
  }
}
