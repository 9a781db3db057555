import { describe, it } from '@jest/globals';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { COMPLAINT_CATEGORIES } from '#libs/reference-data/index.js';
import { complaintDecider, type ComplaintCommand } from './complaint.decider.js';
import type { ComplaintEvent } from './complaint.events.js';

const spec = deciderSpecification(complaintDecider);
const ids = { complaintId: 'c1', aboutHouseholdId: 'h1' };
const supervisor = { sub: 'sv-01', role: 'supervisor' };
const received = (
  over: Partial<Extract<ComplaintEvent, { type: 'ComplaintReceived' }>['data']> = {},
): ComplaintEvent => ({
  type: 'ComplaintReceived',
  data: {
    ...ids,
    kecamatan: 'Bekasi Utara',
    kelurahan: 'Harapan Jaya',
    category: 'caseworker_conduct',
    subject: 'caseworker',
    subjectCaseworkerId: 'cw-01',
    source: 'family',
    channel: 'visit',
    complainant: { name: 'Siti Aminah', phone: '081234567890' },
    description: 'The pendamping asked for money',
    receivedOn: '2026-03-02',
    dueOn: '2026-03-09',
    ...over,
  },
});
const receive = (
  assignee: string | null,
  over: Partial<Extract<ComplaintCommand, { type: 'ReceiveComplaint' }>['data']> = {},
): ComplaintCommand => {
  const { dueOn: _, ...data } = received().data as Extract<ComplaintEvent, { type: 'ComplaintReceived' }>['data'];
  return {
    type: 'ReceiveComplaint',
    data: { ...data, registered: true, assignee, dueDays: { ...COMPLAINT_CATEGORIES }, today: '2026-03-02', ...over },
  };
};
const assigned = (assignee: string): ComplaintEvent => ({ type: 'ComplaintAssigned', data: { ...ids, assignee } });
const resolve = (actor = supervisor, resolvedOn = '2026-03-05'): ComplaintCommand => ({
  type: 'ResolveComplaint',
  data: { householdId: 'h1', outcome: 'upheld', reason: 'Warned', resolvedOn, actor, today: '2026-03-06' },
});
const resolved: ComplaintEvent = {
  type: 'ComplaintResolved',
  data: { ...ids, outcome: 'upheld', reason: 'Warned', resolvedOn: '2026-03-05' },
};
const inform = (informedOn = '2026-03-06', actor = supervisor): ComplaintCommand => ({
  type: 'InformComplainant',
  data: { householdId: 'h1', channel: 'phone', informedOn, actor, today: '2026-03-06' },
});
const escalate = (today: string): ComplaintCommand => ({
  type: 'EscalateComplaint',
  data: { householdId: 'h1', today },
});

describe('Complaint decider', () => {
  describe('intake', () => {
    it('records the complaint due by its category, and its assignee', () => {
      spec
        .given([])
        .when(receive('cw-02'))
        .then([received(), assigned('cw-02')]);
    });
    it('takes the due days the deployment sets', () => {
      spec
        .given([])
        .when(receive(null, { dueDays: { ...COMPLAINT_CATEGORIES, caseworker_conduct: 3 } }))
        .then([received({ dueOn: '2026-03-05' })]);
    });
    it('never assigns a complaint about a caseworker to that caseworker', () => {
      spec.given([]).when(receive('cw-01')).thenRefuses('COMPLAINT.ASSIGNEE_IS_THE_SUBJECT', { field: 'assignee' });
    });
    it('names the caseworker a complaint is about', () => {
      spec
        .given([])
        .when(receive(null, { subjectCaseworkerId: null }))
        .thenRefuses('COMPLAINT.SUBJECT_CASEWORKER_REQUIRED');
    });
    it('names no caseworker in a complaint about a payment', () => {
      spec
        .given([])
        .when(receive(null, { subject: 'payment', category: 'payment_not_received' }))
        .thenRefuses('COMPLAINT.SUBJECT_CASEWORKER_UNEXPECTED');
    });
    it('is not received in the future', () => {
      spec
        .given([])
        .when(receive(null, { receivedOn: '2026-03-03' }))
        .thenRefuses('COMPLAINT.DATE_IN_FUTURE');
    });
    it('is about a registered household', () => {
      spec
        .given([])
        .when(receive(null, { registered: false }))
        .thenRefuses('COMPLAINT.HOUSEHOLD_NOT_REGISTERED');
    });
    it('happens once', () => {
      spec.given([received()]).when(receive(null)).thenRefuses('COMPLAINT.ALREADY_RECEIVED');
    });
  });

  describe('assignment', () => {
    it('hands the complaint to someone else', () => {
      spec
        .given([received(), assigned('cw-02')])
        .when({ type: 'AssignComplaint', data: { householdId: 'h1', assignee: 'cw-03' } })
        .then([assigned('cw-03')]);
    });
    it('never to the caseworker complained about', () => {
      spec
        .given([received()])
        .when({ type: 'AssignComplaint', data: { householdId: 'h1', assignee: 'cw-01' } })
        .thenRefuses('COMPLAINT.ASSIGNEE_IS_THE_SUBJECT');
    });
    it('is for a complaint about this household', () => {
      spec
        .given([received()])
        .when({ type: 'AssignComplaint', data: { householdId: 'h2', assignee: 'cw-03' } })
        .thenRefuses('COMPLAINT.NOT_FOUND');
    });
  });

  describe('escalation', () => {
    it('happens once the due day has passed', () => {
      spec
        .given([received(), assigned('cw-02')])
        .when(escalate('2026-03-10'))
        .then([
          {
            type: 'ComplaintEscalated',
            data: { ...ids, dueOn: '2026-03-09', escalatedOn: '2026-03-10', assignee: 'cw-02' },
          },
        ]);
    });
    it('not on the due day itself', () => {
      spec.given([received()]).when(escalate('2026-03-09')).thenRefuses('COMPLAINT.NOT_OVERDUE');
    });
    it('once', () => {
      const escalated: ComplaintEvent = {
        type: 'ComplaintEscalated',
        data: { ...ids, dueOn: '2026-03-09', escalatedOn: '2026-03-10', assignee: null },
      };
      spec.given([received(), escalated]).when(escalate('2026-03-11')).thenRefuses('COMPLAINT.ALREADY_ESCALATED');
    });
    it('not once resolved', () => {
      spec.given([received(), resolved]).when(escalate('2026-03-11')).thenRefuses('COMPLAINT.ALREADY_RESOLVED');
    });
  });

  describe('resolution', () => {
    it('records a coded outcome and its reason', () => {
      spec.given([received()]).when(resolve()).then([resolved]);
    });
    it('by the assignee', () => {
      spec
        .given([received(), assigned('cw-02')])
        .when(resolve({ sub: 'cw-02', role: 'caseworker' }))
        .then([resolved]);
    });
    it('not by another caseworker', () => {
      spec
        .given([received(), assigned('cw-02')])
        .when(resolve({ sub: 'cw-03', role: 'caseworker' }))
        .thenRefuses('COMPLAINT.NOT_THE_ASSIGNEE');
    });
    it('never by the caseworker complained about', () => {
      spec
        .given([received()])
        .when(resolve({ sub: 'cw-01', role: 'caseworker' }))
        .thenRefuses('COMPLAINT.ASSIGNEE_IS_THE_SUBJECT');
    });
    it('not before the complaint was received', () => {
      spec
        .given([received()])
        .when(resolve(supervisor, '2026-03-01'))
        .thenRefuses('COMPLAINT.RESOLVED_BEFORE_RECEIVED');
    });
    it('once', () => {
      spec.given([received(), resolved]).when(resolve()).thenRefuses('COMPLAINT.ALREADY_RESOLVED');
    });
  });

  describe('telling the family', () => {
    it('records how and when, after the resolution', () => {
      spec
        .given([received(), resolved])
        .when(inform())
        .then([{ type: 'ComplainantInformed', data: { ...ids, channel: 'phone', informedOn: '2026-03-06' } }]);
    });
    it('waits for the resolution', () => {
      spec.given([received()]).when(inform()).thenRefuses('COMPLAINT.NOT_RESOLVED');
    });
    it('not before the resolution', () => {
      spec.given([received(), resolved]).when(inform('2026-03-04')).thenRefuses('COMPLAINT.INFORMED_BEFORE_RESOLVED');
    });
    it('once', () => {
      const told: ComplaintEvent = {
        type: 'ComplainantInformed',
        data: { ...ids, channel: 'phone', informedOn: '2026-03-06' },
      };
      spec.given([received(), resolved, told]).when(inform()).thenRefuses('COMPLAINT.ALREADY_INFORMED');
    });
  });
});
