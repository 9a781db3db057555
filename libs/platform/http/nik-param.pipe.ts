import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { HttpProblem } from './problem.js';

/** A NIK in the path: exactly 16 digits, else a 400 naming the parameter. */
@Injectable()
export class NikParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (/^\d{16}$/.test(value)) return value;
    const field = metadata.data ?? 'nik';
    throw new HttpProblem(400, 'VALIDATION.FAILED', `${field} must be exactly 16 digits`, {
      errors: [{ field, rule: 'isNik', message: `${field} must be exactly 16 digits` }],
    });
  }
}
