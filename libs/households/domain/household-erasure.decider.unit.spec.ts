import { describe, it } from '@jest/globals';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { householdDecider } from './household.decider.js';
import type { HouseholdEvent } from './household.events.js';

const at = '2026-11-30T08:00:00.000Z';
// The office's day of `at` (08:00 UTC is 15:00 in Jakarta, the same day).
const today = at.slice(0, 10);
const registered: HouseholdEvent = {
  type: 'HouseholdRegistered',
  data: {
    householdId: 'h1',
    kk: '3275010101010001',
    address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' },
    members: [
      {
        nik: '3275010101850001',
        name: 'Siti Aminah',
        birthDate: '1985-01-05',
        sex: 'female',
        relationship: 'head',
        pregnant: false,
        severeDisability: false,
        schoolLevel: 'none',
      },
    ],
  },
};
const request = {
  type: 'RequestErasure',
  data: {
    requestId: 'e1',
    legalBasis: 'data_subject_request',
    reason: 'Written request of the head of the family',
    actor: 'admin-01',
    at,
    today,
  },
} as const;
const requested: HouseholdEvent = {
  type: 'ErasureRequested',
  data: {
    requestId: 'e1',
    legalBasis: 'data_subject_request',
    reason: 'Written request of the head of the family',
    requestedBy: 'admin-01',
  },
};
const approve = (actor: string) => ({ type: 'ApproveErasure', data: { actor, at, today } }) as const;
const erased: HouseholdEvent = {
  type: 'HouseholdErased',
  data: {
    requestId: 'e1',
    legalBasis: 'data_subject_request',
    requestedBy: 'admin-01',
    approvedBy: 'admin-02',
    erasedOn: '2026-11-30',
  },
};

const spec = deciderSpecification(householdDecider);

describe('household erasure (four eyes)', () => {
  describe('a request', () => {
    it('is recorded with its legal basis, reason and requester', () =>
      spec.given([registered]).when(request).then([requested]));

    it('is refused for a household never registered', () =>
      spec.given([]).when(request).thenRefuses('HOUSEHOLD.NOT_REGISTERED'));

    it('is refused while another request awaits approval', () =>
      spec
        .given([registered, requested])
        .when(request)
        .thenRefuses('HOUSEHOLD.ERASURE_ALREADY_REQUESTED', { requestId: 'e1' }));
  });

  describe('an approval', () => {
    it('by a second admin erases the household', () =>
      spec.given([registered, requested]).when(approve('admin-02')).then([erased]));

    it('is refused to the admin who requested it', () =>
      spec
        .given([registered, requested])
        .when(approve('admin-01'))
        .thenRefuses('HOUSEHOLD.ERASURE_NEEDS_A_SECOND_ADMIN'));

    it('is refused when no erasure is requested', () =>
      spec.given([registered]).when(approve('admin-02')).thenRefuses('HOUSEHOLD.NO_ERASURE_REQUESTED'));
  });

  describe('an erased household', () => {
    it('takes no further command', () => {
      spec
        .given([registered, requested, erased])
        .when({ type: 'RecordCaseNote', data: { noteId: 'n1', text: 'Visit', topic: 'visit', at, today } })
        .thenRefuses('HOUSEHOLD.ERASED');
      spec.given([registered, requested, erased]).when(request).thenRefuses('HOUSEHOLD.ERASED');
      spec.given([registered, requested, erased]).when(approve('admin-03')).thenRefuses('HOUSEHOLD.ERASED');
    });

    it('cannot be registered again under the same id (a new registration is a new household)', () =>
      spec
        .given([registered, requested, erased])
        .when({ type: 'RegisterHousehold', data: { ...registered.data, at, today } })
        .thenRefuses('HOUSEHOLD.ALREADY_REGISTERED', { householdId: 'h1' }));
  });
});
