import { randomUUID } from 'node:crypto';
import { localDay } from '#libs/platform/clock.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KafkaFeedConsumer, type FeedMessage } from '#libs/platform/event-feed/index.js';
import { eventually } from '../support/eventually.js';
import { startMockKafka, type MockKafka } from '../support/kafka-mock.js';
import { household, startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Erasure by crypto-shredding (ADR 0010): a household with a year of history is erased through
 * two admins; afterwards no route, rebuilt projection, export or Kafka replay shows its personal
 * data, the reports count it as before, the audit chain verifies, and its KK and NIKs register
 * again as a new household. On SQLite, and on PostgreSQL with JEJAK_TEST_STORES=postgres.
 */
describe('erasure of a household without rewriting history', () => {
  let t: TestApp;
  let kafka: MockKafka;
  let cw: string;
  let sv: string;
  let auditor: string;
  let admin1: string;
  let admin2: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, url: string, body: object = {}) =>
    t.http.post(`/api/v1${url}`).set(auth(token)).send(body);
  const get = (token: string, url: string) => t.http.get(`/api/v1${url}`).set(auth(token)).expect(200);

  const body = household();
  const [mother, father, child] = body.members as Array<{ nik: string; name: string }>;
  const NOTE = 'Home visit: Siti Aminah showed the sewing she sells to Ibu Wati next door';
  const MISSED = 'Rina missed the posyandu visit, mother at work';
  let id: string;
  let courseId: string;
  /** Another family of the course: its attendance must survive the erasure. */
  const neighbourBody = household({
    address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya', street: 'Jl. Kenanga 2', rt: '004', rw: '011' },
    members: [
      { nik: uniqueNumber(), name: 'Dewi Lestari', birthDate: '1990-02-11', sex: 'female', relationship: 'head' },
    ],
  });
  const neighbourNik = (neighbourBody.members as Array<{ nik: string }>)[0]!.nik;
  let neighbour: string;
  /** When the three sessions were recorded, before the mother dropped out: the course's as-of state. */
  let sessionsRecordedAt: string;
  /** Every personal value the household's events carry. */
  const personal = () => [
    body.kk,
    mother!.nik,
    father!.nik,
    child!.nik,
    'Siti Aminah',
    'Budi Santoso',
    'Jl. Melati',
    'Ibu Wati',
    'posyandu visit',
    'Written request',
  ];
  const expectNoPersonalData = (what: string, value: unknown) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    for (const clear of personal())
      expect({ what, found: text.includes(clear) ? clear : null }).toEqual({ what, found: null });
  };

  beforeAll(async () => {
    kafka = await startMockKafka(3);
    t = await startTestApp({
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_IDEMPOTENT: 'false',
      // The mock cluster cannot create topics ahead (see kafka-mock.ts): it makes them on first use.
      KAFKA_ALLOW_UNSAFE_TOPICS: 'true',
      // Even a relay allowed to carry personal data replays none of an erased household.
      KAFKA_INCLUDE_PII: 'true',
    });
    cw = await t.token('caseworker', 'cw-07');
    sv = await t.token('supervisor', 'sv-02');
    auditor = await t.token('auditor', 'au-01');
    admin1 = await t.token('admin', 'admin-01');
    admin2 = await t.token('admin', 'admin-02');
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await kafka?.stop();
  });

  async function yearOfHistory(): Promise<void> {
    id = (await post(cw, '/households', body).expect(201)).body.id;
    await post(cw, `/households/${id}/assessments`, {
      perCapitaIncome: 380_000,
      povertyLine: 600_000,
      assessedOn: '2026-01-05',
    }).expect(200);
    await post(sv, `/households/${id}/caseworker`, { caseworkerId: 'cw-07', reason: 'Harapan Jaya caseload' }).expect(
      200,
    );
    await post(cw, `/households/${id}/pkh/enrolment`, { enrolledOn: '2026-01-10' }).expect(200);
    const { entitlementPerStage } = (await get(cw, `/households/${id}/pkh`)).body as { entitlementPerStage: number };
    const course = await post(cw, '/trainings', {
      kind: 'vocational',
      skill: 'sewing',
      title: 'Menjahit dasar',
      provider: 'BLK Kota Bekasi',
      capacity: 20,
      sessions: 4,
      startsOn: '2026-04-01',
      endsOn: '2026-04-30',
      kecamatan: 'Bekasi Utara',
      kelurahan: 'Harapan Jaya',
      costPerParticipant: 750_000,
    }).expect(201);
    courseId = course.body.id;
    // A month at a time for a year: notes, compliance and money every quarter, a course in spring.
    for (let month = 1; month <= 12; month++) {
      t.clock.advance(30 * DAY);
      await post(cw, `/households/${id}/notes`, { text: `${NOTE} (month ${month})`, topic: 'visit' }).expect(200);
      if (month % 3 === 0) {
        const stage = `2026-${month / 3}`;
        await post(cw, `/households/${id}/pkh/verifications`, {
          stage,
          compliant: month !== 6,
          verifiedOn: `2026-${String(month).padStart(2, '0')}-20`,
          ...(month === 6 ? { missed: [{ nik: child!.nik, commitment: 'health_check', detail: MISSED }] } : {}),
        }).expect(200);
        // A stage with a missed commitment is not paid.
        if (month !== 6)
          await post(sv, `/households/${id}/pkh/disbursements`, {
            stage,
            amount: entitlementPerStage,
            channel: 'bank_transfer',
            reference: `KKS-${stage}`,
            disbursedOn: `2026-${String(month).padStart(2, '0')}-25`,
          }).expect(200);
      }
      if (month === 4) {
        // Both families in one course: attendance lists that name members of both households.
        neighbour = (await post(cw, '/households', neighbourBody).expect(201)).body.id;
        for (const [householdId, nik] of [
          [id, mother!.nik],
          [neighbour, neighbourNik],
        ] as const) {
          await post(cw, `/trainings/${courseId}/invitations`, { householdId, nik }).expect(200);
          await post(cw, `/trainings/${courseId}/participants/${nik}/response`, { accept: true }).expect(200);
        }
        for (const [sessionNo, present] of [
          [1, [mother!.nik, neighbourNik]],
          [2, [neighbourNik, mother!.nik]],
          [3, [mother!.nik]],
        ] as const)
          await post(cw, `/trainings/${courseId}/sessions`, {
            sessionNo,
            heldOn: `2026-04-0${sessionNo + 1}`,
            present,
          }).expect(200);
        sessionsRecordedAt = t.clock.now().toISOString();
        t.clock.advance(60_000);
        await post(cw, `/trainings/${courseId}/participants/${mother!.nik}/dropout`, {
          reason: 'childcare',
          detail: 'Siti Aminah looks after Ibu Wati in the mornings',
        }).expect(200);
      }
    }
    await post(cw, `/households/${id}/assessments`, {
      perCapitaIncome: 820_000,
      povertyLine: 600_000,
      assessedOn: '2026-11-30',
    }).expect(200);
    await post(cw, `/households/${id}/exit/proposal`, { reason: 'Siti Aminah sells sewing steadily' }).expect(200);
    await post(sv, `/households/${id}/exit/approval`, { exitedOn: '2026-12-01' }).expect(200);
    // Corrections asked with reasons that name the family (ADR 0019): on the PKH stream and on the
    // course's, whose revocations carry the household, so their reasons are sealed under its key.
    const stored = await t.store.readAll({ limit: 100_000 });
    const missed = stored.find(
      (e) =>
        e.stream === `pkh-${id}` && e.type === 'PkhComplianceVerified' && !(e.data as { compliant: boolean }).compliant,
    )!;
    await post(cw, `/households/${id}/revocations`, {
      eventId: missed.eventId,
      reason: 'Siti Aminah showed the posyandu visit card: the check was kept',
    }).expect(200);
    const dropout = stored.find((e) => e.stream === `training-${courseId}` && e.type === 'TrainingDroppedOut')!;
    await post(cw, `/trainings/${courseId}/revocations`, {
      eventId: dropout.eventId,
      reason: 'Siti Aminah never left the course; Ibu Wati found childcare',
    }).expect(200);
    expect(await t.runner.settle(20_000)).toBe(true);
  }

  /**
   * The course after the erasure: the other family under its NIK with its two sessions; the erased
   * mother under a marker of her own, her three sessions and her drop-out (or, as of the day of
   * the sessions, her seat) still counted.
   */
  function expectCourseCounts(course: unknown, mother: 'enrolled' | 'dropped_out' = 'dropped_out'): void {
    const { participants, seatsTaken, sessionsHeld } = course as {
      participants: Record<string, object>;
      seatsTaken: number;
      sessionsHeld: number[];
    };
    expect(participants[neighbourNik]).toEqual({ householdId: neighbour, status: 'enrolled', attended: 2 });
    const erased = Object.entries(participants).filter(([nik]) => nik !== neighbourNik);
    expect(erased).toEqual([
      [expect.stringMatching(/^\[erased:[0-9a-f]{12}\]$/), { householdId: id, status: mother, attended: 3 }],
    ]);
    expect({ seatsTaken, sessionsHeld }).toEqual({
      seatsTaken: mother === 'enrolled' ? 2 : 1,
      sessionsHeld: [1, 2, 3],
    });
  }

  /** What every route that shows the household answers, as one text per route. */
  async function everyRoute(): Promise<Record<string, unknown>> {
    const asOf = t.clock.now().toISOString();
    return {
      household: (await get(cw, `/households/${id}`)).body,
      search: (await get(cw, `/households?kelurahan=Harapan%20Jaya&limit=100`)).body,
      searchByName: (await get(cw, `/households?text=${encodeURIComponent('Siti Aminah')}`)).body,
      history: (await get(auditor, `/households/${id}/history`)).body,
      stateAsOf: (await get(auditor, `/households/${id}/state?asOf=${encodeURIComponent(asOf)}`)).body,
      pkh: (await get(cw, `/households/${id}/pkh`)).body,
      course: (await get(cw, `/trainings/${courseId}`)).body,
      courseAsOf: (await get(auditor, `/trainings/${courseId}/state?asOf=${encodeURIComponent(sessionsRecordedAt)}`))
        .body,
      caseload: (await get(cw, '/caseloads/cw-07')).body,
      caseloadsOfArea: (await get(sv, '/caseloads?kelurahan=Harapan%20Jaya')).body,
      monthlyReport: (await get(cw, '/caseworkers/cw-07/monthly-report?month=2026-06')).body,
      feed: (await get(auditor, '/events?limit=1000')).body,
      actorsEvents: (await get(auditor, '/audit/actors/cw-07/events?limit=1000')).body,
      queue: (await get(sv, '/queue')).body,
    };
  }

  async function reports(): Promise<unknown> {
    return {
      outcomes: (await get(auditor, '/reports/programme-outcomes?from=2026-01&to=2026-12')).body,
      povertyTarget: (await get(auditor, '/reports/poverty-target')).body,
    };
  }

  /** Every message the Kafka topics hold, read by a fresh consumer group from the beginning. */
  async function kafkaMessages(enough: (received: FeedMessage[]) => boolean): Promise<FeedMessage[]> {
    const received: FeedMessage[] = [];
    const consumer = new KafkaFeedConsumer({
      brokers: kafka.brokers,
      clientId: 'check',
      groupId: `check-${randomUUID()}`,
    });
    // The casework topic too: a non-compliant stage schedules a visit by rule (ADR 0018).
    const topics = ['jejak.household.v1', 'jejak.pkh.v1', 'jejak.training.v1', 'jejak.casework.v1'];
    void consumer.run(topics, async (messages) => {
      received.push(...messages);
    });
    try {
      await eventually(() => enough(received), 'the topics to hold the original and the replay', { timeoutMs: 30_000 });
    } finally {
      await consumer.close();
    }
    return received;
  }

  it('erases through two admins; nothing personal shows anywhere after, reports still count it', async () => {
    await yearOfHistory();
    const before = await everyRoute();
    expect(JSON.stringify(before.household)).toContain('Siti Aminah');
    const reportsBefore = await reports();

    // Four eyes: the requester cannot approve; a second admin can.
    t.clock.advance(DAY);
    await post(admin1, `/households/${id}/erasure`, { legalBasis: 'shredding', reason: 'x' })
      .expect(400)
      .expect((r) => expect(r.body.errors[0]).toMatchObject({ field: 'legalBasis', rule: 'isIn' }));
    await post(cw, `/households/${id}/erasure`, { legalBasis: 'data_subject_request', reason: 'Asked' }).expect(403);
    await post(admin1, `/households/${id}/erasure`, {
      legalBasis: 'data_subject_request',
      reason: 'Written request of Siti Aminah, letter of 2027-11-02',
    }).expect(200);
    const own = await post(admin1, `/households/${id}/erasure/approval`).expect(422);
    expect(own.body.code).toBe('HOUSEHOLD.ERASURE_NEEDS_A_SECOND_ADMIN');
    const erased = await post(admin2, `/households/${id}/erasure/approval`).expect(200);
    expect(await t.runner.waitFor(erased.body.position, 20_000)).toBe(true);
    expect(await t.runner.settle(20_000)).toBe(true);

    // Every route, live.
    const after = await everyRoute();
    for (const [route, answer] of Object.entries(after)) expectNoPersonalData(route, answer);
    expect(after.household).toMatchObject({ id, headName: '[erased]', kk: '[erased]', caseStatus: 'closed' });
    const history = (after.history as { events: Array<{ type: string; data: Record<string, unknown> }> }).events;
    expect(history.map((e) => e.type)).toEqual(expect.arrayContaining(['ErasureRequested', 'HouseholdErased']));
    expect(history.find((e) => e.type === 'HouseholdErased')!.data).toMatchObject({
      legalBasis: 'data_subject_request',
      requestedBy: 'admin-01',
      approvedBy: 'admin-02',
    });
    expect(await reports()).toEqual(reportsBefore);
    expectCourseCounts(after.course);
    expectCourseCounts(after.courseAsOf, 'enrolled');
    // The other family's NIK still reads in the attendance its own history lists.
    const neighbourHistory = (await get(auditor, `/households/${neighbour}/history`)).body as {
      events: Array<{ type: string; data: { present?: string[] } }>;
    };
    expect(
      neighbourHistory.events.filter((e) => e.type === 'SessionAttendanceRecorded').map((e) => e.data.present),
    ).toEqual([
      [expect.stringMatching(/^\[erased:[0-9a-f]{12}\]$/), neighbourNik],
      [neighbourNik, expect.stringMatching(/^\[erased:[0-9a-f]{12}\]$/)],
    ]);
    // The household takes no further command.
    const refused = await post(cw, `/households/${id}/notes`, { text: 'Visit' }).expect(422);
    expect(refused.body.code).toBe('HOUSEHOLD.ERASED');

    // A rebuild of every projection from the stored events (and a replay of the Kafka relay).
    const projections = (await get(admin1, '/admin/projections')).body as Array<{ name: string }>;
    for (const { name } of projections) {
      if (name === 'audit-chain') continue;
      await post(admin1, `/admin/projections/${name}/rebuild`).expect(202);
    }
    await eventually(
      () => t.runner.status().every((p) => p.state !== 'rebuilding'),
      'every projection to finish its rebuild',
    );
    expect(await t.runner.settle(30_000)).toBe(true);
    const rebuilt = await everyRoute();
    for (const [route, answer] of Object.entries(rebuilt)) expectNoPersonalData(`${route} after rebuild`, answer);
    expect(rebuilt.household).toMatchObject({ id, headName: '[erased]' });
    expectCourseCounts(rebuilt.course);
    expectCourseCounts(rebuilt.courseAsOf, 'enrolled');
    expect(await reports()).toEqual(reportsBefore);

    // The export: every stored event read back as the export does.
    const exported = (await t.store.readAll({ limit: 100_000 })).map((e) => JSON.stringify(e)).join('\n');
    expectNoPersonalData('export', exported);

    // Kafka: the replay re-published every event; the last copy of each of the household's is clean.
    const household = (await t.store.readAll({ limit: 100_000 })).filter(
      (e) => !e.stream.startsWith('identity-') && (e.stream.endsWith(id) || JSON.stringify(e.data).includes(id)),
    );
    const copies = (received: FeedMessage[], eventId: string) =>
      received.filter((m) => m.headers['event-id'] === eventId);
    const messages = await kafkaMessages((received) =>
      household.every((e) => copies(received, e.eventId).length >= (e.position < erased.body.position ? 2 : 1)),
    );
    for (const event of household)
      expectNoPersonalData(`Kafka replay of ${event.type}`, copies(messages, event.eventId).at(-1));

    // The audit chain hashes what is stored: erasing the key changed nothing stored.
    const verified = await get(auditor, '/audit/verify');
    expect(verified.body).toMatchObject({ ok: true, firstBreak: null });

    // The course goes on: its completion rule (75 % of the sessions held) counts the attendance
    // recorded before the erasure. 2 of 3 sessions is too few; after a fourth, 3 of 4 is enough.
    const tooFew = await post(cw, `/trainings/${courseId}/participants/${neighbourNik}/completion`, {
      certificateNo: 'BLK-2026-001',
    }).expect(422);
    expect(tooFew.body.code).toBe('TRAINING.ATTENDANCE_TOO_LOW');
    await post(cw, `/trainings/${courseId}/sessions`, {
      sessionNo: 4,
      heldOn: '2026-04-28',
      present: [neighbourNik],
    }).expect(200);
    await post(cw, `/trainings/${courseId}/participants/${neighbourNik}/completion`, {
      certificateNo: 'BLK-2026-001',
    }).expect(200);
    const finished = (await get(cw, `/trainings/${courseId}`)).body as { participants: Record<string, object> };
    expectNoPersonalData('course after completion', finished);
    expect(finished.participants[neighbourNik]).toEqual({ householdId: neighbour, status: 'completed', attended: 3 });

    // The same KK and NIKs register again: a new household, a new person.
    const again = await post(cw, '/households', body).expect(201);
    expect(again.body.id).not.toBe(id);
    const fresh = await t.http
      .get(`/api/v1/households/${again.body.id}?minPosition=${again.body.position}`)
      .set(auth(cw))
      .expect(200);
    expect(fresh.body).toMatchObject({ kk: body.kk, headName: 'Siti Aminah' });
    expect((await get(cw, `/households/${id}`)).body).toMatchObject({ kk: '[erased]' });
  }, 180_000);

  it('refuses to approve an erasure nobody requested', async () => {
    const other = (await post(cw, '/households', household({ kk: uniqueNumber() })).expect(201)).body.id;
    const refused = await post(admin2, `/households/${other}/erasure/approval`).expect(422);
    expect(refused.body.code).toBe('HOUSEHOLD.NO_ERASURE_REQUESTED');
  });
});

describe('retention: closed households listed for erasure review', () => {
  let t: TestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, url: string, body: object = {}) =>
    t.http.post(`/api/v1${url}`).set(auth(token)).send(body);

  beforeAll(async () => {
    t = await startTestApp({ JEJAK_RETENTION_CLOSED_DAYS: '30' });
  });
  afterAll(async () => t?.close());

  async function closedOn(exitedOn: string): Promise<string> {
    const cw = await t.token('caseworker', 'cw-08');
    const sv = await t.token('supervisor', 'sv-08');
    const id = (await post(cw, '/households', household()).expect(201)).body.id as string;
    await post(cw, `/households/${id}/assessments`, {
      perCapitaIncome: 820_000,
      povertyLine: 600_000,
      assessedOn: exitedOn,
    }).expect(200);
    await post(cw, `/households/${id}/exit/proposal`, { reason: 'Stable income' }).expect(200);
    await post(sv, `/households/${id}/exit/approval`, { exitedOn }).expect(200);
    return id;
  }

  it('lists a case closed longer than JEJAK_RETENTION_CLOSED_DAYS until it is erased, to admins and auditors only', async () => {
    // The office's days (JEJAK_TIME_ZONE, Asia/Jakarta here), as the review counts them.
    const day = (offset: number) =>
      localDay(new Date(t.clock.now().getTime() + offset * DAY).toISOString(), 'Asia/Jakarta');
    const old = await closedOn(day(-40));
    const recent = await closedOn(day(-10));
    const open = (await post(await t.token('caseworker', 'cw-08'), '/households', household()).expect(201)).body.id;
    expect(await t.runner.settle(20_000)).toBe(true);

    const auditor = await t.token('auditor', 'au-08');
    const review = await t.http.get('/api/v1/households/erasure-review').set(auth(auditor)).expect(200);
    expect(review.body).toMatchObject({ retentionClosedDays: 30, closedOnOrBefore: day(-30), next: null });
    const listed = review.body.items.map((h: { id: string }) => h.id);
    expect(listed).toContain(old);
    expect(listed).not.toContain(recent);
    expect(listed).not.toContain(open);
    expect(review.body.items.find((h: { id: string }) => h.id === old)).toEqual({
      id: old,
      kecamatan: 'Bekasi Utara',
      kelurahan: 'Harapan Jaya',
      closedOn: day(-40),
      caseworkerId: null,
    });
    await t.http
      .get('/api/v1/households/erasure-review')
      .set(auth(await t.token('caseworker', 'cw-08')))
      .expect(403);

    const [admin1, admin2] = [await t.token('admin', 'admin-01'), await t.token('admin', 'admin-02')];
    await post(admin1, `/households/${old}/erasure`, {
      legalBasis: 'retention_period_ended',
      reason: 'Closed for longer than the retention period',
    }).expect(200);
    const erased = await post(admin2, `/households/${old}/erasure/approval`).expect(200);
    expect(await t.runner.waitFor(erased.body.position, 20_000)).toBe(true);
    const after = await t.http.get('/api/v1/households/erasure-review').set(auth(auditor)).expect(200);
    expect(after.body.items.map((h: { id: string }) => h.id)).not.toContain(old);
  });

  it('lists nothing without a retention period', async () => {
    const other = await startTestApp();
    try {
      const review = await other.http
        .get('/api/v1/households/erasure-review')
        .set(auth(await other.token('admin', 'admin-01')))
        .expect(200);
      expect(review.body).toEqual({ retentionClosedDays: null, closedOnOrBefore: null, items: [], next: null });
    } finally {
      await other.close();
    }
  });
});
