import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { HttpProblem } from '#libs/platform/http/problem.js';

/** A staff id is a token's `sub`: 1 to 128 of letters, digits and `_.:@-`, and never a NIK. */
const STAFF_ID = /^[A-Za-z0-9_.:@-]{1,128}$/;

@Injectable()
export class StaffIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (STAFF_ID.test(value) && !/\d{16}/.test(value)) return value;
    const field = metadata.data ?? 'staffId';
    const message = `${field} must be 1 to 128 letters, digits or _.:@- (a staff member's id)`;
    throw new HttpProblem(400, 'VALIDATION.FAILED', message, { errors: [{ field, rule: 'isStaffId', message }] });
  }
}
