import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseworkStream, type CaseworkEvent } from '#libs/casework/index.js';
import { householdStream, type HouseholdEvent } from '#libs/households/index.js';
import { apiSpecification } from '../support/api-specification.js';
import { startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

/**
 * The casework's command paths across two streams (ADR 0018): an accepted transfer assigns the
 * case on the household's stream, then records the acceptance on the casework stream; a retry
 * after a crash between the two finds the case with its receiver and records the acceptance only.
 */
describe('casework command paths (given events, when a request, then the new events)', () => {
  let t: TestApp;
  let spec: ReturnType<typeof apiSpecification>;
  beforeAll(async () => {
    t = await startTestApp();
    spec = apiSpecification(t);
  });
  afterAll(async () => t?.close());

  const registered = (householdId: string): HouseholdEvent => ({
    type: 'HouseholdRegistered',
    data: {
      householdId,
      kk: uniqueNumber(),
      address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' },
      members: [
        {
          nik: uniqueNumber(),
          name: 'Siti Aminah',
          birthDate: '1985-01-05',
          sex: 'female',
          relationship: 'head',
          pregnant: false,
          severeDisability: false,
          schoolLevel: 'none',
        },
      ],
    },
  });
  const assigned = (caseworkerId: string, previousCaseworkerId: string | null): HouseholdEvent => ({
    type: 'CaseworkerAssigned',
    data: { caseworkerId, previousCaseworkerId },
  });
  const requested = (householdId: string): CaseworkEvent => ({
    type: 'TransferRequested',
    data: {
      householdId,
      transferId: 't1',
      fromCaseworkerId: 'cw-rina',
      toCaseworkerId: 'cw-budi',
      requestedBy: 'supervisor-01',
      requestedAs: 'supervisor',
      reason: 'Rina leaves',
    },
  });
  const visit = (householdId: string): CaseworkEvent => ({
    type: 'VisitScheduled',
    data: {
      householdId,
      visitId: 'v1',
      kind: 'home_visit',
      dueOn: '2026-03-01',
      origin: 'manual',
      purpose: 'School attendance',
    },
  });
  const accepted = (householdId: string) => ({
    stream: caseworkStream(householdId),
    type: 'TransferAccepted',
    data: {
      householdId,
      transferId: 't1',
      fromCaseworkerId: 'cw-rina',
      toCaseworkerId: 'cw-budi',
      decidedBy: 'cw-budi',
      movedVisitIds: ['v1'],
    },
  });

  it('assigns the case on the household’s stream and records the acceptance with the visits it moved', async () => {
    const id = randomUUID();
    const result = await spec
      .given({
        [householdStream(id)]: [registered(id), assigned('cw-rina', null)],
        [caseworkStream(id)]: [visit(id), requested(id)],
      })
      .when(
        (http, auth) => http.post(`/api/v1/households/${id}/transfers/acceptance`).set(auth).send({}),
        'caseworker',
        'cw-budi',
      );
    result.thenWrote(200, [
      {
        stream: householdStream(id),
        type: 'CaseworkerAssigned',
        data: { caseworkerId: 'cw-budi', previousCaseworkerId: 'cw-rina' },
      },
      accepted(id),
    ]);
    const ofTheCase = result.events.filter((e) => e.stream.endsWith(id)).map((e) => e.stream);
    expect(ofTheCase).toEqual([householdStream(id), caseworkStream(id)]);
  });

  it('finishes an acceptance a crash interrupted after the case moved: the acceptance alone', async () => {
    const id = randomUUID();
    const result = await spec
      .given({
        [householdStream(id)]: [registered(id), assigned('cw-rina', null), assigned('cw-budi', 'cw-rina')],
        [caseworkStream(id)]: [visit(id), requested(id)],
      })
      .when(
        (http, auth) => http.post(`/api/v1/households/${id}/transfers/acceptance`).set(auth).send({}),
        'caseworker',
        'cw-budi',
      );
    result.thenWrote(200, [accepted(id)]);
    const household = await t.store.readStream(householdStream(id));
    expect(household.filter((e) => e.type === 'CaseworkerAssigned')).toHaveLength(2);
  });

  it('a reassignment retried after a crash moves what is left and records every case now with the receiver', async () => {
    const [moved, left, other] = [randomUUID(), randomUUID(), randomUUID()];
    const result = await spec
      .given({
        // The first attempt moved one case before the process stopped.
        [householdStream(moved)]: [registered(moved), assigned('cw-wati', null), assigned('cw-dewi', 'cw-wati')],
        [householdStream(left)]: [registered(left), assigned('cw-wati', null)],
        [householdStream(other)]: [registered(other), assigned('cw-rina', null)],
      })
      .when(
        (http, auth) =>
          http
            .post('/api/v1/caseloads/cw-wati/reassignment')
            .set(auth)
            .set('idempotency-key', `retry-${moved}`)
            .send({ toCaseworkerId: 'cw-dewi', householdIds: [moved, left, other], reason: 'Bu Wati leaves' }),
        'supervisor',
      );
    expect(result.response.body).toMatchObject({
      moved: [left],
      alreadyMoved: [moved],
      refused: [{ householdId: other, code: 'NOT_IN_CASELOAD' }],
    });
    result.thenWrote(200, [
      {
        stream: householdStream(left),
        type: 'CaseworkerAssigned',
        data: { caseworkerId: 'cw-dewi', previousCaseworkerId: 'cw-wati' },
      },
      {
        stream: `reassignment-${result.response.body.id as string}`,
        type: 'CaseloadReassigned',
        data: {
          reassignmentId: result.response.body.id,
          fromCaseworkerId: 'cw-wati',
          toCaseworkerId: 'cw-dewi',
          householdIds: [left, moved],
          reason: 'Bu Wati leaves',
        },
      },
    ]);
    expect(
      result.events.filter((e) => e.stream === householdStream(moved) || e.stream === householdStream(other)),
    ).toEqual([]);
  });

  it('refuses a decision by someone the transfer does not name, and moves nothing', async () => {
    const id = randomUUID();
    const result = await spec
      .given({
        [householdStream(id)]: [registered(id), assigned('cw-rina', null)],
        [caseworkStream(id)]: [requested(id)],
      })
      .when(
        (http, auth) => http.post(`/api/v1/households/${id}/transfers/acceptance`).set(auth).send({}),
        'supervisor',
      );
    expect(result.response.body.code).toBe('TRANSFER.NOT_YOURS_TO_DECIDE');
    expect(result.events.filter((e) => e.stream.endsWith(id))).toEqual([]);
    expect(result.response.status).toBe(422);
  });
});
