import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { HttpProblem } from '#libs/platform/http/index.js';
import { PENDING_NIK } from '../../domain/member-change.events.js';

/** A member in the path: a NIK (16 digits), or `pending-<uuid>` for a newborn whose NIK is not issued yet. */
@Injectable()
export class MemberKeyPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (/^\d{16}$/.test(value) || PENDING_NIK.test(value)) return value;
    const field = metadata.data ?? 'nik';
    const message = `${field} must be a NIK of 16 digits or the pending-<uuid> of a newborn`;
    throw new HttpProblem(400, 'VALIDATION.FAILED', message, { errors: [{ field, rule: 'isMemberKey', message }] });
  }
}
