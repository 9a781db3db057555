import type { Member } from './household.vocabulary.js';
import type { MemberChangeEvent } from './member-change.events.js';

const update = (members: readonly Member[], nik: string, change: (m: Member) => Member): Member[] =>
  members.map((m) => (m.nik === nik ? change(m) : m));

/** The member leaves; when they headed the family, `newHeadNik` heads it from then on. */
function leave(members: readonly Member[], nik: string, newHeadNik: string | null): Member[] {
  const staying = members.filter((m) => m.nik !== nik);
  return newHeadNik ? update(staying, newHeadNik, (m) => ({ ...m, relationship: 'head' })) : staying;
}

/**
 * The members after one member change: the one rule the household's state, its summary row and
 * the members as of a date share.
 */
export function membersAfter(members: readonly Member[], event: MemberChangeEvent): Member[] {
  switch (event.type) {
    case 'MemberDetailsCorrected': {
      const { nik, name, birthDate, sex } = event.data;
      return update(members, nik, (m) => ({
        ...m,
        ...(name !== null ? { name } : {}),
        ...(birthDate !== null ? { birthDate } : {}),
        ...(sex !== null ? { sex } : {}),
      }));
    }
    case 'PregnancyBegan':
      return update(members, event.data.nik, (m) => ({ ...m, pregnant: true }));
    case 'PregnancyEnded':
      return update(members, event.data.nik, (m) => ({ ...m, pregnant: false }));
    case 'ChildBorn':
      return [...members, event.data.child];
    case 'MemberMovedIn':
      return [...members, event.data.member];
    case 'MemberNikIssued':
      return update(members, event.data.pendingNik, (m) => ({ ...m, nik: event.data.nik }));
    case 'SchoolLevelChanged':
      return update(members, event.data.nik, (m) => ({ ...m, schoolLevel: event.data.schoolLevel }));
    case 'DisabilityAssessed':
      return update(members, event.data.nik, (m) => ({ ...m, severeDisability: event.data.severeDisability }));
    case 'MemberDied':
    case 'MemberMovedOut':
      return leave(members, event.data.nik, event.data.newHeadNik);
    case 'HouseholdMoved':
      return [...members];
  }
}
