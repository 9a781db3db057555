import { describe, expect, it } from '@jest/globals';
import type { PkhStatus } from '#libs/pkh/index.js';
import { outcomeFactsOf, type OutcomeContext, type OutcomeHousehold, type OutcomeInput } from './outcome-facts.js';

/** A context in memory, as the reporting job keeps it. */
function memoryContext(): OutcomeContext {
  const households = new Map<string, OutcomeHousehold>();
  const statuses = new Map<string, PkhStatus>();
  return {
    household: (id) => households.get(id),
    setHousehold: (id, h) => void households.set(id, h),
    pkhStatus: (id) => statuses.get(id) ?? null,
    setPkhStatus: (id, s) => void statuses.set(id, s),
    kube: () => undefined,
    setKube: () => undefined,
    courseCost: () => undefined,
    setCourseCost: () => undefined,
  };
}

const id = '0c0ffee0-0000-4000-8000-000000000001';
const utara = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
const timur = { kecamatan: 'Bekasi Timur', kelurahan: 'Aren Jaya' };
const member = (nik: string) => ({
  nik,
  name: 'W',
  birthDate: '1990-01-01',
  sex: 'female' as const,
  relationship: 'head' as const,
  pregnant: false,
  severeDisability: false,
  schoolLevel: 'none' as const,
});
const on = (stream: string, event: Omit<OutcomeInput, 'stream'>) => ({ ...event, stream }) as OutcomeInput;

describe('outcome facts of households that change', () => {
  it('a move takes the active PKH stock to the new kelurahan and counts later facts there', () => {
    const context = memoryContext();
    outcomeFactsOf(
      context,
      on(`household-${id}`, {
        type: 'HouseholdRegistered',
        data: { householdId: id, kk: '1', address: utara, members: [member('1')] },
      }),
    );
    context.setPkhStatus(id, 'active');
    const facts = outcomeFactsOf(
      context,
      on(`household-${id}`, {
        type: 'HouseholdMoved',
        data: { address: timur, previousAddress: utara, movedOn: '2026-11-01' },
      }),
    );
    expect(facts.map((f) => [f.metric, f.value, f.area?.kelurahan])).toEqual([
      ['pkh.activeAtEnd', -1, 'Harapan Jaya'],
      ['pkh.activeAtEnd', 1, 'Aren Jaya'],
    ]);
    expect(context.household(id)).toEqual({ ...timur, persons: 1 });
  });

  it('births and arrivals add persons; deaths and departures take them away', () => {
    const context = memoryContext();
    outcomeFactsOf(
      context,
      on(`household-${id}`, {
        type: 'HouseholdRegistered',
        data: { householdId: id, kk: '1', address: utara, members: [member('1'), member('2')] },
      }),
    );
    outcomeFactsOf(
      context,
      on(`household-${id}`, { type: 'ChildBorn', data: { motherNik: '1', child: member('3'), nikPending: false } }),
    );
    outcomeFactsOf(
      context,
      on(`household-${id}`, {
        type: 'MemberDied',
        data: { nik: '2', diedOn: '2026-05-01', source: 'family', reference: null, newHeadNik: null },
      }),
    );
    expect(context.household(id)?.persons).toBe(2);
  });
});

describe('outcome facts of revoked household entries (ADR 0019)', () => {
  const revoked = (eventType: string, extra: object = {}) =>
    on(`household-${id}`, {
      type: 'EventRevoked',
      data: { eventId: 'e', eventType, revision: 3, reason: 'wrong', requestedBy: 'sv-01', ...extra },
    });
  const registeredWithTwo = (context: OutcomeContext) =>
    outcomeFactsOf(
      context,
      on(`household-${id}`, {
        type: 'HouseholdRegistered',
        data: { householdId: id, kk: '1', address: utara, members: [member('1'), member('2')] },
      }),
    );

  it('a revoked exit takes back the exit and the persons it carried; a revoked re-entry takes back the re-entry', () => {
    const context = memoryContext();
    registeredWithTwo(context);
    const exit = outcomeFactsOf(context, revoked('ExitApproved', { persons: 2 }));
    expect(exit.map((f) => [f.metric, f.value])).toEqual([
      ['exits.approved', -1],
      ['exits.persons', -2],
    ]);
    const reentry = outcomeFactsOf(context, revoked('CaseReopened'));
    expect(reentry.map((f) => [f.metric, f.value])).toEqual([
      ['exits.reentered', -1],
      ['exits.reenteredPersons', -2],
    ]);
  });

  it('a revoked death counts the member again; a revoked assessment or note moves nothing', () => {
    const context = memoryContext();
    registeredWithTwo(context);
    outcomeFactsOf(
      context,
      on(`household-${id}`, {
        type: 'MemberDied',
        data: { nik: '2', diedOn: '2026-05-01', source: 'family', reference: null, newHeadNik: null },
      }),
    );
    expect(outcomeFactsOf(context, revoked('MemberDied'))).toEqual([]);
    expect(context.household(id)?.persons).toBe(2);
    expect(outcomeFactsOf(context, revoked('HouseholdAssessed'))).toEqual([]);
    expect(outcomeFactsOf(context, revoked('CaseNoteRecorded'))).toEqual([]);
  });
});
