import { describe, expect, it } from '@jest/globals';
import { ALL_EVENT_TYPES, EVENT_PRIVACY, METADATA_PRIVACY, privacyPaths } from './personal-data-policy.js';

describe('the personal-data policy', () => {
  it('declares every event type of every capability, and nothing else', () => {
    expect(Object.keys(EVENT_PRIVACY).sort()).toEqual([...ALL_EVENT_TYPES].sort());
    expect(new Set(ALL_EVENT_TYPES).size).toBe(ALL_EVENT_TYPES.length);
  });

  it('never lets free text, names or identity numbers through as public', () => {
    const neverPublic = /(^|\.|\])(name|kk|nik|birthDate|street|rt|rw|text|detail|note|reason|reference|title)$/;
    // Four reasons are codes (an enumeration, not free text): the only public "reason".
    const coded = [
      'MemberRemoved.reason',
      'KubeMemberLeft.reason',
      'InvitationDeclined.reason',
      'TrainingDroppedOut.reason',
    ];
    const leaks = Object.entries(EVENT_PRIVACY).flatMap(([type, fields]) =>
      Object.entries(fields)
        .filter(([path, kind]) => kind === 'public' && neverPublic.test(path))
        .map(([path]) => `${type}.${path}`),
    );
    expect(leaks).toEqual(coded);
  });

  it('keeps health and disability out of PII-free views', () => {
    expect(privacyPaths('HouseholdRegistered').special).toEqual(['members[].pregnant', 'members[].severeDisability']);
    expect(privacyPaths('MemberAdded').special).toEqual(['member.pregnant', 'member.severeDisability']);
    expect(privacyPaths('EnrolledInPkh').special).toEqual(['components[].component', 'components[].annualAmount']);
  });

  it('lists the personal and pseudonymised paths of an event type for encryption at rest', () => {
    expect(privacyPaths('HouseholdRegistered')).toMatchObject({
      household: ['householdId'],
      person: ['members[].nik'],
      personal: ['kk', 'address.street', 'address.rt', 'address.rw', 'members[].name', 'members[].birthDate'],
    });
    expect(privacyPaths('SessionAttendanceRecorded')).toMatchObject({
      person: ['present'],
      household: ['householdIds'],
    });
    expect(privacyPaths('NoSuchEvent')).toEqual({ public: [], person: [], household: [], special: [], personal: [] });
  });

  it('drops the reason, correlation and causation ids from metadata', () => {
    expect(METADATA_PRIVACY).toMatchObject({ reason: 'personal', correlationId: 'personal', causationId: 'personal' });
  });
});
