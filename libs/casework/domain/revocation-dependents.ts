/**
 * Dependents across a household's streams (ADR 0019): when an entry is revoked, the later entries
 * of another stream that followed from it are listed for a person to review, never undone. The
 * entries are given as their streams hold them (type, data, position, metadata); these rules only
 * pick from them.
 */
export interface StreamEntry {
  type: string;
  data: unknown;
  /** Global position: what was recorded after the revoked entry. */
  position: number;
  revision: number;
  metadata: { causationId?: string };
}

const field = (entry: StreamEntry, key: string): unknown => (entry.data as Record<string, unknown>)[key];

/**
 * The PKH entries a member change fed: the entitlement reassessments recorded after it that took
 * the members on a day the change had taken effect by (a correction holds on every day), and the
 * payments and failures of their stages and later. `revoked`: the PKH stream's revoked revisions.
 */
export function pkhEntriesFedBy<E extends StreamEntry>(
  change: { position: number; effectiveOn: string | null },
  pkh: readonly E[],
  revoked: readonly number[],
): E[] {
  const standing = pkh.filter((e) => e.position > change.position && !revoked.includes(e.revision));
  const reassessed = standing.filter(
    (e) =>
      e.type === 'PkhEntitlementReassessed' &&
      (change.effectiveOn === null || String(field(e, 'membersOn')) >= change.effectiveOn),
  );
  if (reassessed.length === 0) return [];
  const from = reassessed.map((e) => String(field(e, 'stage'))).sort()[0]!;
  return standing.filter(
    (e) =>
      reassessed.includes(e) ||
      ((e.type === 'PkhBenefitDisbursed' || e.type === 'PkhPaymentFailed') && String(field(e, 'stage')) >= from),
  );
}

/**
 * The visits scheduled by rule after a verification found not compliant (the next-visit reactor
 * names the verification as their cause): for review when the verification is revoked.
 */
export function visitsScheduledAfter<E extends StreamEntry>(
  verification: { eventId: string; type: string; data: unknown },
  casework: readonly E[],
): E[] {
  if (verification.type !== 'PkhComplianceVerified' || (verification.data as { compliant?: unknown }).compliant)
    return [];
  return casework.filter(
    (e) =>
      e.type === 'VisitScheduled' &&
      e.metadata.causationId === verification.eventId &&
      field(e, 'origin') === 'non_compliant_verification',
  );
}

/**
 * The entries a reactor wrote because of the revoked entry (they name it as their cause): the
 * PKH graduation an approved exit brought. For review when the entry is revoked.
 */
export function entriesCausedBy<E extends StreamEntry>(eventId: string, entries: readonly E[]): E[] {
  return entries.filter((e) => e.metadata.causationId === eventId);
}
