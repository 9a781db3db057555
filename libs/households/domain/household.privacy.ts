import type { EventPrivacy, FieldPrivacy } from '#libs/platform/domain/index.js';
import type { HouseholdEvent, Member } from './household.events.js';

/** A member as PII-free readers may see one: sex, relationship and schooling, under a pseudonym. */
const member = {
  nik: 'person',
  name: 'personal',
  birthDate: 'personal',
  sex: 'public',
  relationship: 'public',
  pregnant: 'special',
  severeDisability: 'special',
  schoolLevel: 'public',
} as const satisfies FieldPrivacy<Member>;

const prefixed = <P extends string>(prefix: P) =>
  Object.fromEntries(Object.entries(member).map(([path, kind]) => [`${prefix}${path}`, kind])) as {
    readonly [K in keyof typeof member as `${P}${K}`]: (typeof member)[K];
  };

/** What a PII-free reader sees of each household event (ADR 0010); the rest is dropped. */
export const HOUSEHOLD_PRIVACY: EventPrivacy<HouseholdEvent> = {
  HouseholdRegistered: {
    householdId: 'household',
    kk: 'personal',
    'address.kecamatan': 'public',
    'address.kelurahan': 'public',
    'address.street': 'personal',
    'address.rt': 'personal',
    'address.rw': 'personal',
    ...prefixed('members[].'),
    // A socio-economic ranking of the family, like the assessment's income and status below: not a
    // special category of UU 27/2022 (art. 4(2)), and what reporters count targeting by (ADR 0015).
    'dtks.welfareDecile': 'public',
    'dtks.extractedOn': 'public',
  },
  HouseholdAssessed: {
    assessmentId: 'public',
    perCapitaIncome: 'public',
    povertyLine: 'public',
    assessedOn: 'public',
    householdSize: 'public',
    welfareStatus: 'public',
  },
  CaseworkerAssigned: { caseworkerId: 'public', previousCaseworkerId: 'public' },
  CaseNoteRecorded: { noteId: 'public', text: 'personal', topic: 'public' },
  MemberAdded: prefixed('member.'),
  MemberRemoved: { nik: 'person', reason: 'public', detail: 'personal', effectiveOn: 'public' },
  ExitProposed: {
    proposalId: 'public',
    assessmentId: 'public',
    perCapitaIncome: 'public',
    povertyLine: 'public',
    proposedBy: 'public',
    reason: 'personal',
  },
  ExitApproved: { proposalId: 'public', approvedBy: 'public', persons: 'public', exitedOn: 'public' },
  ExitRejected: { proposalId: 'public', rejectedBy: 'public', reason: 'personal' },
  CaseReopened: { reason: 'personal', reopenedOn: 'public' },
  // The reason may name the person asking; the legal basis is coded and stays countable.
  ErasureRequested: { requestId: 'public', legalBasis: 'public', reason: 'personal', requestedBy: 'public' },
  HouseholdErased: {
    requestId: 'public',
    legalBasis: 'public',
    requestedBy: 'public',
    approvedBy: 'public',
    erasedOn: 'public',
  },
  // Member changes: a correction and its reason are personal; pregnancy and disability are special
  // categories (UU 27/2022) down to whose they are, so a reader without PII only counts them.
  MemberDetailsCorrected: { nik: 'person', name: 'personal', birthDate: 'personal', sex: 'public', reason: 'personal' },
  PregnancyBegan: { nik: 'special', reportedOn: 'special', expectedDeliveryOn: 'special' },
  PregnancyEnded: { nik: 'special', endedOn: 'special', outcome: 'special' },
  ChildBorn: { motherNik: 'special', nikPending: 'public', ...prefixed('child.') },
  MemberNikIssued: { pendingNik: 'person', nik: 'person' },
  SchoolLevelChanged: { nik: 'person', schoolLevel: 'public', previousSchoolLevel: 'public', changedOn: 'public' },
  DisabilityAssessed: { nik: 'special', severeDisability: 'special', assessedOn: 'public', assessedBy: 'public' },
  MemberDied: {
    nik: 'person',
    diedOn: 'public',
    source: 'public',
    reference: 'personal',
    newHeadNik: 'person',
    newHeadName: 'personal',
  },
  MemberMovedOut: {
    nik: 'person',
    movedOn: 'public',
    destination: 'personal',
    newHeadNik: 'person',
    newHeadName: 'personal',
  },
  MemberMovedIn: { ...prefixed('member.'), movedOn: 'public', origin: 'personal' },
  HouseholdMoved: {
    'address.kecamatan': 'public',
    'address.kelurahan': 'public',
    'address.street': 'personal',
    'address.rt': 'personal',
    'address.rw': 'personal',
    'previousAddress.kecamatan': 'public',
    'previousAddress.kelurahan': 'public',
    'previousAddress.street': 'personal',
    'previousAddress.rt': 'personal',
    'previousAddress.rw': 'personal',
    movedOn: 'public',
  },
};
