import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IDENTITY_NAMING_KEY, householdStream, identityStream, type HouseholdEvent } from '#libs/households/index.js';
import { KEYRING, type Keyring } from '#libs/platform/crypto-shredding/index.js';
import { kubeStream, type KubeEvent } from '#libs/kube/index.js';
import { pkhStream } from '#libs/pkh/index.js';
import { trainingStream, type TrainingEvent } from '#libs/training/index.js';
import { apiSpecification } from '../support/api-specification.js';
import { household, sewingCourse, startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

/**
 * The API tier: given events in the store, an HTTP request, then the response and the events it
 * wrote. It covers what lies between the controller and the decider: the command each route
 * builds, the facts handlers gather, and the reservations made and given back around a decision.
 */
describe('command paths (given events, when a request, then the new events)', () => {
  let t: TestApp;
  let spec: ReturnType<typeof apiSpecification>;
  /** Reservation streams are named under the deployment's identity naming key (ADR 0010). */
  let identity: (kind: 'kk' | 'nik', number: string) => string;
  beforeAll(async () => {
    t = await startTestApp();
    spec = apiSpecification(t);
    const namingKey = (await t.app.get<Keyring>(KEYRING).keyForWriting(IDENTITY_NAMING_KEY))!;
    identity = (kind, number) => identityStream(kind, number, namingKey);
  });
  afterAll(async () => t?.close());

  const area = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
  const member = (nik: string, relationship = 'head') => ({
    nik,
    name: 'Siti Aminah',
    birthDate: relationship === 'head' ? '1985-01-05' : '2021-05-05',
    sex: 'female' as const,
    relationship: relationship as 'head',
    pregnant: false,
    severeDisability: false,
    schoolLevel: 'none' as const,
  });
  const registered = (householdId: string, niks: string[]): HouseholdEvent => ({
    type: 'HouseholdRegistered',
    data: {
      householdId,
      kk: uniqueNumber(),
      address: area,
      members: niks.map((nik, i) => member(nik, i === 0 ? 'head' : 'child')),
    },
  });
  const exited: HouseholdEvent = {
    type: 'ExitApproved',
    data: { proposalId: 'p', approvedBy: 'sv-01', persons: 1, exitedOn: '2026-02-01' },
  };

  it('registration reserves the KK and every NIK, then records the household', async () => {
    const body = household();
    const result = await spec.given().when((http, auth) => http.post('/api/v1/households').set(auth).send(body));
    const id = result.response.body.id as string;
    result.thenWrote(201, [
      { stream: identity('kk', body.kk), type: 'ReservationMade', data: { kind: 'kk', holder: id } },
      ...body.members.map((m) => ({
        stream: identity('nik', m.nik),
        type: 'ReservationMade',
        data: { kind: 'nik', holder: id },
      })),
      { stream: householdStream(id), type: 'HouseholdRegistered' },
    ]);
  });

  it('a registration the decider refuses reserves nothing', async () => {
    const body = household();
    body.members[1]!.relationship = 'head';
    const { response, events } = await spec
      .given()
      .when((http, auth) => http.post('/api/v1/households').set(auth).send(body));
    expect(response.body.code).toBe('HOUSEHOLD.MUST_HAVE_ONE_HEAD');
    expect(events).toEqual([]);
  });

  it('a NIK held by another household refuses the registration and leaves no reservation behind', async () => {
    const body = household();
    const taken = body.members[2]!.nik;
    const { response, events } = await spec
      .given({
        [identity('nik', taken)]: [{ type: 'ReservationMade', data: { kind: 'nik', holder: randomUUID() } }],
      })
      .when((http, auth) => http.post('/api/v1/households').set(auth).send(body));
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('HOUSEHOLD.NIK_ALREADY_REGISTERED');
    const made = events.filter((e) => e.type === 'ReservationMade').map((e) => e.stream);
    const released = events.filter((e) => e.type === 'ReservationReleased').map((e) => e.stream);
    expect(released.sort()).toEqual(made.sort());
    expect(events.some((e) => e.type === 'HouseholdRegistered')).toBe(false);
  });

  it('removing a member records the removal, then frees the NIK', async () => {
    const id = randomUUID();
    const [head, child] = [uniqueNumber(), uniqueNumber()];
    const result = await spec
      .given({
        [householdStream(id)]: [registered(id, [head, child])],
        [identity('nik', child)]: [{ type: 'ReservationMade', data: { kind: 'nik', holder: id } }],
      })
      .when((http, auth) =>
        http
          .post(`/api/v1/households/${id}/members/${child}/removal`)
          .set(auth)
          .send({ reason: 'moved', effectiveOn: '2026-02-01' }),
      );
    result.thenWrote(200, [
      { stream: householdStream(id), type: 'MemberRemoved' },
      { stream: identity('nik', child), type: 'ReservationReleased', data: { kind: 'nik', holder: id } },
    ]);
  });

  it('PKH enrolment builds its command from the registry and the benefit index in force', async () => {
    const id = randomUUID();
    const result = await spec
      .given({
        [householdStream(id)]: [
          registered(id, [uniqueNumber(), uniqueNumber()]),
          {
            type: 'HouseholdAssessed',
            data: {
              assessmentId: 'a1',
              perCapitaIncome: 400_000,
              povertyLine: 600_000,
              assessedOn: '2026-01-10',
              householdSize: 2,
              welfareStatus: 'below_poverty_line',
            },
          },
        ],
      })
      .when((http, auth) =>
        http.post(`/api/v1/households/${id}/pkh/enrolment`).set(auth).send({ enrolledOn: '2026-01-15' }),
      );
    expect(result.response.status).toBe(200);
    expect(result.events).toEqual([
      {
        stream: pkhStream(id),
        type: 'EnrolledInPkh',
        data: expect.objectContaining({ householdId: id, enrolledOn: '2026-01-15' }),
      },
    ]);
  });

  it('PKH enrolment on a date before any benefit index is refused by the decider', async () => {
    const id = randomUUID();
    const { response, events } = await spec
      .given({ [householdStream(id)]: [registered(id, [uniqueNumber()])] })
      .when((http, auth) =>
        http.post(`/api/v1/households/${id}/pkh/enrolment`).set(auth).send({ enrolledOn: '2001-01-15' }),
      );
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('PKH.NO_BENEFIT_INDEX');
    expect(events).toEqual([]);
  });

  it('a household whose case is closed cannot join a Kube, and no place is reserved for it', async () => {
    const kubeId = randomUUID();
    const closed = randomUUID();
    const formed: KubeEvent = {
      type: 'KubeFormed',
      data: {
        kubeId,
        name: 'Kube Melati',
        businessType: 'catering',
        ...area,
        householdIds: [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()],
        formedOn: '2026-01-01',
      },
    };
    const { response, events } = await spec
      .given({
        [householdStream(closed)]: [registered(closed, [uniqueNumber()]), exited],
        [kubeStream(kubeId)]: [formed],
      })
      .when((http, auth) =>
        http.post(`/api/v1/kubes/${kubeId}/members`).set(auth).send({ householdId: closed, joinedOn: '2026-03-01' }),
      );
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('KUBE.HOUSEHOLD_CASE_CLOSED');
    expect(events).toEqual([]);
  });

  it('an invitation to a course for a household that is not registered is 404', async () => {
    const courseId = randomUUID();
    const scheduled: TrainingEvent = {
      type: 'CourseScheduled',
      data: { courseId, ...sewingCourse(area) },
    };
    const { response, events } = await spec
      .given({ [trainingStream(courseId)]: [scheduled] })
      .when((http, auth) =>
        http
          .post(`/api/v1/trainings/${courseId}/invitations`)
          .set(auth)
          .send({ householdId: randomUUID(), nik: uniqueNumber() }),
      );
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('TRAINING.HOUSEHOLD_NOT_REGISTERED');
    expect(events).toEqual([]);
  });
});
