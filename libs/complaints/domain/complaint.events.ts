import type { DomainEvent } from '#libs/platform/domain/index.js';
import type { ComplaintCategory } from '#libs/reference-data/index.js';

/** What a complaint is about: the household's case, a payment, or a caseworker. */
export type ComplaintSubject = 'case' | 'payment' | 'caseworker';
export const COMPLAINT_SUBJECTS: readonly ComplaintSubject[] = ['case', 'payment', 'caseworker'];
/** Who complains: the family itself or someone else (a neighbour, the RT, an NGO). */
export type ComplaintSource = 'family' | 'third_party';
export const COMPLAINT_SOURCES: readonly ComplaintSource[] = ['family', 'third_party'];
/** How a complaint came in, and how the family is told of its outcome. */
export type ComplaintChannel = 'visit' | 'office' | 'phone' | 'sms' | 'whatsapp' | 'letter' | 'lapor';
export const COMPLAINT_CHANNELS: readonly ComplaintChannel[] = [
  'visit',
  'office',
  'phone',
  'sms',
  'whatsapp',
  'letter',
  'lapor',
];
export type ComplaintOutcome = 'upheld' | 'partly_upheld' | 'not_upheld' | 'withdrawn' | 'referred_elsewhere';
export const COMPLAINT_OUTCOMES: readonly ComplaintOutcome[] = [
  'upheld',
  'partly_upheld',
  'not_upheld',
  'withdrawn',
  'referred_elsewhere',
];

export type ComplaintEvent =
  | DomainEvent<
      'ComplaintReceived',
      {
        complaintId: string;
        /** Named so, not `householdId`: a complaint stays out of the household's case file (ADR 0014). */
        aboutHouseholdId: string;
        kecamatan: string;
        kelurahan: string;
        category: ComplaintCategory;
        subject: ComplaintSubject;
        /** The caseworker complained about (subject `caseworker`), else null. */
        subjectCaseworkerId: string | null;
        source: ComplaintSource;
        channel: ComplaintChannel;
        complainant: { name: string; phone: string | null };
        description: string;
        receivedOn: string;
        dueOn: string;
      }
    >
  | DomainEvent<'ComplaintAssigned', { complaintId: string; aboutHouseholdId: string; assignee: string }>
  | DomainEvent<
      'ComplaintEscalated',
      { complaintId: string; aboutHouseholdId: string; dueOn: string; escalatedOn: string; assignee: string | null }
    >
  | DomainEvent<
      'ComplaintResolved',
      { complaintId: string; aboutHouseholdId: string; outcome: ComplaintOutcome; reason: string; resolvedOn: string }
    >
  | DomainEvent<
      'ComplainantInformed',
      { complaintId: string; aboutHouseholdId: string; channel: ComplaintChannel; informedOn: string }
    >;

export const COMPLAINT_EVENT_TYPES: readonly ComplaintEvent['type'][] = [
  'ComplaintReceived',
  'ComplaintAssigned',
  'ComplaintEscalated',
  'ComplaintResolved',
  'ComplainantInformed',
];
