import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '#libs/platform/event-store/index.js';
import type { AnyEvent } from '#libs/privacy/index.js';

/** What a household revocation carries of the household after it (public fields only). */
const RESTORED = {
  welfareStatus: 'below_poverty_line',
  lastAssessment: { assessmentId: 'a-1', perCapitaIncome: 380_000, povertyLine: 600_000, assessedOn: '2026-01-05' },
  caseStatus: 'open',
  closedOn: null,
  pendingExit: false,
  notes: 2,
  pkhStatus: 'active',
};

/**
 * One event of every type with recognisable personal data in every field PII-free readers must
 * not see (names, NIK, KK, street, birth date, free text, health flags, raw household ids), and
 * plausible values elsewhere. A PII-free output that matches PII_MARKERS leaks.
 */
export const NAME = 'Ahmad Lestari';
export const NIK = '3275099900000001';
export const NIK2 = '3275099900000002';
export const KK = '3275088800000001';
export const BIRTH_DATE = '1979-07-13';
export const TEXT = `SECRET: ${NAME} (NIK ${NIK}) now runs a catering stall`;
export const HOUSEHOLD_ID = '0badcafe-0000-4000-8000-00000000feed';
export const HOUSEHOLD_ID2 = '0badcafe-0000-4000-8000-00000000bee2';
const SPECIAL_AMOUNT = 3_131_313;
const BATCH_ID = '5eed0000-0000-4000-8000-00000000ba7c';
const COMPLAINT_ID = '5eed0000-0000-4000-8000-0000000c0a1e';
const REFERRAL_ID = '5eed0000-0000-4000-8000-00000000fe44';
const VISIT_ID = '5eed0000-0000-4000-8000-000000071517';

/** The entry a revocation names in the samples. */
const REVOKED = {
  eventId: '0b3a4c6e-1d2f-4a5b-8c7d-9e0f1a2b3c4d',
  eventType: 'PkhBenefitDisbursed',
  revision: 2,
  stage: '2026-1',
  amount: 750_000,
  businessDate: '2026-03-01',
  occurredAt: '2026-03-02T01:00:00.000Z',
  // What a Kube or course entry's revocation carries (ADR 0019).
  householdId: HOUSEHOLD_ID,
  householdIds: [HOUSEHOLD_ID],
  nik: NIK,
  code: 'childcare',
};

export const PII_MARKERS =
  /SECRET|Ahmad|Lestari|32750999|32750888|Rahasia|rt-secret|rw-secret|1979-07-13|0badcafe|pregnant|severeDisability|disability|3131313/;

const member = (nik: string) => ({
  nik,
  name: NAME,
  birthDate: BIRTH_DATE,
  sex: 'male' as const,
  relationship: 'head' as const,
  pregnant: true,
  severeDisability: true,
  schoolLevel: 'none' as const,
});
const participant = (courseId: string) => ({ courseId, householdId: HOUSEHOLD_ID, nik: NIK });

type Samples = { [T in AnyEvent['type']]: Extract<AnyEvent, { type: T }>['data'] };

/** The data of every event type (a type without its sample does not compile). */
export function piiSamples(ids: { kubeId: string; courseId: string; staffId: string }): Samples {
  const { kubeId, courseId, staffId } = ids;
  const area = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
  return {
    HouseholdRegistered: {
      householdId: HOUSEHOLD_ID,
      kk: KK,
      address: { ...area, street: 'Jalan Rahasia 13', rt: 'rt-secret', rw: 'rw-secret' },
      members: [member(NIK)],
      // Public by declaration (a ranking reporters count by): it must reach them as it is.
      dtks: { welfareDecile: 2, extractedOn: '2026-01-31' },
    },
    HouseholdAssessed: {
      assessmentId: randomUUID(),
      perCapitaIncome: 400_000,
      povertyLine: 600_000,
      assessedOn: '2026-03-02',
      householdSize: 2,
      welfareStatus: 'below_poverty_line',
    },
    CaseworkerAssigned: { caseworkerId: staffId, previousCaseworkerId: null },
    CaseNoteRecorded: { noteId: randomUUID(), text: TEXT, topic: 'other' },
    MemberAdded: { member: member(NIK2) },
    MemberRemoved: { nik: NIK2, reason: 'moved', detail: TEXT, effectiveOn: '2026-03-03' },
    MemberDetailsCorrected: { nik: NIK, name: NAME, birthDate: BIRTH_DATE, sex: 'male', reason: TEXT },
    PregnancyBegan: { nik: NIK, reportedOn: BIRTH_DATE, expectedDeliveryOn: BIRTH_DATE },
    // The outcome is a code; marked here so that a PII-free reader seeing it would fail the test.
    PregnancyEnded: { nik: NIK, endedOn: BIRTH_DATE, outcome: 'birth (pregnant)' as 'birth' },
    ChildBorn: { motherNik: NIK, child: member(NIK2), nikPending: false },
    MemberNikIssued: { pendingNik: NIK2, nik: NIK },
    SchoolLevelChanged: { nik: NIK, schoolLevel: 'primary', previousSchoolLevel: 'none', changedOn: '2026-03-03' },
    DisabilityAssessed: { nik: NIK, severeDisability: true, assessedOn: '2026-03-03', assessedBy: staffId },
    MemberDied: {
      nik: NIK2,
      diedOn: '2026-03-03',
      source: 'dukcapil',
      reference: TEXT,
      newHeadNik: NIK,
      newHeadName: NAME,
    },
    MemberMovedOut: { nik: NIK2, movedOn: '2026-03-03', destination: TEXT, newHeadNik: NIK, newHeadName: NAME },
    MemberMovedIn: { member: member(NIK2), movedOn: '2026-03-03', origin: TEXT },
    HouseholdMoved: {
      address: { ...area, street: 'Jalan Rahasia 13', rt: 'rt-secret', rw: 'rw-secret' },
      previousAddress: { ...area, street: 'Jalan Rahasia 13', rt: 'rt-secret', rw: 'rw-secret' },
      movedOn: '2026-03-03',
    },
    ExitProposed: {
      proposalId: 'p1',
      assessmentId: 'a1',
      perCapitaIncome: 900_000,
      povertyLine: 600_000,
      proposedBy: staffId,
      reason: TEXT,
    },
    ExitRejected: { proposalId: 'p1', rejectedBy: 'sv-pii', reason: TEXT },
    ExitApproved: { proposalId: 'p2', approvedBy: 'sv-pii', persons: 1, exitedOn: '2026-03-04' },
    CaseReopened: { reason: TEXT, reopenedOn: '2026-03-05' },
    ErasureRequested: {
      requestId: randomUUID(),
      legalBasis: 'data_subject_request',
      reason: TEXT,
      requestedBy: 'admin-01',
    },
    HouseholdErased: {
      requestId: randomUUID(),
      legalBasis: 'data_subject_request',
      requestedBy: 'admin-01',
      approvedBy: 'admin-02',
      erasedOn: '2026-03-06',
    },

    EnrolledInPkh: {
      householdId: HOUSEHOLD_ID,
      enrolledOn: '2026-03-02',
      components: [
        { nik: NIK, component: 'pregnant_or_postpartum', annualAmount: SPECIAL_AMOUNT, counted: true },
        { nik: NIK, component: 'severe_disability', annualAmount: SPECIAL_AMOUNT, counted: true },
      ],
      entitlementPerStage: 750_000,
      benefitIndex: { version: '2026', effectiveFrom: '2026-01-01', stagesPerYear: 4, maxCountedPersonsPerFamily: 4 },
    },
    PkhEntitlementReassessed: {
      householdId: HOUSEHOLD_ID,
      stage: '2026-2',
      membersOn: '2026-04-01',
      components: [{ nik: NIK, component: 'pregnant_or_postpartum', annualAmount: SPECIAL_AMOUNT, counted: true }],
      entitlementPerStage: 750_000,
      previousEntitlementPerStage: 1_500_000,
      benefitIndex: { version: '2026', effectiveFrom: '2026-01-01', stagesPerYear: 4, maxCountedPersonsPerFamily: 4 },
    },
    PkhComplianceVerified: {
      householdId: HOUSEHOLD_ID,
      stage: '2026-1',
      compliant: false,
      missed: [{ nik: NIK, commitment: 'health_check', detail: TEXT }],
      verifiedOn: '2026-03-10',
    },
    PkhBenefitDisbursed: {
      householdId: HOUSEHOLD_ID,
      stage: '2026-1',
      amount: 750_000,
      channel: 'bank_transfer',
      reference: 'REF-SECRET-1',
      disbursedOn: '2026-03-11',
    },
    PkhPaymentFailed: {
      householdId: HOUSEHOLD_ID,
      stage: '2026-1',
      amount: 750_000,
      outcome: 'failed',
      reasonCode: TEXT,
      reference: 'REF-SECRET-3',
      failedOn: '2026-03-11',
    },
    PkhPaymentReversed: {
      householdId: HOUSEHOLD_ID,
      stage: '2026-1',
      amount: 750_000,
      reference: 'REF-SECRET-1',
      reversedOn: '2026-03-20',
    },
    PkhSuspended: { householdId: HOUSEHOLD_ID, stage: '2026-1', consecutiveNonCompliantStages: 3 },
    DisbursementBatchDeclared: {
      batchId: BATCH_ID,
      stage: '2026-1',
      channel: 'bank_transfer',
      plannedOn: '2026-03-10',
      reissueOf: null,
      count: 1,
      rupiah: 750_000,
      secondApprovalAbove: 1_000_000_000,
      maker: staffId,
    },
    PaymentAddedToBatch: {
      batchId: BATCH_ID,
      householdId: HOUSEHOLD_ID,
      reference: 'REF-SECRET-2',
      nik: NIK,
      name: NAME,
      account: 'KKS-SECRET-1',
      amount: 750_000,
    },
    DisbursementBatchApproved: {
      batchId: BATCH_ID,
      approver: staffId,
      role: 'admin',
      approvalsGiven: 1,
      approvalsNeeded: 1,
    },
    DisbursementBatchCancelled: { batchId: BATCH_ID },
    DisbursementBatchExported: {
      batchId: BATCH_ID,
      format: 'jejak-pkh-payment-v1',
      checksum: 'ab'.repeat(32),
      count: 1,
      rupiah: 750_000,
    },
    BatchPaymentSettled: {
      batchId: BATCH_ID,
      householdId: HOUSEHOLD_ID,
      reference: 'REF-SECRET-2',
      stage: '2026-1',
      outcome: 'returned',
      reasonCode: TEXT,
      amount: 750_000,
      settledOn: '2026-03-12',
    },
    BatchPaymentReversed: {
      batchId: BATCH_ID,
      householdId: HOUSEHOLD_ID,
      reference: 'REF-SECRET-2',
      stage: '2026-1',
      amount: 750_000,
      reversedOn: '2026-03-13',
    },
    PaymentCheckSampleDrawn: {
      batchId: BATCH_ID,
      confidence: 0.95,
      margin: 0.1,
      population: 2,
      size: 2,
      seed: 7,
      householdIds: [HOUSEHOLD_ID, HOUSEHOLD_ID2],
      drawnOn: '2026-03-14',
    },
    PaymentCheckRecorded: {
      batchId: BATCH_ID,
      householdId: HOUSEHOLD_ID,
      method: 'visit',
      outcome: 'problem',
      problemCode: 'FEE_CHARGED',
      note: TEXT,
      checkedOn: '2026-03-15',
      checkedBy: 'cw-01',
    },
    PkhKksAccountRecorded: {
      householdId: HOUSEHOLD_ID,
      bank: 'BRI',
      account: 'SECRET-KKS-6013012345678901',
      recordedOn: '2026-03-01',
    },
    PkhReinstated: { householdId: HOUSEHOLD_ID, reason: TEXT },
    PkhTerminated: { householdId: HOUSEHOLD_ID, reason: TEXT },
    PkhGraduated: { householdId: HOUSEHOLD_ID, kind: 'self_declared', reason: TEXT, graduatedOn: '2026-03-12' },

    KubeFormed: {
      kubeId,
      name: `Kube ${NAME} SECRET`,
      businessType: TEXT,
      ...area,
      householdIds: [HOUSEHOLD_ID, HOUSEHOLD_ID2],
      formedOn: '2026-03-02',
    },
    KubeMemberJoined: { kubeId, householdId: HOUSEHOLD_ID, joinedOn: '2026-03-03' },
    KubeMemberLeft: { kubeId, householdId: HOUSEHOLD_ID2, reason: 'other', detail: TEXT, leftOn: '2026-03-04' },
    KubeGrantDisbursed: {
      kubeId,
      amount: 10_000_000,
      source: TEXT,
      reference: 'REF-SECRET-2',
      disbursedOn: '2026-03-05',
    },
    KubeBusinessReported: { kubeId, period: '2026-03', revenue: 2_000_000, activeMembers: 2 },
    KubeDissolved: { kubeId, reason: TEXT, householdIds: [HOUSEHOLD_ID], dissolvedOn: '2026-03-06' },

    CourseScheduled: {
      courseId,
      kind: 'vocational',
      skill: TEXT,
      title: `SECRET course for ${NAME}`,
      provider: `SECRET provider ${NAME}`,
      capacity: 20,
      sessions: 4,
      startsOn: '2026-03-02',
      endsOn: '2026-03-30',
      ...area,
      costPerParticipant: 1_500_000,
    },
    ParticipantInvited: participant(courseId),
    InvitationAccepted: participant(courseId),
    InvitationDeclined: { ...participant(courseId), reason: 'childcare', detail: TEXT },
    SessionAttendanceRecorded: {
      courseId,
      sessionNo: 1,
      heldOn: '2026-03-03',
      present: [NIK],
      householdIds: [HOUSEHOLD_ID],
      presentHouseholds: [HOUSEHOLD_ID],
    },
    TrainingCompleted: { ...participant(courseId), certificateNo: 'CERT-SECRET-1' },
    TrainingDroppedOut: { ...participant(courseId), reason: 'health', detail: TEXT },

    ComplaintReceived: {
      complaintId: COMPLAINT_ID,
      aboutHouseholdId: HOUSEHOLD_ID,
      ...area,
      category: 'caseworker_conduct',
      subject: 'caseworker',
      subjectCaseworkerId: 'cw-SECRET-accused',
      source: 'third_party',
      channel: 'phone',
      complainant: { name: NAME, phone: '081331313130' },
      description: TEXT,
      receivedOn: '2026-03-02',
      dueOn: '2026-03-09',
    },
    ComplaintAssigned: { complaintId: COMPLAINT_ID, aboutHouseholdId: HOUSEHOLD_ID, assignee: 'sv-pii' },
    ComplaintEscalated: {
      complaintId: COMPLAINT_ID,
      aboutHouseholdId: HOUSEHOLD_ID,
      dueOn: '2026-03-09',
      escalatedOn: '2026-03-10',
      assignee: 'sv-pii',
    },
    ComplaintResolved: {
      complaintId: COMPLAINT_ID,
      aboutHouseholdId: HOUSEHOLD_ID,
      outcome: 'upheld',
      reason: TEXT,
      resolvedOn: '2026-03-11',
    },
    ComplainantInformed: {
      complaintId: COMPLAINT_ID,
      aboutHouseholdId: HOUSEHOLD_ID,
      channel: 'visit',
      informedOn: '2026-03-12',
    },

    ReferralMade: {
      referralId: REFERRAL_ID,
      householdId: HOUSEHOLD_ID,
      nik: NIK,
      ...area,
      caseworkerId: staffId,
      referredBy: staffId,
      service: 'puskesmas',
      reason: 'maternal_care',
      note: TEXT,
      referredOn: '2026-03-02',
    },
    ReferralAccepted: { referralId: REFERRAL_ID, householdId: HOUSEHOLD_ID, acceptedOn: '2026-03-03' },
    ReferralRejected: {
      referralId: REFERRAL_ID,
      householdId: HOUSEHOLD_ID,
      rejection: 'incomplete_documents',
      detail: TEXT,
      rejectedOn: '2026-03-04',
    },
    ReferralServiceDone: { referralId: REFERRAL_ID, householdId: HOUSEHOLD_ID, note: TEXT, doneOn: '2026-03-05' },
    ReferralRevoked: { referralId: REFERRAL_ID, householdId: HOUSEHOLD_ID, reason: TEXT, revokedOn: '2026-03-06' },

    AreaAssigned: {
      assignmentId: randomUUID(),
      staffId,
      role: 'caseworker',
      ...area,
      validFrom: '2026-01-01',
      validUntil: null,
      assignedBy: 'admin-pii',
      reason: TEXT,
    },
    AreaAssignmentRevoked: {
      assignmentId: randomUUID(),
      staffId,
      revokedBy: 'admin-pii',
      reason: TEXT,
      revokedOn: '2026-03-02',
    },
    HouseholdOpened: {
      openingId: 'o1',
      staffId,
      householdId: HOUSEHOLD_ID,
      reason: TEXT,
      until: '2026-03-02T03:00:00Z',
    },
    OpeningReviewed: { openingId: 'o1', staffId, householdId: HOUSEHOLD_ID, reviewedBy: 'sv-pii', note: TEXT },

    TransferRequested: {
      householdId: HOUSEHOLD_ID,
      transferId: VISIT_ID,
      fromCaseworkerId: staffId,
      toCaseworkerId: 'cw-pii-2',
      requestedBy: 'sv-pii',
      requestedAs: 'supervisor',
      reason: TEXT,
    },
    TransferAccepted: {
      householdId: HOUSEHOLD_ID,
      transferId: VISIT_ID,
      fromCaseworkerId: staffId,
      toCaseworkerId: 'cw-pii-2',
      decidedBy: 'cw-pii-2',
      movedVisitIds: [VISIT_ID],
    },
    TransferRejected: {
      householdId: HOUSEHOLD_ID,
      transferId: VISIT_ID,
      toCaseworkerId: 'cw-pii-2',
      decidedBy: 'cw-pii-2',
      reason: TEXT,
    },
    VisitScheduled: {
      householdId: HOUSEHOLD_ID,
      visitId: VISIT_ID,
      kind: 'home_visit',
      dueOn: '2026-04-01',
      origin: 'manual',
      purpose: TEXT,
    },
    VisitRescheduled: {
      householdId: HOUSEHOLD_ID,
      visitId: VISIT_ID,
      previousDueOn: '2026-04-01',
      dueOn: '2026-04-08',
      reason: TEXT,
    },
    VisitMissed: { householdId: HOUSEHOLD_ID, visitId: VISIT_ID, missedOn: '2026-04-08', reason: TEXT },
    VisitDone: { householdId: HOUSEHOLD_ID, visitId: VISIT_ID, doneOn: '2026-04-09', note: TEXT },
    FlagSet: { householdId: HOUSEHOLD_ID, flag: 'child_out_of_school', risk: 'high', reason: TEXT },
    FlagCleared: { householdId: HOUSEHOLD_ID, flag: 'child_out_of_school', reason: TEXT },
    CaseloadReassigned: {
      reassignmentId: VISIT_ID,
      fromCaseworkerId: staffId,
      toCaseworkerId: 'cw-pii-2',
      householdIds: [HOUSEHOLD_ID],
      reason: TEXT,
    },

    ReservationMade: { kind: 'nik', holder: HOUSEHOLD_ID },
    ReservationReleased: { kind: 'nik', holder: HOUSEHOLD_ID },
    RevocationRequested: { ...REVOKED, reason: TEXT, requestedBy: 'cw-01' },
    EventRevoked: {
      ...REVOKED,
      persons: 3,
      reason: TEXT,
      requestedBy: 'cw-01',
      approvedBy: 'sv-01',
      restored: RESTORED,
    },
    RevocationRejected: { ...REVOKED, reason: TEXT, rejectedBy: 'sv-01' },
  };
}

/** The metadata of every sample: a reason and the client's correlation id with personal data. */
export const piiMetadata: EventMetadata = {
  actor: 'cw-pii',
  role: 'caseworker',
  correlationId: `corr SECRET ${NAME}`,
  causationId: `cause SECRET ${NIK}`,
  occurredAt: '2026-03-02T01:00:00.000Z',
  schemaVersion: 1,
  reason: TEXT,
};

/** The streams the samples go to, in the order the command path would write them. */
export function piiSampleStreams(ids: { kubeId: string; courseId: string; staffId: string }): [string, NewEvent[]][] {
  const samples = piiSamples(ids);
  const events = (...types: AnyEvent['type'][]): NewEvent[] =>
    types.map((type) => ({ eventId: randomUUID(), type, data: samples[type], metadata: piiMetadata }));
  return [
    [`identity-${randomUUID()}`, events('ReservationMade', 'ReservationReleased')],
    [`staff-${ids.staffId}`, events('AreaAssigned', 'AreaAssignmentRevoked', 'HouseholdOpened', 'OpeningReviewed')],
    [
      `household-${HOUSEHOLD_ID}`,
      events(
        'HouseholdRegistered',
        'HouseholdAssessed',
        'CaseworkerAssigned',
        'CaseNoteRecorded',
        'MemberAdded',
        'MemberRemoved',
        'MemberDetailsCorrected',
        'PregnancyBegan',
        'PregnancyEnded',
        'ChildBorn',
        'MemberNikIssued',
        'SchoolLevelChanged',
        'DisabilityAssessed',
        'MemberDied',
        'MemberMovedOut',
        'MemberMovedIn',
        'HouseholdMoved',
        'ExitProposed',
        'ExitRejected',
        'ExitApproved',
        'CaseReopened',
      ),
    ],
    [
      `casework-${HOUSEHOLD_ID}`,
      events(
        'TransferRequested',
        'TransferRejected',
        'VisitScheduled',
        'VisitRescheduled',
        'VisitMissed',
        'VisitDone',
        'FlagSet',
        'FlagCleared',
        'TransferAccepted',
      ),
    ],
    [`reassignment-${VISIT_ID}`, events('CaseloadReassigned')],
    // Another household: its erasure would otherwise turn the first one's samples into markers.
    [`household-${HOUSEHOLD_ID2}`, events('ErasureRequested', 'HouseholdErased')],
    [
      `pkh-${HOUSEHOLD_ID}`,
      events(
        'EnrolledInPkh',
        'PkhEntitlementReassessed',
        'PkhComplianceVerified',
        'PkhBenefitDisbursed',
        'PkhPaymentReversed',
        'PkhPaymentFailed',
        'PkhKksAccountRecorded',
        'PkhSuspended',
        'PkhReinstated',
        'PkhTerminated',
        'PkhGraduated',
        'RevocationRequested',
        'EventRevoked',
        'RevocationRejected',
      ),
    ],
    [
      `disbursementbatch-${BATCH_ID}`,
      events(
        'DisbursementBatchDeclared',
        'PaymentAddedToBatch',
        'DisbursementBatchApproved',
        'DisbursementBatchExported',
        'BatchPaymentSettled',
        'BatchPaymentReversed',
        'PaymentCheckSampleDrawn',
        'PaymentCheckRecorded',
        'DisbursementBatchCancelled',
      ),
    ],
    [
      `kube-${ids.kubeId}`,
      events(
        'KubeFormed',
        'KubeMemberJoined',
        'KubeMemberLeft',
        'KubeGrantDisbursed',
        'KubeBusinessReported',
        'KubeDissolved',
      ),
    ],
    [
      `training-${ids.courseId}`,
      events(
        'CourseScheduled',
        'ParticipantInvited',
        'InvitationAccepted',
        'InvitationDeclined',
        'SessionAttendanceRecorded',
        'TrainingCompleted',
        'TrainingDroppedOut',
      ),
    ],
    [
      `complaint-${COMPLAINT_ID}`,
      events(
        'ComplaintReceived',
        'ComplaintAssigned',
        'ComplaintEscalated',
        'ComplaintResolved',
        'ComplainantInformed',
      ),
    ],
    [
      `referral-${REFERRAL_ID}`,
      events('ReferralMade', 'ReferralAccepted', 'ReferralRejected', 'ReferralServiceDone', 'ReferralRevoked'),
    ],
  ];
}
