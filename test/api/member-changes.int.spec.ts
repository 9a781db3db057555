import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IDENTITY_NAMING_KEY, householdStream, identityStream, type HouseholdEvent } from '#libs/households/index.js';
import { KEYRING, type Keyring } from '#libs/platform/crypto-shredding/index.js';
import { pkhStream } from '#libs/pkh/index.js';
import { apiSpecification } from '../support/api-specification.js';
import { startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

/**
 * Member changes between the controller and the decider (issue #17): the NIK each one claims or
 * gives back, and the members PKH gathers for a stage's verification.
 */
describe('member changes (given events, when a request, then the new events)', () => {
  let t: TestApp;
  let spec: ReturnType<typeof apiSpecification>;
  let identity: (number: string) => string;
  beforeAll(async () => {
    t = await startTestApp();
    spec = apiSpecification(t);
    const namingKey = (await t.app.get<Keyring>(KEYRING).keyForWriting(IDENTITY_NAMING_KEY))!;
    identity = (number) => identityStream('nik', number, namingKey);
  });
  afterAll(async () => t?.close());

  const member = (nik: string, relationship: 'head' | 'spouse' | 'parent', extra: object = {}) => ({
    nik,
    name: 'Warga',
    birthDate: '1988-01-05',
    sex: 'female' as const,
    relationship,
    pregnant: false,
    severeDisability: false,
    schoolLevel: 'none' as const,
    ...extra,
  });
  const registered = (householdId: string, members: ReturnType<typeof member>[]): HouseholdEvent => ({
    type: 'HouseholdRegistered',
    data: {
      householdId,
      kk: uniqueNumber(),
      address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' },
      members,
    },
  });
  const held = (nik: string, holder: string) => ({
    [identity(nik)]: [{ type: 'ReservationMade', data: { kind: 'nik', holder } }],
  });

  it('a birth with a NIK claims it; without one it claims nothing until the NIK is issued', async () => {
    const id = randomUUID();
    const [mother, twin] = [uniqueNumber(), uniqueNumber()];
    const given = {
      [householdStream(id)]: [registered(id, [member(mother, 'head', { pregnant: true })])],
    };
    const result = await spec.given(given).when((http, auth) =>
      http
        .post(`/api/v1/households/${id}/members/${mother}/pregnancy/ending`)
        .set(auth)
        .send({
          endedOn: '2026-05-01',
          outcome: 'birth',
          children: [
            { nik: twin, name: 'A', sex: 'male' },
            { name: 'B', sex: 'female' },
          ],
        }),
    );
    result.thenWrote(200, [
      { stream: identity(twin), type: 'ReservationMade', data: { kind: 'nik', holder: id } },
      { stream: householdStream(id), type: 'PregnancyEnded' },
      { stream: householdStream(id), type: 'ChildBorn', data: expect.objectContaining({ nikPending: false }) },
      { stream: householdStream(id), type: 'ChildBorn', data: expect.objectContaining({ nikPending: true }) },
    ]);
  });

  it('a member who moves out frees the NIK; one who died keeps it held', async () => {
    const id = randomUUID();
    const [head, grandma, aunt] = [uniqueNumber(), uniqueNumber(), uniqueNumber()];
    const given = {
      [householdStream(id)]: [
        registered(id, [member(head, 'head'), member(grandma, 'parent'), member(aunt, 'spouse')]),
      ],
      ...held(grandma, id),
      ...held(aunt, id),
    };
    const moved = await spec
      .given(given)
      .when((http, auth) =>
        http.post(`/api/v1/households/${id}/members/${aunt}/departure`).set(auth).send({ movedOn: '2026-05-01' }),
      );
    moved.thenWrote(200, [
      { stream: householdStream(id), type: 'MemberMovedOut' },
      { stream: identity(aunt), type: 'ReservationReleased', data: { kind: 'nik', holder: id } },
    ]);
    const died = await spec
      .given()
      .when((http, auth) =>
        http
          .post(`/api/v1/households/${id}/members/${grandma}/death`)
          .set(auth)
          .send({ diedOn: '2026-05-02', source: 'family' }),
      );
    died.thenWrote(200, [{ stream: householdStream(id), type: 'MemberDied' }]);
    expect(died.events.filter((e) => e.stream === identity(grandma))).toEqual([]);
  });

  it("a stage's verification takes the members on the stage's first day", async () => {
    const id = randomUUID();
    const [mother, baby] = [uniqueNumber(), uniqueNumber()];
    const given = {
      [householdStream(id)]: [
        registered(id, [member(mother, 'head', { pregnant: true })]),
        { type: 'PregnancyEnded', data: { nik: mother, endedOn: '2026-05-20', outcome: 'birth' } },
        {
          type: 'ChildBorn',
          data: {
            motherNik: mother,
            child: { ...member(baby, 'spouse'), relationship: 'child', birthDate: '2026-05-20' },
            nikPending: false,
          },
        },
      ],
      [pkhStream(id)]: [
        {
          type: 'EnrolledInPkh',
          data: {
            householdId: id,
            enrolledOn: '2026-01-10',
            components: [{ nik: mother, component: 'pregnant_or_postpartum', annualAmount: 3_000_000, counted: true }],
            entitlementPerStage: 750_000,
            benefitIndex: {
              version: 'pkh-2019',
              effectiveFrom: '2019-01-01',
              stagesPerYear: 4,
              maxCountedPersonsPerFamily: 4,
            },
          },
        },
      ],
    };
    const verify = (stage: string) => (http: typeof t.http, auth: { authorization: string }) =>
      http
        .post(`/api/v1/households/${id}/pkh/verifications`)
        .set(auth)
        .send({ stage, compliant: true, verifiedOn: '2026-06-01' });
    // 1 April: still pregnant, the child not born: nothing changes.
    (await spec.given(given).when(verify('2026-2'))).thenWrote(200, [
      { stream: pkhStream(id), type: 'PkhComplianceVerified' },
    ]);
    // 1 July: the baby instead of the pregnancy.
    const july = await spec.given().when(verify('2026-3'));
    july.thenWrote(200, [
      {
        stream: pkhStream(id),
        type: 'PkhEntitlementReassessed',
        data: expect.objectContaining({ stage: '2026-3', membersOn: '2026-07-01', entitlementPerStage: 750_000 }),
      },
      { stream: pkhStream(id), type: 'PkhComplianceVerified' },
    ]);
    expect(july.events[0]!.data).toMatchObject({ components: [{ nik: baby, component: 'early_childhood_0_6' }] });
  });
});
