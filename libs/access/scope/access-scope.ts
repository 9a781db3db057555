import { Inject, Injectable } from '@nestjs/common';
import { CaseworkFacts } from '#libs/casework/index.js';
import { HouseholdDirectory } from '#libs/households/index.js';
import { KubeDirectory } from '#libs/kube/index.js';
import { BatchDirectory } from '#libs/pkh/index.js';
import {
  CITY_WIDE,
  NO_REACH,
  coversArea,
  householdAccess,
  type Access,
  type Reach,
  type ScopeCheck,
  type ScopeTarget,
  type ScopedRequest,
} from '#libs/platform/auth/index.js';
import { CLOCK, type Clock } from '#libs/platform/clock.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { notFound } from '#libs/platform/domain/index.js';
import { HttpProblem } from '#libs/platform/http/problem.js';
import { isUuid } from '#libs/platform/http/uuid-param.pipe.js';
import { LruMap } from '#libs/platform/lru-map.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { isKelurahanOf } from '#libs/reference-data/index.js';
import { CourseDirectory } from '#libs/training/index.js';
import { staffDecider, type StaffState } from '../domain/index.js';
import { staffStream } from '../staff-streams.js';
import { reachOf } from './reach-of.js';

const READS = new Set(['GET', 'HEAD']);
const STAFF_TTL_MS = 5_000;

/**
 * The access check every route passes (ScopeCheck, called by the AuthGuard): it works out the
 * caller's reach from their staff stream and refuses what a route names outside it. A household,
 * group or course outside the reach does not exist for the caller (404, as for an unknown id);
 * one opened by break-the-glass can be read but not changed (403 ACCESS.READ_ONLY); a new
 * household, group or course is registered only in an area the caller covers (403).
 */
@Injectable()
export class AccessScope implements ScopeCheck {
  constructor(
    private readonly reader: StreamReader,
    private readonly households: HouseholdDirectory,
    private readonly kubes: KubeDirectory,
    private readonly batches: BatchDirectory,
    private readonly courses: CourseDirectory,
    private readonly casework: CaseworkFacts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private readonly staff = new LruMap<string, { state: StaffState; readAt: number }>(10_000);

  async reachOf(principal: { sub: string; role: string }): Promise<Reach> {
    if (principal.role === 'auditor' || principal.role === 'admin') return CITY_WIDE;
    if (principal.role !== 'caseworker' && principal.role !== 'supervisor') return NO_REACH;
    return reachOf(principal, await this.staffState(principal.sub), this.clock.now(), this.config.timeZone);
  }

  /**
   * A staff member's areas change rarely and every request needs them: kept for a few seconds.
   * This process forgets them at once when it changes them (forget); another instance of the
   * scaled layout sees a change after at most STAFF_TTL_MS. Openings end on time regardless:
   * the reach compares their end with the clock on every request.
   */
  private async staffState(staffId: string): Promise<StaffState> {
    const now = Date.now();
    const kept = this.staff.get(staffId);
    if (kept && now - kept.readAt < STAFF_TTL_MS) return kept.state;
    const { state } = await this.reader.stateAt(staffStream(staffId), staffDecider);
    this.staff.set(staffId, { state, readAt: now });
    return state;
  }

  /** After this process changed a staff member's areas or openings. */
  forget(staffId: string): void {
    this.staff.delete(staffId);
  }

  async check(request: ScopedRequest, targets: readonly ScopeTarget[]): Promise<void> {
    const reach = await this.reachOf(request.principal);
    request.reach = reach;
    if (reach.cityWide) return;
    const reading = READS.has(request.method);
    for (const target of targets) await this.checkTarget(target, request, reach, reading);
  }

  /** How far the caller reaches a household: full, opened (read only) or none. */
  async householdAccess(reach: Reach, householdId: string): Promise<Access | 'unknown'> {
    const household = await this.households.find(householdId);
    if (!household.registered) return 'unknown';
    const { kecamatan, kelurahan } = household.address;
    return householdAccess(reach, { householdId, caseworkerId: household.caseworkerId, kecamatan, kelurahan });
  }

  private async checkTarget(target: ScopeTarget, request: ScopedRequest, reach: Reach, reading: boolean) {
    const param = (name: string) => request.params?.[name];
    const body = (request.body ?? {}) as Record<string, unknown>;
    switch (target.kind) {
      case 'household': {
        const id = target.param ? param(target.param) : body[target.body ?? ''];
        if (typeof id !== 'string') return;
        if (target.transferReceiver && (await this.receivesTransferOf(request, id))) return;
        await this.mustReachHousehold(reach, id, reading && target.param !== undefined, target.param !== undefined);
        return;
      }
      case 'households': {
        const ids = body[target.body];
        if (Array.isArray(ids))
          for (const id of new Set(ids))
            if (typeof id === 'string') await this.mustReachHousehold(reach, id, false, false);
        return;
      }
      case 'area': {
        const holder = (target.body ? body[target.body] : body) as { kecamatan?: unknown; kelurahan?: unknown };
        const { kecamatan, kelurahan } = holder ?? {};
        // An area that does not exist is the validation's to refuse (400), not the scope's.
        if (typeof kecamatan !== 'string' || typeof kelurahan !== 'string' || !isKelurahanOf(kelurahan, kecamatan))
          return;
        if (!coversArea(reach, { kecamatan, kelurahan })) {
          throw new HttpProblem(
            403,
            'ACCESS.OUTSIDE_AREA',
            `${kelurahan} (${kecamatan}) is outside the area you cover`,
            {
              kecamatan,
              kelurahan,
            },
          );
        }
        return;
      }
      case 'kube': {
        const id = param(target.param);
        if (typeof id !== 'string') return;
        const kube = await this.kubes.find(id);
        if (!kube.exists || coversArea(reach, kube) || (await this.reachesAny(reach, kube.members))) return;
        throw notFound('KUBE.NOT_FOUND', `No Kube ${id}`);
      }
      case 'batch':
        return this.mustReachBatch(reach, param(target.param));
      case 'course':
      case 'participant': {
        const id = param(target.kind === 'course' ? target.param : target.courseParam);
        if (typeof id !== 'string') return;
        const course = await this.courses.find(id);
        if (!course.exists || coversArea(reach, course)) return;
        if (target.kind === 'course') {
          if (await this.reachesAny(reach, [...course.participants.values()])) return;
          throw notFound('TRAINING.NOT_FOUND', `No course ${id}`);
        }
        const householdId = course.participants.get(param(target.nikParam) ?? '');
        if (householdId === undefined) return;
        const access = await this.householdAccess(reach, householdId);
        if (access === 'full' || (access === 'opened' && reading)) return;
        throw notFound('TRAINING.PARTICIPANT_NOT_FOUND', 'No such participant in this course');
      }
    }
  }

  /**
   * A batch is acted on only by someone who reaches every family it pays (city-wide roles do):
   * a batch with none of them in reach does not exist for the caller, one with some outside is
   * refused with how many. Its read routes stay open to the roles that read batches.
   */
  private async mustReachBatch(reach: Reach, batchId: string | undefined): Promise<void> {
    if (typeof batchId !== 'string') return;
    const households = await this.batches.households(batchId.toLowerCase());
    if (households === null || households.length === 0) return;
    let outside = 0;
    for (const householdId of households) {
      const access = await this.householdAccess(reach, householdId);
      if (access !== 'full' && access !== 'unknown') outside += 1;
    }
    if (outside === 0) return;
    if (outside === households.length) throw notFound('BATCH.NOT_FOUND', 'No disbursement batch has this id');
    throw new HttpProblem(
      403,
      'ACCESS.BATCH_OUTSIDE_AREA',
      `${outside} of the batch's ${households.length} payments are for families outside the areas you cover`,
      { outside, payments: households.length },
    );
  }

  private async mustReachHousehold(
    reach: Reach,
    householdId: string,
    reading: boolean,
    inPath: boolean,
  ): Promise<void> {
    const access = await this.householdAccess(reach, householdId);
    if (access === 'full') return;
    // A household the path names that does not exist is answered as one outside the reach, and
    // before the body is validated as that one is: neither the code nor the order tells a caller
    // which it was. City-wide roles, who reach every household, households a body names (a Kube's
    // members, an invitation's) and ids that are no UUID (400) get the route's own answer.
    if (access === 'unknown' && (reach.cityWide || !inPath || !isUuid(householdId))) return;
    if (access === 'opened') {
      if (reading) return;
      throw new HttpProblem(
        403,
        'ACCESS.READ_ONLY',
        'This household was opened by break-the-glass: it can be read, not changed',
        { householdId },
      );
    }
    throw notFound('HOUSEHOLD.NOT_FOUND', `No household ${householdId}`, { householdId });
  }

  /** The caller is the caseworker a transfer of the household awaiting a decision would give it to. */
  private async receivesTransferOf(request: ScopedRequest, householdId: string): Promise<boolean> {
    if (request.principal.role !== 'caseworker') return false;
    return (await this.casework.transferReceiverOf(householdId)) === request.principal.sub;
  }

  private async reachesAny(reach: Reach, householdIds: readonly string[]): Promise<boolean> {
    for (const id of new Set(householdIds)) if ((await this.householdAccess(reach, id)) === 'full') return true;
    return false;
  }
}
