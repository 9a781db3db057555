import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { ACTOR_INDEX_TABLE, revocationsOf, type ActorIndexTables } from '#libs/audit/index.js';
import { PAYMENT_CHECKS_TABLE, type PaymentCheckTables } from '#libs/pkh/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import { READ_DATABASE, keyChunks, recordedAs, type ReadDatabase } from '#libs/platform/read-store/index.js';
import type { EventRevoked } from '#libs/platform/domain/index.js';
import type { CaseloadTables } from '../caseloads/caseload.table.js';
import { monthStartUtc, nextMonth } from '../shared/periods.js';

export const ACTIVITIES = [
  'complianceVerifications',
  'disbursements',
  'familySessionsHeld',
  'trainingSessions',
  'trainings',
  'kube',
  'pkh',
  'exits',
  'dataUpdates',
  'notes',
  'visitsDone',
  'visitsMissed',
  'referralsMade',
  'referralsAnswered',
  'complaintsHandled',
] as const;
export type Activity = (typeof ACTIVITIES)[number];

const BY_TYPE: Record<string, Activity> = {
  PkhComplianceVerified: 'complianceVerifications',
  PkhBenefitDisbursed: 'disbursements',
  EnrolledInPkh: 'pkh',
  PkhSuspended: 'pkh',
  PkhReinstated: 'pkh',
  PkhTerminated: 'pkh',
  PkhGraduated: 'pkh',
  CourseScheduled: 'trainings',
  ParticipantInvited: 'trainings',
  InvitationAccepted: 'trainings',
  InvitationDeclined: 'trainings',
  TrainingCompleted: 'trainings',
  TrainingDroppedOut: 'trainings',
  KubeFormed: 'kube',
  KubeMemberJoined: 'kube',
  KubeMemberLeft: 'kube',
  KubeGrantDisbursed: 'kube',
  KubeBusinessReported: 'kube',
  KubeDissolved: 'kube',
  ExitProposed: 'exits',
  ExitApproved: 'exits',
  ExitRejected: 'exits',
  HouseholdRegistered: 'dataUpdates',
  HouseholdAssessed: 'dataUpdates',
  MemberAdded: 'dataUpdates',
  MemberRemoved: 'dataUpdates',
  MemberDetailsCorrected: 'dataUpdates',
  PregnancyBegan: 'dataUpdates',
  PregnancyEnded: 'dataUpdates',
  ChildBorn: 'dataUpdates',
  MemberNikIssued: 'dataUpdates',
  SchoolLevelChanged: 'dataUpdates',
  DisabilityAssessed: 'dataUpdates',
  MemberDied: 'dataUpdates',
  MemberMovedOut: 'dataUpdates',
  MemberMovedIn: 'dataUpdates',
  HouseholdMoved: 'dataUpdates',
  CaseworkerAssigned: 'dataUpdates',
  CaseReopened: 'dataUpdates',
  CaseNoteRecorded: 'notes',
  VisitDone: 'visitsDone',
  VisitMissed: 'visitsMissed',
  ReferralMade: 'referralsMade',
  // The service's answer, recorded by whoever heard it (a supervisor, usually).
  ReferralAccepted: 'referralsAnswered',
  ReferralRejected: 'referralsAnswered',
  ReferralServiceDone: 'referralsAnswered',
  ComplaintReceived: 'complaintsHandled',
  ComplaintResolved: 'complaintsHandled',
  ComplainantInformed: 'complaintsHandled',
};

/** What places an activity in a month: the day it happened, or, when the event names none, when it was recorded. */
export type PlacedBy = 'business_date' | 'recorded';

/**
 * What a caseworker did in a month (local time): the report they used to assemble by hand. Each
 * activity counts in the month of its business date (a verification done on 28 November and
 * typed on 2 December counts in November); an event that names no day counts on the day it was
 * recorded in JEJAK_TIME_ZONE.
 */
@Injectable()
export class MonthlyReports {
  private readonly db: Kysely<ActorIndexTables & CaseloadTables & PaymentCheckTables>;
  constructor(
    @Inject(READ_DATABASE) database: ReadDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    this.db = database.reader;
  }

  async forCaseworker(caseworkerId: string, month: string) {
    const zone = this.config.timeZone;
    const next = nextMonth(month);
    const rows = await this.db
      .selectFrom(ACTOR_INDEX_TABLE)
      .selectAll()
      .where('actor', '=', caseworkerId)
      .where((eb) =>
        eb.or([
          eb.and([eb('business_date', '>=', `${month}-01`), eb('business_date', '<', `${next}-01`)]),
          eb.and([
            eb('business_date', 'is', null),
            eb('occurred_at', '>=', monthStartUtc(month, zone)),
            eb('occurred_at', '<', monthStartUtc(next, zone)),
          ]),
        ]),
      )
      .orderBy('position')
      .execute();
    const courses = new Map(
      (await this.db.selectFrom('caseload_courses').select(['course_id', 'kind']).execute()).map((c) => [
        `training-${c.course_id}`,
        c.kind,
      ]),
    );
    const revoked = await this.revokedAmong(rows);
    const counts = Object.fromEntries(ACTIVITIES.map((a) => [a, 0])) as Record<Activity, number>;
    const activities = rows.flatMap((row) => {
      const activity: Activity | undefined =
        row.type === 'SessionAttendanceRecorded'
          ? courses.get(row.stream) === 'family_session'
            ? 'familySessionsHeld'
            : 'trainingSessions'
          : BY_TYPE[row.type];
      if (!activity) return [];
      const position = Number(row.position);
      // A revoked entry (ADR 0019) is listed, marked, and not counted: it did not happen.
      if (!revoked.has(position)) counts[activity] += 1;
      return [
        {
          position,
          occurredAt: row.occurred_at,
          businessDate: row.business_date,
          placedBy: (row.business_date === null ? 'recorded' : 'business_date') as PlacedBy,
          activity,
          type: row.type,
          stream: row.stream,
          reason: row.reason,
          revoked: revoked.has(position),
        },
      ];
    });
    const paymentFollowUps = await this.paymentFollowUps(caseworkerId, month);
    return { caseworkerId, month, timeZone: zone, counts, paymentFollowUps, activities };
  }

  /**
   * The positions of `rows` whose entries were revoked since (ADR 0019). A revocation is an event
   * on the entry's stream naming the entry's revision: the report looks for revocations on the
   * households its rows speak of (the actor index's household column, indexed), recorded after its
   * first row, and finds each one's entry in the store. Revocations are rare: a few reads at most.
   */
  private async revokedAmong(rows: ReadonlyArray<{ position: number | string; household_id: string | null }>) {
    const revoked = new Set<number>();
    if (rows.length === 0) return revoked;
    const households = [...new Set(rows.map((r) => r.household_id).filter((h): h is string => h !== null))];
    // The rows come in position order: a revocation of any of them comes after the first.
    const first = Number(rows[0]!.position);
    const ours = new Set(rows.map((r) => Number(r.position)));
    for (const chunk of keyChunks(households)) {
      const revocations = await revocationsOf(this.db, chunk, first).execute();
      for (const { position, stream } of revocations) {
        const [found] = recordedAs<EventRevoked>(await this.store.readAll({ after: Number(position) - 1, limit: 1 }));
        if (found?.type !== 'EventRevoked' || found.stream !== stream) continue;
        const { revision } = found.data;
        const [entry] = await this.store.readStream(stream, { from: revision, limit: 1 });
        if (entry && entry.revision === revision && ours.has(entry.position)) revoked.add(entry.position);
      }
    }
    return revoked;
  }

  /**
   * The post-payment checks the caseworker recorded, by the day the family was reached (the
   * business date, already local), not by when Jejak learned it.
   */
  private async paymentFollowUps(caseworkerId: string, month: string) {
    const rows = await this.db
      .selectFrom(PAYMENT_CHECKS_TABLE)
      .select(['outcome', 'problem_code'])
      .where('checked_by', '=', caseworkerId)
      .where('checked_on', '>=', `${month}-01`)
      .where('checked_on', '<', `${nextMonth(month)}-01`)
      .execute();
    const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
    const findings: Record<string, number> = {};
    for (const r of rows) if (r.problem_code) findings[r.problem_code] = (findings[r.problem_code] ?? 0) + 1;
    return {
      checks: rows.length,
      received: count('received'),
      notReceived: count('not_received'),
      problem: count('problem'),
      findings,
    };
  }
}
