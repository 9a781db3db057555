import { describe, it } from '@jest/globals';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { householdDecider } from './household.decider.js';
import type { HouseholdEvent, Member } from './household.events.js';

const at = '2026-03-01T08:00:00.000Z';
// The office's day of `at` (08:00 UTC is 15:00 in Jakarta, the same day).
const today = at.slice(0, 10);
const member = (nik: string, relationship: Member['relationship'], extra: Partial<Member> = {}): Member => ({
  nik,
  name: `Warga ${nik.slice(-4)}`,
  birthDate: '1985-04-12',
  sex: 'female',
  relationship,
  pregnant: false,
  severeDisability: false,
  schoolLevel: 'none',
  ...extra,
});
const head = member('3275010101850001', 'head');
const child = member('3275010101150002', 'child', { birthDate: '2015-01-01', schoolLevel: 'primary' });
const address = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
const registered: HouseholdEvent = {
  type: 'HouseholdRegistered',
  data: { householdId: 'h1', kk: '3275010101010001', address, members: [head, child] },
};

const spec = deciderSpecification(householdDecider);

describe('household decider', () => {
  describe('RegisterHousehold', () => {
    it('registers a household with its members', () =>
      spec
        .given([])
        .when({
          type: 'RegisterHousehold',
          data: { householdId: 'h1', kk: '3275010101010001', address, members: [head, child], at, today },
        })
        .then([registered]));

    it('keeps the DTKS ranking it is given on the registration (ADR 0015)', () =>
      spec
        .given([])
        .when({
          type: 'RegisterHousehold',
          data: {
            householdId: 'h1',
            kk: '3275010101010001',
            address,
            members: [head, child],
            dtks: { welfareDecile: 2, extractedOn: '2026-01-31' },
            at,
            today,
          },
        })
        .then([
          { ...registered, data: { ...registered.data, dtks: { welfareDecile: 2, extractedOn: '2026-01-31' } } },
        ]));

    it('refuses a welfare decile that is not a whole number from 1 to 10', () => {
      for (const welfareDecile of [0, 11, 2.5])
        spec
          .given([])
          .when({
            type: 'RegisterHousehold',
            data: {
              householdId: 'h1',
              kk: '1',
              address,
              members: [head],
              dtks: { welfareDecile, extractedOn: null },
              at,
              today,
            },
          })
          .thenRefuses('HOUSEHOLD.WELFARE_DECILE_OUT_OF_RANGE', { welfareDecile });
    });

    it('refuses a DTKS extract dated after the registration', () =>
      spec
        .given([])
        .when({
          type: 'RegisterHousehold',
          data: {
            householdId: 'h1',
            kk: '1',
            address,
            members: [head],
            dtks: { welfareDecile: 3, extractedOn: '2026-03-02' },
            at,
            today,
          },
        })
        .thenRefuses('HOUSEHOLD.DTKS_EXTRACT_NOT_IN_FUTURE', { extractedOn: '2026-03-02' }));

    it('refuses a second registration of the same household', () =>
      spec
        .given([registered])
        .when({
          type: 'RegisterHousehold',
          data: { householdId: 'h1', kk: '3275010101010001', address, members: [head], at, today },
        })
        .thenRefuses('HOUSEHOLD.ALREADY_REGISTERED', { householdId: 'h1' }));

    it('refuses a household without exactly one head', () => {
      spec
        .given([])
        .when({ type: 'RegisterHousehold', data: { householdId: 'h1', kk: '1', address, members: [child], at, today } })
        .thenRefuses('HOUSEHOLD.MUST_HAVE_ONE_HEAD');
      spec
        .given([])
        .when({
          type: 'RegisterHousehold',
          data: { householdId: 'h1', kk: '1', address, members: [head, member('3275010101850009', 'head')], at, today },
        })
        .thenRefuses('HOUSEHOLD.MUST_HAVE_ONE_HEAD');
    });

    it('refuses the same NIK twice in one household', () =>
      spec
        .given([])
        .when({
          type: 'RegisterHousehold',
          data: {
            householdId: 'h1',
            kk: '1',
            address,
            members: [head, { ...head, relationship: 'spouse' }],
            at,
            today,
          },
        })
        .thenRefuses('HOUSEHOLD.NIK_REPEATED_IN_HOUSEHOLD', { nik: head.nik }));

    it('refuses a birth date after the time of the command', () =>
      spec
        .given([])
        .when({
          type: 'RegisterHousehold',
          data: { householdId: 'h1', kk: '1', address, members: [{ ...head, birthDate: '2026-03-02' }], at, today },
        })
        .thenRefuses('HOUSEHOLD.BIRTH_DATE_NOT_IN_FUTURE'));

    it('refuses a man registered as pregnant (PKH would pay him the pregnancy component)', () =>
      spec
        .given([])
        .when({
          type: 'RegisterHousehold',
          data: {
            householdId: 'h1',
            kk: '1',
            address,
            members: [head, member('3275010101850007', 'spouse', { sex: 'male', pregnant: true })],
            at,
            today,
          },
        })
        .thenRefuses('HOUSEHOLD.PREGNANCY_NEEDS_A_WOMAN', { nik: '3275010101850007' }));

    it('registers a pregnant woman', () => {
      const expecting = { ...head, pregnant: true };
      return spec
        .given([])
        .when({
          type: 'RegisterHousehold',
          data: { householdId: 'h1', kk: '1', address, members: [expecting], at, today },
        })
        .then([{ type: 'HouseholdRegistered', data: { householdId: 'h1', kk: '1', address, members: [expecting] } }]);
    });
  });

  describe('AssessHousehold', () => {
    const assess = (perCapitaIncome: number, assessedOn = '2026-02-27') =>
      ({
        type: 'AssessHousehold',
        data: { assessmentId: 'a1', perCapitaIncome, povertyLine: 600_000, assessedOn, at, today },
      }) as const;

    it('records an assessment below the poverty line', () =>
      spec
        .given([registered])
        .when(assess(450_000))
        .then([
          {
            type: 'HouseholdAssessed',
            data: {
              assessmentId: 'a1',
              perCapitaIncome: 450_000,
              povertyLine: 600_000,
              assessedOn: '2026-02-27',
              householdSize: 2,
              welfareStatus: 'below_poverty_line',
            },
          },
        ]));

    it('counts income at the line as above it', () =>
      spec
        .given([registered])
        .when(assess(600_000))
        .then([
          {
            type: 'HouseholdAssessed',
            data: {
              assessmentId: 'a1',
              perCapitaIncome: 600_000,
              povertyLine: 600_000,
              assessedOn: '2026-02-27',
              householdSize: 2,
              welfareStatus: 'above_poverty_line',
            },
          },
        ]));

    it('refuses an assessment dated in the future', () =>
      spec.given([registered]).when(assess(1, '2026-03-02')).thenRefuses('HOUSEHOLD.ASSESSMENT_NOT_IN_FUTURE'));

    it('refuses an assessment dated before the latest, which it would replace; takes one of the same day', () => {
      const assessed = (assessedOn: string) =>
        ({
          type: 'HouseholdAssessed',
          data: {
            assessmentId: 'a0',
            perCapitaIncome: 300_000,
            povertyLine: 600_000,
            assessedOn,
            householdSize: 2,
            welfareStatus: 'below_poverty_line',
          },
        }) as const;
      spec
        .given([registered, assessed('2026-02-27')])
        .when(assess(900_000, '2026-01-10'))
        .thenRefuses('HOUSEHOLD.ASSESSMENT_BEFORE_LATEST', { assessedOn: '2026-01-10', latest: '2026-02-27' });
      spec
        .given([registered, assessed('2026-02-27')])
        .when(assess(900_000, '2026-02-27'))
        .then([
          {
            type: 'HouseholdAssessed',
            data: {
              assessmentId: 'a1',
              perCapitaIncome: 900_000,
              povertyLine: 600_000,
              assessedOn: '2026-02-27',
              householdSize: 2,
              welfareStatus: 'above_poverty_line',
            },
          },
        ]);
    });

    it('refuses to assess a household that is not registered', () =>
      spec.given([]).when(assess(1)).thenRefuses('HOUSEHOLD.NOT_REGISTERED'));
  });

  describe('AssignCaseworker', () => {
    it('assigns a first caseworker, with no previous one', () =>
      spec
        .given([registered])
        .when({ type: 'AssignCaseworker', data: { caseworkerId: 'cw-01', at, today } })
        .then([{ type: 'CaseworkerAssigned', data: { caseworkerId: 'cw-01', previousCaseworkerId: null } }]));

    it('transfers the case to another caseworker, recording the previous one', () =>
      spec
        .given([
          registered,
          { type: 'CaseworkerAssigned', data: { caseworkerId: 'cw-01', previousCaseworkerId: null } },
        ])
        .when({ type: 'AssignCaseworker', data: { caseworkerId: 'cw-02', at, today } })
        .then([{ type: 'CaseworkerAssigned', data: { caseworkerId: 'cw-02', previousCaseworkerId: 'cw-01' } }]));

    it('refuses to assign the caseworker who already has the case', () =>
      spec
        .given([
          registered,
          { type: 'CaseworkerAssigned', data: { caseworkerId: 'cw-01', previousCaseworkerId: null } },
        ])
        .when({ type: 'AssignCaseworker', data: { caseworkerId: 'cw-01', at, today } })
        .thenRefuses('HOUSEHOLD.CASEWORKER_ALREADY_ASSIGNED'));
  });

  describe('RecordCaseNote', () => {
    it('records a note', () =>
      spec
        .given([registered])
        .when({ type: 'RecordCaseNote', data: { noteId: 'n1', text: 'Home visit', topic: 'visit', at, today } })
        .then([{ type: 'CaseNoteRecorded', data: { noteId: 'n1', text: 'Home visit', topic: 'visit' } }]));
  });

  describe('AddMember', () => {
    const baby = member('3275010101260003', 'child', { birthDate: '2026-01-15', schoolLevel: 'early_childhood' });

    it('adds a member', () =>
      spec
        .given([registered])
        .when({ type: 'AddMember', data: { member: baby, at, today } })
        .then([{ type: 'MemberAdded', data: { member: baby } }]));

    it('refuses a member already in the household', () =>
      spec
        .given([registered])
        .when({ type: 'AddMember', data: { member: child, at, today } })
        .thenRefuses('HOUSEHOLD.MEMBER_ALREADY_IN_HOUSEHOLD'));

    it('refuses a second head', () =>
      spec
        .given([registered])
        .when({ type: 'AddMember', data: { member: member('3275010101850005', 'head'), at, today } })
        .thenRefuses('HOUSEHOLD.MUST_HAVE_ONE_HEAD'));

    it('refuses a man added as pregnant', () =>
      spec
        .given([registered])
        .when({
          type: 'AddMember',
          data: { member: member('3275010101850008', 'other_relative', { sex: 'male', pregnant: true }), at, today },
        })
        .thenRefuses('HOUSEHOLD.PREGNANCY_NEEDS_A_WOMAN', { nik: '3275010101850008' }));
  });

  describe('RemoveMember', () => {
    const remove = (nik: string) =>
      ({
        type: 'RemoveMember',
        data: { nik, reason: 'deceased', detail: null, effectiveOn: '2026-02-01', at, today },
      }) as const;

    it('removes a member with a reason', () =>
      spec
        .given([registered])
        .when({
          type: 'RemoveMember',
          data: { nik: child.nik, reason: 'moved', detail: 'to Bogor', effectiveOn: '2026-02-01', at, today },
        })
        .then([
          {
            type: 'MemberRemoved',
            data: { nik: child.nik, reason: 'moved', detail: 'to Bogor', effectiveOn: '2026-02-01' },
          },
        ]));

    it('refuses to remove someone who is not a member', () =>
      spec.given([registered]).when(remove('3275019999999999')).thenRefuses('HOUSEHOLD.MEMBER_NOT_FOUND'));

    it('refuses to remove the head before a new head replaces them', () =>
      spec.given([registered]).when(remove(head.nik)).thenRefuses('HOUSEHOLD.HEAD_MUST_BE_REPLACED_FIRST'));

    it('refuses to remove the last member', () =>
      spec
        .given([{ ...registered, data: { ...registered.data, members: [head] } } as HouseholdEvent])
        .when(remove(head.nik))
        .thenRefuses('HOUSEHOLD.LAST_MEMBER_CANNOT_BE_REMOVED'));
  });
});

describe('exit from poverty', () => {
  const assessed = (perCapitaIncome: number): HouseholdEvent => ({
    type: 'HouseholdAssessed',
    data: {
      assessmentId: 'a2',
      perCapitaIncome,
      povertyLine: 600_000,
      assessedOn: '2026-02-20',
      householdSize: 2,
      welfareStatus: perCapitaIncome < 600_000 ? 'below_poverty_line' : 'above_poverty_line',
    },
  });
  const propose = {
    type: 'ProposeExit',
    data: { proposalId: 'x1', reason: 'Stable income from catering', actor: 'cw-01', at, today },
  } as const;
  const proposed: HouseholdEvent = {
    type: 'ExitProposed',
    data: {
      proposalId: 'x1',
      assessmentId: 'a2',
      perCapitaIncome: 750_000,
      povertyLine: 600_000,
      proposedBy: 'cw-01',
      reason: 'Stable income from catering',
    },
  };
  const approve = (actor: string) =>
    ({ type: 'ApproveExit', data: { actor, exitedOn: '2026-03-01', at, today } }) as const;
  const approved: HouseholdEvent = {
    type: 'ExitApproved',
    data: { proposalId: 'x1', approvedBy: 'sv-01', persons: 2, exitedOn: '2026-03-01' },
  };

  describe('a proposal', () => {
    it('is made on a latest assessment above the poverty line, and cites that assessment', () =>
      spec
        .given([registered, assessed(750_000)])
        .when(propose)
        .then([proposed]));

    it('is refused for a household that was never assessed', () =>
      spec.given([registered]).when(propose).thenRefuses('HOUSEHOLD.EXIT_NEEDS_ASSESSMENT_ABOVE_POVERTY_LINE'));

    it('is refused when the latest assessment is below the poverty line, whatever came before', () =>
      spec
        .given([registered, assessed(750_000), assessed(500_000)])
        .when(propose)
        .thenRefuses('HOUSEHOLD.EXIT_NEEDS_ASSESSMENT_ABOVE_POVERTY_LINE'));

    it('is refused while another proposal awaits a decision', () =>
      spec
        .given([registered, assessed(750_000), proposed])
        .when(propose)
        .thenRefuses('HOUSEHOLD.EXIT_ALREADY_PROPOSED'));
  });

  describe('an approval', () => {
    it('closes the case, counting the persons who exit', () =>
      spec
        .given([registered, assessed(750_000), proposed])
        .when(approve('sv-01'))
        .then([approved]));

    it('is refused to the person who proposed the exit', () =>
      spec
        .given([registered, assessed(750_000), proposed])
        .when(approve('cw-01'))
        .thenRefuses('HOUSEHOLD.CANNOT_APPROVE_OWN_EXIT_PROPOSAL'));

    it('is refused when no exit is proposed', () =>
      spec
        .given([registered, assessed(750_000)])
        .when(approve('sv-01'))
        .thenRefuses('HOUSEHOLD.NO_EXIT_PROPOSED'));

    it('leaves a closed case that takes no new exit proposal', () =>
      spec
        .given([registered, assessed(750_000), proposed, approved])
        .when(propose)
        .thenRefuses('HOUSEHOLD.CASE_CLOSED'));
  });

  describe('a rejection', () => {
    const rejected: HouseholdEvent = {
      type: 'ExitRejected',
      data: { proposalId: 'x1', rejectedBy: 'sv-01', reason: 'Income not yet stable' },
    };

    it('is recorded with its reason', () =>
      spec
        .given([registered, assessed(750_000), proposed])
        .when({ type: 'RejectExit', data: { actor: 'sv-01', reason: 'Income not yet stable', at, today } })
        .then([rejected]));

    it('is refused to the person who proposed the exit', () =>
      spec
        .given([registered, assessed(750_000), proposed])
        .when({ type: 'RejectExit', data: { actor: 'cw-01', reason: 'Changed my mind', at, today } })
        .thenRefuses('HOUSEHOLD.CANNOT_REJECT_OWN_EXIT_PROPOSAL'));

    it('lets the exit be proposed again', () =>
      spec
        .given([registered, assessed(750_000), proposed, rejected])
        .when(propose)
        .then([proposed]));
  });

  describe('reopening the case', () => {
    const reopen = { type: 'ReopenCase', data: { reason: 'Lost job', reopenedOn: '2026-09-01', at, today } } as const;

    it('lets a household that fell back into poverty re-enter', () =>
      spec
        .given([registered, assessed(750_000), proposed, approved])
        .when(reopen)
        .then([{ type: 'CaseReopened', data: { reason: 'Lost job', reopenedOn: '2026-09-01' } }]));

    it('is refused while the case is open', () =>
      spec.given([registered]).when(reopen).thenRefuses('HOUSEHOLD.CASE_ALREADY_OPEN'));
  });
});
