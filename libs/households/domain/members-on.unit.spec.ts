import { describe, expect, it } from '@jest/globals';
import type { HouseholdEvent, Member } from './household.events.js';
import { membersOn } from './members-on.js';

const member = (nik: string, relationship: Member['relationship'], extra: Partial<Member> = {}): Member => ({
  nik,
  name: `Warga ${nik}`,
  birthDate: '1990-01-01',
  sex: 'female',
  relationship,
  pregnant: false,
  severeDisability: false,
  schoolLevel: 'none',
  ...extra,
});
const events: HouseholdEvent[] = [
  {
    type: 'HouseholdRegistered',
    data: {
      householdId: 'h1',
      kk: '1',
      address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' },
      members: [member('1', 'head'), member('2', 'child', { birthDate: '2014-01-01', schoolLevel: 'primary' })],
    },
  },
  {
    type: 'ChildBorn',
    data: { motherNik: '1', child: member('3', 'child', { birthDate: '2026-05-20' }), nikPending: false },
  },
  {
    type: 'SchoolLevelChanged',
    data: { nik: '2', schoolLevel: 'junior_high', previousSchoolLevel: 'primary', changedOn: '2026-07-15' },
  },
  { type: 'MemberDetailsCorrected', data: { nik: '2', name: 'Putra', birthDate: null, sex: 'male', reason: 'KK' } },
  { type: 'MemberDied', data: { nik: '1', diedOn: '2026-09-01', source: 'family', reference: null, newHeadNik: '2' } },
];

describe('members on a business date', () => {
  it('leaves out what took effect after the date, and applies corrections at every date', () => {
    const on = (date: string) => membersOn(events, date).map((m) => [m.nik, m.name, m.schoolLevel, m.relationship]);
    expect(on('2026-04-01')).toEqual([
      ['1', 'Warga 1', 'none', 'head'],
      ['2', 'Putra', 'primary', 'child'],
    ]);
    expect(on('2026-07-01')).toEqual([
      ['1', 'Warga 1', 'none', 'head'],
      ['2', 'Putra', 'primary', 'child'],
      ['3', 'Warga 3', 'none', 'child'],
    ]);
    expect(on('2026-10-01')).toEqual([
      ['2', 'Putra', 'junior_high', 'head'],
      ['3', 'Warga 3', 'none', 'child'],
    ]);
  });
});
