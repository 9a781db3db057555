import type { Decider, DomainEvent } from './decider.js';
import { conflict, notFound, ruleBroken } from './domain-error.js';

/**
 * Corrections (ADR 0019): a wrong entry is revoked by an event on the stream that holds it, never
 * rewritten. A revocation names the entry by its event id and its revision in the stream (the
 * handler finds both); the fold then replays the stream without it, so every later decision sees
 * the state as if the entry had not happened, while the history keeps both.
 */
export interface RevocationTarget {
  eventId: string;
  eventType: string;
  /** The revoked event's revision in its stream: how the fold, which sees no ids, finds it. */
  revision: number;
  /** The entry's stage where it has one (PKH), so read models follow without reading it back. */
  stage?: string;
  /** The entry's amount in rupiah where it has one (a payment), so the reports can take it back. */
  amount?: number;
  // Kube and course entries (ADR 0019, "Kube and courses"): whom the entry is about, for the read models.
  /** The household a membership or a participant's entry is about. */
  householdId?: string;
  /** The households a Kube's dissolution let go. */
  householdIds?: string[];
  /** The participant's NIK of a course entry. */
  nik?: string;
  /** The entry's coded reason where it has one (a declined invitation's, a drop-out's), which reports count by. */
  code?: string;
  /** The persons an exit counted (ExitApproved), so the programme outcomes can take them back. */
  persons?: number;
  /** The day the entry happened on, as the reports place it (its business date), where it names one. */
  businessDate?: string;
  /** When the entry was recorded, so the KPIs take back the reporting delay they counted for it. */
  occurredAt?: string;
}

/**
 * What a stream's state is after the revocation, in the fields read models keep of it (the
 * household's welfare status, latest assessment, case status, pending exit, notes): carried by
 * `EventRevoked`, computed by the decider from the stream folded without the entry, so a
 * projection follows without reading the stream back. Only public fields.
 */
export interface RestoredStatus {
  welfareStatus?: string;
  lastAssessment?: { assessmentId: string; perCapitaIncome: number; povertyLine: number; assessedOn: string } | null;
  caseStatus?: string;
  closedOn?: string | null;
  pendingExit?: boolean;
  notes?: number;
  /**
   * A PKH stream's participation status without the entry (a revoked graduation or termination
   * gives the family back the status it had), so the outcome stocks and the caseloads follow.
   */
  pkhStatus?: string;
}

export type RevocationRequested = DomainEvent<
  'RevocationRequested',
  RevocationTarget & { reason: string; requestedBy: string }
>;
export type EventRevoked = DomainEvent<
  'EventRevoked',
  RevocationTarget & { reason: string; requestedBy: string; approvedBy?: string; restored?: RestoredStatus }
>;
export type RevocationRejected = DomainEvent<
  'RevocationRejected',
  RevocationTarget & { reason: string; rejectedBy: string }
>;
export type RevocationEvent = RevocationRequested | EventRevoked | RevocationRejected;

export const REVOCATION_EVENT_TYPES: readonly RevocationEvent['type'][] = [
  'RevocationRequested',
  'EventRevoked',
  'RevocationRejected',
];

/** Who may apply a revocation of an entry that moved money or status at once, or approve one. */
export type RevocationRole = 'caseworker' | 'supervisor' | 'admin';
const APPROVERS: readonly RevocationRole[] = ['supervisor', 'admin'];

export type RevocationCommand =
  | { type: 'RequestRevocation'; data: RevocationTarget & { reason: string; by: string; role: RevocationRole } }
  | { type: 'ApproveRevocation'; data: { eventId: string; by: string; role: RevocationRole } }
  | { type: 'RejectRevocation'; data: { eventId: string; reason: string; by: string; role: RevocationRole } };

/** One stream's revocation rules: which entries cannot be revoked, which need an approver, what follows what. */
export interface RevocationRules {
  /** Registration, erasure: the identity of the stream or the law's own act. Revocations are always here too. */
  irrevocable: readonly string[];
  /** Entries that moved money or status: a caseworker asks, a supervisor approves. */
  needApproval: readonly string[];
  /**
   * The dependent rule: a later, unrevoked event depends on the revoked one when its type is
   * listed under the revoked type here and, if both carry a `stage`, its stage is the same or
   * later, and its `assessmentId` or `proposalId`, where it carries one, is that of the revoked
   * entry or of an entry already found to depend on it (an exit approval, through its proposal
   * made on the revoked assessment); '*' lists every later event.
   */
  follows: Readonly<Record<string, readonly string[] | '*'>>;
  /**
   * The data field that names whom an entry is about (a Kube's `householdId`, a course's `nik`):
   * where both entries have one, a later entry about someone else does not follow from the revoked one.
   */
  key?: string;
}

interface Entry {
  type: string;
  data: unknown;
}

/** What the fold keeps beside a decider's own state: the stream as folded, the revoked revisions, the open requests. */
export interface RevocationLog {
  entries: Entry[];
  revoked: number[];
  pending: Record<string, RevocationTarget & { requestedBy: string; reason: string }>;
}

export type WithRevocations<S> = S & { revocations: RevocationLog };

const isRevocation = (type: string): boolean => (REVOCATION_EVENT_TYPES as readonly string[]).includes(type);

/**
 * The decider with corrections: `evolve` keeps each event it folds and, at an `EventRevoked`,
 * re-folds the stream without the revoked entries; `decide` answers the revocation commands and
 * passes the others to the decider.
 */
export function revocable<C, E extends DomainEvent, S extends object>(
  decider: Decider<C, E, S>,
  rules: RevocationRules,
  /** What `EventRevoked` carries of the state folded without the entry, for read models (none: nothing). */
  restoredOf?: (state: S) => RestoredStatus,
): Decider<C | RevocationCommand, E | RevocationEvent, WithRevocations<S>> {
  const refold = (log: RevocationLog): S => {
    let state = decider.initialState();
    log.entries.forEach((entry, revision) => {
      if (!isRevocation(entry.type) && !log.revoked.includes(revision)) state = decider.evolve(state, entry as E);
    });
    return state;
  };
  const own = (state: WithRevocations<S>): S => {
    const { revocations: _log, ...rest } = state;
    return rest as unknown as S;
  };
  const restored = (log: RevocationLog, revision: number): { restored?: RestoredStatus } =>
    restoredOf ? { restored: restoredOf(refold({ ...log, revoked: [...log.revoked, revision] })) } : {};
  const initialState = (): WithRevocations<S> => ({
    ...decider.initialState(),
    revocations: { entries: [], revoked: [], pending: {} },
  });
  return {
    initialState,
    evolve(state, event) {
      const before = state.revocations;
      const entries = [...before.entries, { type: event.type, data: event.data }];
      if (!isRevocation(event.type)) {
        return { ...decider.evolve(own(state), event as E), revocations: { ...before, entries } };
      }
      const target = event.data as RevocationTarget;
      const { [target.eventId]: _done, ...open } = before.pending;
      if (event.type === 'RevocationRequested') {
        const data = (event as RevocationRequested).data;
        const pending = {
          ...before.pending,
          [data.eventId]: { ...target, requestedBy: data.requestedBy, reason: data.reason },
        };
        return { ...state, revocations: { ...before, entries, pending } };
      }
      if (event.type === 'RevocationRejected') return { ...state, revocations: { ...before, entries, pending: open } };
      const revocations = { entries, revoked: [...before.revoked, target.revision], pending: open };
      return { ...refold(revocations), revocations };
    },
    decide(command, state) {
      const c = command as RevocationCommand;
      switch (c.type) {
        case 'RequestRevocation':
          return requestRevocation(c.data, state.revocations, rules, restored);
        case 'ApproveRevocation':
        case 'RejectRevocation': {
          const request = state.revocations.pending[c.data.eventId];
          if (!request)
            throw notFound('REVOCATION.NO_PENDING_REQUEST', 'No revocation of this event awaits a decision');
          if (!APPROVERS.includes(c.data.role))
            throw ruleBroken('REVOCATION.NEEDS_SUPERVISOR', 'A supervisor decides on a revocation');
          const { requestedBy, reason, ...target } = request;
          if (c.type === 'RejectRevocation') {
            return [{ type: 'RevocationRejected', data: { ...target, reason: c.data.reason, rejectedBy: c.data.by } }];
          }
          if (c.data.by === requestedBy)
            throw ruleBroken(
              'REVOCATION.CANNOT_APPROVE_OWN_REQUEST',
              'Someone else approves a revocation you asked for',
            );
          const after = restored(state.revocations, target.revision);
          return [{ type: 'EventRevoked', data: { ...target, reason, requestedBy, approvedBy: c.data.by, ...after } }];
        }
        default:
          return decider.decide(command as C, own(state));
      }
    },
  };
}

function requestRevocation(
  data: Extract<RevocationCommand, { type: 'RequestRevocation' }>['data'],
  log: RevocationLog,
  rules: RevocationRules,
  restored: (log: RevocationLog, revision: number) => { restored?: RestoredStatus },
): RevocationEvent[] {
  const { reason, by, role, ...target } = data;
  const { eventId, eventType, revision } = target;
  const entry = log.entries[revision];
  if (!entry || entry.type !== eventType)
    throw notFound('REVOCATION.EVENT_NOT_FOUND', 'No such event among the entries this route corrects');
  if (isRevocation(eventType) || rules.irrevocable.includes(eventType))
    throw ruleBroken('REVOCATION.EVENT_NOT_REVOCABLE', `A ${eventType} cannot be revoked`, { eventType });
  if (log.revoked.includes(revision)) throw conflict('REVOCATION.ALREADY_REVOKED', 'This event is already revoked');
  if (log.pending[eventId])
    throw conflict('REVOCATION.ALREADY_REQUESTED', 'A revocation of this event already awaits a decision');
  if (rules.needApproval.includes(eventType) && !APPROVERS.includes(role))
    return [{ type: 'RevocationRequested', data: { ...target, reason, requestedBy: by } }];
  return [{ type: 'EventRevoked', data: { ...target, reason, requestedBy: by, ...restored(log, revision) } }];
}

/** Ids that tie a later entry to the one it was made on when both carry them (an exit proposal and its assessment). */
const SAME_ID = ['assessmentId', 'proposalId'] as const;
const idOf = (entry: Entry, key: string): unknown => (entry.data as Record<string, unknown>)[key];

/**
 * The later decisions that followed from the entry at `revision` (see RevocationRules.follows),
 * by revision, for a person to review: nothing is undone with the entry.
 */
export function dependentsOf(log: RevocationLog, revision: number, rules: RevocationRules): number[] {
  const revoked = log.entries[revision];
  if (!revoked) return [];
  const follows = rules.follows[revoked.type] ?? [];
  const stageOf = (entry: Entry): string | undefined => (entry.data as { stage?: unknown }).stage as string | undefined;
  const from = stageOf(revoked);
  const keyOf = (entry: Entry): unknown => (rules.key ? (entry.data as Record<string, unknown>)[rules.key] : undefined);
  const whom = keyOf(revoked);
  const dependents: number[] = [];
  const idsOf = (entry: Entry) =>
    SAME_ID.flatMap((key) => (idOf(entry, key) === undefined ? [] : [`${key}:${String(idOf(entry, key))}`]));
  const tied = new Set(idsOf(revoked));
  const refused = new Set<string>();
  log.entries.forEach((entry, at) => {
    if (at <= revision || isRevocation(entry.type) || log.revoked.includes(at)) return;
    if (follows !== '*' && !follows.includes(entry.type)) return;
    const stage = stageOf(entry);
    if (from !== undefined && stage !== undefined && stage < from) return;
    const other = keyOf(entry);
    if (whom !== undefined && other !== undefined && other !== whom) return;
    // Tied by ids: an entry made on another assessment or proposal (or on one a refused entry was made on) is not one.
    const ids = idsOf(entry);
    const mismatch = ids.some((id) => {
      const key = id.slice(0, id.indexOf(':'));
      return refused.has(id) || ([...tied].some((t) => t.startsWith(`${key}:`)) && !tied.has(id));
    });
    if (mismatch) return ids.forEach((id) => refused.add(id));
    ids.forEach((id) => tied.add(id));
    dependents.push(at);
  });
  return dependents;
}
