import type { HouseholdEvent } from './household.events.js';

const MEMBER = ['nik', 'name', 'birthDate', 'pregnant', 'severeDisability'] as const;

/**
 * The fields of each household event that are personal or special (health) data: sealed under
 * the household's key, gone when it is erased (ADR 0010). KK and NIK included: they name people.
 * Kecamatan and kelurahan stay open: reports count by area.
 */
export const HOUSEHOLD_PERSONAL_FIELDS: Record<HouseholdEvent['type'], readonly string[]> = {
  HouseholdRegistered: ['kk', 'address.street', 'address.rt', 'address.rw', ...MEMBER.map((f) => `members[].${f}`)],
  HouseholdAssessed: [],
  CaseworkerAssigned: [],
  CaseNoteRecorded: ['text'],
  MemberAdded: MEMBER.map((f) => `member.${f}`),
  MemberRemoved: ['nik', 'detail'],
  ExitProposed: ['reason'],
  ExitApproved: [],
  ExitRejected: ['reason'],
  CaseReopened: ['reason'],
  ErasureRequested: ['reason'],
  HouseholdErased: [],
};

/** After this event the household's key is gone. */
export const HOUSEHOLD_ERASED_BY: readonly HouseholdEvent['type'][] = ['HouseholdErased'];
