import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { householdAccess, NO_REACH, type Reach } from '#libs/platform/auth/index.js';
import { DomainError } from '#libs/platform/domain/index.js';
import { HouseholdDirectory } from '../../household-directory.js';

/** The refusals of a KK or NIK another household holds (IdentityRegistry), which name that household. */
const HELD_ELSEWHERE = new Set(['HOUSEHOLD.KK_ALREADY_REGISTERED', 'HOUSEHOLD.NIK_ALREADY_REGISTERED']);

/**
 * A KK or NIK held by another household is refused whoever asks (409): the numbers are unique
 * across the city. The refusal names the holder only to a caller who reaches it; to anyone else
 * the household does not exist (as a 404 says elsewhere), so its id is left out and nothing tells
 * which household, or which area, holds the number.
 */
@Injectable()
export class IdentityConflictInterceptor implements NestInterceptor {
  constructor(private readonly households: HouseholdDirectory) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reach = context.switchToHttp().getRequest<{ reach?: Reach }>().reach ?? NO_REACH;
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          from(this.asSeenBy(error, reach)).pipe(mergeMap((seen) => throwError(() => seen))),
        ),
      );
  }

  private async asSeenBy(error: unknown, reach: Reach): Promise<unknown> {
    if (!(error instanceof DomainError) || !HELD_ELSEWHERE.has(error.code)) return error;
    const holder = error.details.householdId;
    if (typeof holder !== 'string' || (await this.reaches(reach, holder))) return error;
    const number = error.code === 'HOUSEHOLD.KK_ALREADY_REGISTERED' ? 'KK number' : 'NIK';
    return new DomainError(error.kind, error.code, `This ${number} is registered to another household`);
  }

  private async reaches(reach: Reach, householdId: string): Promise<boolean> {
    if (reach.cityWide) return true;
    const household = await this.households.find(householdId);
    if (!household.registered) return false;
    const { caseworkerId, address } = household;
    const place = { householdId, caseworkerId, kecamatan: address.kecamatan, kelurahan: address.kelurahan };
    return householdAccess(reach, place) !== 'none';
  }
}
