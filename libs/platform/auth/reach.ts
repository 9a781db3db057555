import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/**
 * Which households a caller reaches (DESIGN §8). It follows the case, from the events: a
 * caseworker the households assigned to them and the kelurahan a supervisor gave them, a
 * supervisor the areas they supervise, auditors and admins the city. Households opened by
 * break-the-glass are reached for reading only, until the opening runs out.
 */
export interface Reach {
  cityWide: boolean;
  /** The caller's own caseload: households whose assigned caseworker is this id. */
  caseworkerId: string | null;
  /** The areas given to the caller: a whole kecamatan (kelurahan null) or one kelurahan of it. */
  areas: readonly ReachArea[];
  /** Households opened by break-the-glass and still open. */
  opened: readonly string[];
}

export interface ReachArea {
  kecamatan: string;
  kelurahan: string | null;
}

export const CITY_WIDE: Reach = { cityWide: true, caseworkerId: null, areas: [], opened: [] };
export const NO_REACH: Reach = { cityWide: false, caseworkerId: null, areas: [], opened: [] };

/** full: read and change; opened: read only (break-the-glass); none: as if it did not exist. */
export type Access = 'full' | 'opened' | 'none';

export interface HouseholdPlace {
  householdId: string;
  caseworkerId: string | null;
  kecamatan: string;
  kelurahan: string;
}

export const coversArea = (reach: Reach, area: { kecamatan: string; kelurahan: string }): boolean =>
  reach.cityWide ||
  reach.areas.some((a) => a.kecamatan === area.kecamatan && (a.kelurahan === null || a.kelurahan === area.kelurahan));

export function householdAccess(reach: Reach, household: HouseholdPlace): Access {
  if (coversArea(reach, household)) return 'full';
  if (reach.caseworkerId !== null && household.caseworkerId === reach.caseworkerId) return 'full';
  return reach.opened.includes(household.householdId) ? 'opened' : 'none';
}

/** What a scoped route names, checked by the access guard before anything else runs. */
export type ScopeTarget =
  /**
   * `transferReceiver`: the caseworker a transfer of the household awaiting a decision would give
   * it to reaches it on this route too (deciding the transfer, ADR 0018).
   */
  | { kind: 'household'; param?: string; body?: string; transferReceiver?: boolean }
  | { kind: 'households'; body: string }
  /** A new household, group or course: its kecamatan and kelurahan (at the body's root, or in a field). */
  | { kind: 'area'; body?: string }
  | { kind: 'kube'; param: string }
  /** A disbursement batch: the caller reaches every household it pays (ADR 0013). */
  | { kind: 'batch'; param: string }
  | { kind: 'course'; param: string }
  | { kind: 'participant'; courseParam: string; nikParam: string };

export const SCOPE_TARGETS = 'jejak:scope-targets';

/** The households, groups or courses a route names: outside the caller's reach they do not exist. */
export const Scoped = (...targets: ScopeTarget[]) =>
  applyDecorators(SetMetadata(SCOPE_TARGETS, targets), ApiExtension('x-scope', targets));

/** A route that answers for one household named by its path parameter (default `id`). */
export const ScopedHousehold = (param = 'id') => Scoped({ kind: 'household', param });

/** The caller's reach, worked out by the access guard for every route that lists or names households. */
export const CallerReach = createParamDecorator(
  (_: unknown, context: ExecutionContext): Reach =>
    context.switchToHttp().getRequest<{ reach?: Reach }>().reach ?? NO_REACH,
);

/** What the access check sees of a request; it sets `reach` for the handlers (CallerReach). */
export interface ScopedRequest {
  method: string;
  principal: { sub: string; role: string };
  params?: Record<string, string | undefined>;
  body?: unknown;
  reach?: Reach;
}

/**
 * Provided by the access capability: works out the caller's reach and refuses a route that names
 * a household, group or course outside it. The platform's AuthGuard calls it after the role
 * check, so every route passes it; without a provider nothing is reached (NO_REACH).
 */
export interface ScopeCheck {
  check(request: ScopedRequest, targets: readonly ScopeTarget[]): Promise<void>;
}

export const SCOPE_CHECK = Symbol('SCOPE_CHECK');
