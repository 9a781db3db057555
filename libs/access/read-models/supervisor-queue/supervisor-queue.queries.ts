import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type Kysely } from 'kysely';
import type { Reach } from '#libs/platform/auth/index.js';
import {
  READ_DATABASE,
  areaReachCondition,
  reachCondition,
  type ReadDatabase,
} from '#libs/platform/read-store/index.js';
import type { SupervisorQueueTables } from './supervisor-queue.table.js';

export interface SupervisorQueue {
  /** Exit proposals awaiting approval or rejection, oldest first. */
  exitProposals: Array<{
    householdId: string;
    kecamatan: string;
    kelurahan: string;
    proposalId: string;
    proposedBy: string;
    proposedAt: string;
  }>;
  /** Break-the-glass openings of the area's households not reviewed yet, oldest first. */
  openings: Array<{
    openingId: string;
    staffId: string;
    householdId: string;
    reason: string;
    openedAt: string;
    until: string;
  }>;
  /** Caseworkers' kelurahan in the area whose assignment ends within `withinDays`. */
  assignmentsEnding: Array<{
    assignmentId: string;
    staffId: string;
    kecamatan: string;
    kelurahan: string | null;
    validUntil: string;
  }>;
  /** Transfers a caseworker asked for, awaiting a supervisor's decision, oldest first. */
  transfers: Array<{
    transferId: string;
    householdId: string;
    kecamatan: string;
    kelurahan: string;
    fromCaseworkerId: string | null;
    toCaseworkerId: string;
    requestedAt: string;
  }>;
  /** Complaints escalated as overdue and not yet resolved, the longest overdue first. */
  escalatedComplaints: Array<{
    complaintId: string;
    householdId: string;
    kecamatan: string;
    kelurahan: string;
    category: string;
    subject: string;
    assignee: string | null;
    dueOn: string;
    escalatedOn: string;
  }>;
  /**
   * Revocations a caseworker asked for (ADR 0019), awaiting approval or rejection, oldest first.
   * `householdId` where the entry is in a household's stream; a Kube group's or course's entry
   * names its stream alone. The area is the household's now, or the group's or course's (null
   * when unknown: then only readers of the whole city see it).
   */
  revocationRequests: Array<{
    eventId: string;
    entryType: string;
    stream: string;
    householdId: string | null;
    kecamatan: string | null;
    kelurahan: string | null;
    requestedBy: string;
    requestedAt: string;
    reason: string;
  }>;
}

export class GetSupervisorQueueQuery extends Query<SupervisorQueue> {
  constructor(
    readonly reach: Reach,
    /** Today (YYYY-MM-DD): assignments ending between today and today + withinDays. */
    readonly today: string,
    readonly withinDays: number,
  ) {
    super();
  }
}

const plusDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

@QueryHandler(GetSupervisorQueueQuery)
export class GetSupervisorQueueHandler implements IQueryHandler<GetSupervisorQueueQuery> {
  private readonly db: Kysely<SupervisorQueueTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  async execute({ reach, today, withinDays }: GetSupervisorQueueQuery): Promise<SupervisorQueue> {
    const reached = reachCondition(reach);
    let proposals = this.db.selectFrom('queue_households').selectAll().where('exit_proposal_id', 'is not', null);
    if (reached) proposals = proposals.where(reached);
    let openings = this.db
      .selectFrom('queue_openings')
      .innerJoin('queue_households', 'queue_households.household_id', 'queue_openings.household_id')
      .selectAll('queue_openings')
      .where('queue_openings.reviewed_by', 'is', null);
    // The other items of a household are scoped by its area (or caseload), never by break-the-glass.
    const householdReach = reached ? reachCondition({ ...reach, opened: [] }, 'queue_households')! : undefined;
    if (householdReach) openings = openings.where(householdReach);
    let transfers = this.db
      .selectFrom('queue_transfers')
      .innerJoin('queue_households', 'queue_households.household_id', 'queue_transfers.household_id')
      .selectAll('queue_transfers')
      .select(['queue_households.kecamatan', 'queue_households.kelurahan']);
    if (householdReach) transfers = transfers.where(householdReach);
    let complaints = this.db
      .selectFrom('queue_complaints')
      .innerJoin('queue_households', 'queue_households.household_id', 'queue_complaints.household_id')
      .selectAll('queue_complaints')
      .select(['queue_households.kecamatan', 'queue_households.kelurahan'])
      .where('queue_complaints.escalated_on', 'is not', null);
    if (householdReach) complaints = complaints.where(householdReach);
    let revocations = this.db
      .selectFrom('queue_revocations')
      .leftJoin('queue_households', 'queue_households.household_id', 'queue_revocations.household_id')
      .leftJoin('queue_places', 'queue_places.stream', 'queue_revocations.stream')
      .selectAll('queue_revocations')
      .select((eb) => [
        eb.fn.coalesce('queue_households.kecamatan', 'queue_places.kecamatan').as('kecamatan'),
        eb.fn.coalesce('queue_households.kelurahan', 'queue_places.kelurahan').as('kelurahan'),
      ]);
    // A household's entry by the household's reach; a Kube group's or course's by its area.
    if (householdReach)
      revocations = revocations.where(
        sql<boolean>`(${householdReach} OR ${areaReachCondition(reach, 'queue_places')!})`,
      );
    let ending = this.db
      .selectFrom('queue_assignments')
      .selectAll()
      .where('role', '=', 'caseworker')
      .where('revoked_on', 'is', null)
      .where('valid_until', '>=', today)
      .where('valid_until', '<=', plusDays(today, withinDays));
    if (!reach.cityWide) {
      if (reach.areas.length === 0) ending = ending.where(sql<boolean>`1 = 0`);
      else
        ending = ending.where((eb) =>
          eb.or(
            reach.areas.map((a) =>
              a.kelurahan === null
                ? eb('kecamatan', '=', a.kecamatan)
                : eb.and([eb('kecamatan', '=', a.kecamatan), eb('kelurahan', '=', a.kelurahan)]),
            ),
          ),
        );
    }
    const [p, o, e, t, c, r] = await Promise.all([
      proposals.orderBy('exit_proposed_at').execute(),
      openings.orderBy('queue_openings.opened_at').execute(),
      ending.orderBy('valid_until').execute(),
      transfers.orderBy('queue_transfers.requested_at').orderBy('queue_transfers.transfer_id').execute(),
      complaints.orderBy('queue_complaints.due_on').orderBy('queue_complaints.complaint_id').execute(),
      revocations.orderBy('queue_revocations.requested_at').orderBy('queue_revocations.event_id').execute(),
    ]);
    return {
      exitProposals: p.map((r) => ({
        householdId: r.household_id,
        kecamatan: r.kecamatan,
        kelurahan: r.kelurahan,
        proposalId: r.exit_proposal_id!,
        proposedBy: r.exit_proposed_by!,
        proposedAt: r.exit_proposed_at!,
      })),
      openings: o.map((r) => ({
        openingId: r.opening_id,
        staffId: r.staff_id,
        householdId: r.household_id,
        reason: r.reason,
        openedAt: r.opened_at,
        until: r.until,
      })),
      assignmentsEnding: e.map((r) => ({
        assignmentId: r.assignment_id,
        staffId: r.staff_id,
        kecamatan: r.kecamatan,
        kelurahan: r.kelurahan,
        validUntil: r.valid_until!,
      })),
      transfers: t.map((r) => ({
        transferId: r.transfer_id,
        householdId: r.household_id,
        kecamatan: r.kecamatan,
        kelurahan: r.kelurahan,
        fromCaseworkerId: r.from_caseworker_id,
        toCaseworkerId: r.to_caseworker_id,
        requestedAt: r.requested_at,
      })),
      escalatedComplaints: c.map((r) => ({
        complaintId: r.complaint_id,
        householdId: r.household_id,
        kecamatan: r.kecamatan,
        kelurahan: r.kelurahan,
        category: r.category,
        subject: r.subject,
        assignee: r.assignee,
        dueOn: r.due_on,
        escalatedOn: r.escalated_on!,
      })),
      revocationRequests: r.map((row) => ({
        eventId: row.event_id,
        entryType: row.entry_type,
        stream: row.stream,
        householdId: row.household_id,
        kecamatan: row.kecamatan,
        kelurahan: row.kelurahan,
        requestedBy: row.requested_by,
        requestedAt: row.requested_at,
        reason: row.reason,
      })),
    };
  }
}
