import { describe, it } from '@jest/globals';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { referralDecider, type ReferralCommand, type ReferralHouseholdStanding } from './referral.decider.js';
import type { ReferralEvent } from './referral.events.js';

const spec = deciderSpecification(referralDecider);
const ids = { referralId: 'r1', householdId: 'h1' };
const today = '2026-04-10';
const made: ReferralEvent = {
  type: 'ReferralMade',
  data: {
    ...ids,
    nik: '3275014501850001',
    kecamatan: 'Bekasi Utara',
    kelurahan: 'Harapan Jaya',
    caseworkerId: 'cw-01',
    referredBy: 'cw-01',
    service: 'puskesmas',
    reason: 'maternal_care',
    note: null,
    referredOn: '2026-04-01',
  },
};
const open: ReferralHouseholdStanding = { registered: true, caseOpen: true, niks: ['3275014501850001'] };
const make = (standing: ReferralHouseholdStanding = open, over: object = {}): ReferralCommand => ({
  type: 'MakeReferral',
  data: { ...(made.data as Extract<ReferralEvent, { type: 'ReferralMade' }>['data']), ...over, standing, today },
});
const accept = (acceptedOn = '2026-04-03'): ReferralCommand => ({
  type: 'AcceptReferral',
  data: { householdId: 'h1', acceptedOn, today },
});
const accepted: ReferralEvent = { type: 'ReferralAccepted', data: { ...ids, acceptedOn: '2026-04-03' } };
const reject: ReferralCommand = {
  type: 'RejectReferral',
  data: { householdId: 'h1', rejection: 'incomplete_documents', detail: 'No KTP', rejectedOn: '2026-04-04', today },
};
const rejected: ReferralEvent = {
  type: 'ReferralRejected',
  data: { ...ids, rejection: 'incomplete_documents', detail: 'No KTP', rejectedOn: '2026-04-04' },
};
const done = (doneOn = '2026-04-05'): ReferralCommand => ({
  type: 'RecordReferralServiceDone',
  data: { householdId: 'h1', note: null, doneOn, today },
});
const serviceDone: ReferralEvent = { type: 'ReferralServiceDone', data: { ...ids, note: null, doneOn: '2026-04-05' } };
const revoke = (actor = { sub: 'cw-01', role: 'caseworker' }): ReferralCommand => ({
  type: 'RevokeReferral',
  data: { householdId: 'h1', reason: 'Family moved', revokedOn: '2026-04-06', actor, today },
});
const revoked: ReferralEvent = {
  type: 'ReferralRevoked',
  data: { ...ids, reason: 'Family moved', revokedOn: '2026-04-06' },
};

describe('Referral decider', () => {
  describe('a referral', () => {
    it('sends a member to a service with a coded reason', () => {
      spec.given([]).when(make()).then([made]);
    });
    it('is of a registered household', () => {
      spec
        .given([])
        .when(make({ registered: false }))
        .thenRefuses('REFERRAL.HOUSEHOLD_NOT_REGISTERED');
    });
    it('is of a household whose case is open', () => {
      spec
        .given([])
        .when(make({ ...open, caseOpen: false }))
        .thenRefuses('REFERRAL.HOUSEHOLD_CASE_CLOSED');
    });
    it('names a member of the household', () => {
      spec
        .given([])
        .when(make(open, { nik: '3275019999990001' }))
        .thenRefuses('REFERRAL.NOT_A_HOUSEHOLD_MEMBER', { field: 'nik' });
    });
    it('is not dated in the future', () => {
      spec
        .given([])
        .when(make(open, { referredOn: '2026-04-11' }))
        .thenRefuses('REFERRAL.DATE_IN_FUTURE');
    });
    it('happens once', () => {
      spec.given([made]).when(make()).thenRefuses('REFERRAL.ALREADY_MADE');
    });
  });

  describe('the receiving side', () => {
    it('accepts', () => {
      spec.given([made]).when(accept()).then([accepted]);
    });
    it('accepts once', () => {
      spec.given([made, accepted]).when(accept()).thenRefuses('REFERRAL.ALREADY_ACCEPTED');
    });
    it('rejects with a reason', () => {
      spec.given([made]).when(reject).then([rejected]);
    });
    it('does not reject what it accepted', () => {
      spec.given([made, accepted]).when(reject).thenRefuses('REFERRAL.ALREADY_ACCEPTED');
    });
    it('records the service done, accepted or not', () => {
      spec.given([made, accepted]).when(done()).then([serviceDone]);
      spec.given([made]).when(done()).then([serviceDone]);
    });
    it('records no service done after a rejection', () => {
      spec.given([made, rejected]).when(done()).thenRefuses('REFERRAL.REJECTED');
    });
    it('records the service done once', () => {
      spec.given([made, serviceDone]).when(done()).thenRefuses('REFERRAL.ALREADY_DONE');
    });
    it('answers no earlier than the referral', () => {
      spec.given([made]).when(accept('2026-03-31')).thenRefuses('REFERRAL.BEFORE_THE_REFERRAL');
    });
    it('answers a referral of this household only', () => {
      spec
        .given([made])
        .when({ type: 'AcceptReferral', data: { householdId: 'h2', acceptedOn: '2026-04-03', today } })
        .thenRefuses('REFERRAL.NOT_FOUND');
    });
  });

  describe('revocation', () => {
    it('is the referrer’s', () => {
      spec.given([made, accepted]).when(revoke()).then([revoked]);
    });
    it('or a supervisor’s', () => {
      spec
        .given([made])
        .when(revoke({ sub: 'sv-01', role: 'supervisor' }))
        .then([revoked]);
    });
    it('not another caseworker’s', () => {
      spec
        .given([made])
        .when(revoke({ sub: 'cw-02', role: 'caseworker' }))
        .thenRefuses('REFERRAL.NOT_THE_REFERRER');
    });
    it('leaves nothing to answer', () => {
      spec.given([made, revoked]).when(accept()).thenRefuses('REFERRAL.REVOKED');
      spec.given([made, revoked]).when(done()).thenRefuses('REFERRAL.REVOKED');
    });
    it('comes too late once the service is done', () => {
      spec.given([made, serviceDone]).when(revoke()).thenRefuses('REFERRAL.ALREADY_DONE');
    });
  });
});
