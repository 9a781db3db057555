import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  Keyring,
  PostgresKeyStore,
  SqliteKeyStore,
  encryptPersonalData,
  storedFormOf,
  type KeyStore,
  type PersonalDataDeclarations,
} from '#libs/platform/crypto-shredding/index.js';
import {
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
  type NewEvent,
} from '#libs/platform/event-store/index.js';
import { dropSchema, testDatabaseUrl } from '../support/postgres.js';

const declarations: PersonalDataDeclarations = {
  fieldsOf: (type) =>
    type === 'Registered'
      ? ['kk', 'address.street', 'members[].nik', 'members[].name', 'members[].pregnant']
      : type === 'Noted'
        ? ['text']
        : [],
  erasedBy: ['Erased'],
};

/** A course's events, as the training capability declares them: NIKs, an attendance list of several households. */
const attendance: PersonalDataDeclarations = {
  fieldsOf: (type) => (type === 'Invited' ? ['nik'] : type === 'Attended' ? ['present'] : []),
  identitiesOf: (type) => (type === 'Invited' ? ['nik'] : type === 'Attended' ? ['present'] : []),
  ownedElementsOf: (type) => (type === 'Attended' ? { list: 'present', owners: 'presentHouseholds' } : undefined),
  erasedBy: ['Erased'],
};

const metadata = (reason?: string) => ({
  actor: 'cw-01',
  role: 'caseworker',
  correlationId: 'c',
  causationId: 'c',
  occurredAt: '2026-01-01T00:00:00.000Z',
  schemaVersion: 1,
  ...(reason ? { reason } : {}),
});
const registered = (householdId: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'Registered',
  data: {
    householdId,
    kk: '3275011203150007',
    address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya', street: 'Jl. Melati 4' },
    members: [
      { nik: '3275014501850001', name: 'Siti Aminah', pregnant: true, relationship: 'head' },
      { nik: '3275010101150002', name: 'Budi', pregnant: false, relationship: 'child' },
    ],
  },
  metadata: metadata(),
});
const noted = (): NewEvent => ({
  eventId: randomUUID(),
  type: 'Noted',
  data: { text: 'Siti asked about the sewing course', topic: 'visit' },
  metadata: metadata('Siti called the office'),
});
const invited = (householdId: string, nik: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'Invited',
  data: { courseId: 'c1', householdId, nik },
  metadata: metadata(),
});
const attended = (present: string[], presentHouseholds: string[]): NewEvent => ({
  eventId: randomUUID(),
  type: 'Attended',
  data: { courseId: 'c1', sessionNo: 1, present, householdIds: [...new Set(presentHouseholds)], presentHouseholds },
  metadata: metadata(),
});
const erased = (): NewEvent => ({ eventId: randomUUID(), type: 'Erased', data: {}, metadata: metadata() });

interface Backend {
  store: EventStore;
  keys: () => Promise<KeyStore>;
  close(): Promise<void>;
}

const backends: Array<[string, () => Promise<Backend>]> = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'jejak-shred-'));
      const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
      return {
        store,
        keys: async () => new SqliteKeyStore(join(dir, 'keys.db')),
        async close() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const schema = `shred_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const store = await PostgresEventStore.open({ connectionString: testDatabaseUrl(), schema, pollIntervalMs: 50 });
      return {
        store,
        keys: () => PostgresKeyStore.open(testDatabaseUrl(), schema),
        async close() {
          await store.close();
          await dropSchema(schema);
        },
      };
    },
  ],
];

const opened: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  for (const thing of opened.reverse()) await thing.close();
});

describe.each(backends)('personal data sealed above the %s store', (_name, open) => {
  async function setup() {
    const backend = await open();
    const keyring = new Keyring(await backend.keys());
    opened.push(backend, keyring);
    return { ...backend, keyring, sealed: encryptPersonalData(backend.store, keyring, declarations) };
  }

  it('stores no personal value in clear and shows every one again on each read path', async () => {
    const { store, sealed } = await setup();
    const id = randomUUID();
    await sealed.append(`household-${id}`, [registered(id), noted()], 'no_stream');

    const raw = JSON.stringify(await store.readStream(`household-${id}`));
    for (const clear of ['3275011203150007', '3275014501850001', 'Siti', 'Budi', 'Melati'])
      expect(raw).not.toContain(clear);
    expect(raw).toContain('Harapan Jaya');
    expect(raw).toContain('$enc');

    const [first, second] = await sealed.readStream(`household-${id}`);
    expect(first!.data).toEqual(registered(id).data);
    expect(second!.data).toEqual({ text: 'Siti asked about the sewing course', topic: 'visit' });
    expect(second!.metadata.reason).toBe('Siti called the office');
    expect((await sealed.readAll())[0]!.data).toEqual(registered(id).data);
    const controller = new AbortController();
    for await (const batch of sealed.subscribeAll({ signal: controller.signal })) {
      expect(batch.events[1]!.data).toEqual(second!.data);
      controller.abort();
    }
  });

  it('shows markers of the same JSON type once the key is erased, and the stored form unchanged', async () => {
    const { store, sealed, keyring } = await setup();
    const id = randomUUID();
    await sealed.append(`household-${id}`, [registered(id), noted()], 'no_stream');
    const before = await store.readStream(`household-${id}`);
    await keyring.erase(`household-${id}`);

    const [first, second] = await sealed.readStream(`household-${id}`);
    expect(first!.data).toEqual({
      householdId: id,
      kk: '[erased]',
      address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya', street: '[erased]' },
      members: [
        { nik: '[erased]', name: '[erased]', pregnant: false, relationship: 'head' },
        { nik: '[erased]', name: '[erased]', pregnant: false, relationship: 'child' },
      ],
    });
    expect(second!.metadata.reason).toBe('[erased]');
    expect(storedFormOf(first!)).toEqual(before[0]);
    expect(await store.readStream(`household-${id}`)).toEqual(before);

    // Nothing personal of an erased household is stored any more, and no new key is made.
    await sealed.append(`household-${id}`, [noted()], 1);
    const [, , late] = await store.readStream(`household-${id}`);
    expect(late!.data).toEqual({ text: '[erased]', topic: 'visit' });
    expect(late!.metadata.reason).toBe('[erased]');
  });

  it('drops the key in another process when that process reads the erasure event', async () => {
    const { store, sealed, keys } = await setup();
    const other = new Keyring(await keys());
    opened.push(other);
    const elsewhere = encryptPersonalData(store, other, declarations);
    const id = randomUUID();
    await sealed.append(`household-${id}`, [registered(id)], 'no_stream');
    // The other process has the key cached...
    expect(((await elsewhere.readStream(`household-${id}`))[0]!.data as { kk: string }).kk).toBe('3275011203150007');
    // ...and an erasure it did not make, seen in its feed, deletes it there too.
    const erasedSeen: string[] = [];
    other.onErased((keyId) => erasedSeen.push(keyId));
    await store.append(`household-${id}`, [erased()], 0);
    const [first] = await elsewhere.readStream(`household-${id}`);
    expect((first!.data as { kk: string }).kk).toBe('[erased]');
    expect(erasedSeen).toEqual([`household-${id}`]);
    expect(((await sealed.readStream(`household-${id}`))[0]!.data as { kk: string }).kk).toBe('[erased]');
  });

  it("seals an attendance list per household: erasing one blanks only its members' NIKs", async () => {
    const backend = await open();
    const keyring = new Keyring(await backend.keys());
    opened.push(backend, keyring);
    const sealed = encryptPersonalData(backend.store, keyring, attendance);
    const [h1, h2, course] = [randomUUID(), randomUUID(), `training-${randomUUID()}`];
    const [siti, budi, rina] = ['3275014501850001', '3275010101150002', '3275014501150003'];
    const invitations = [invited(h1, siti), invited(h2, budi), invited(h1, rina)];
    const session = attended([siti, budi, rina], [h1, h2, h1]);
    await sealed.append(course, [...invitations, session], 'no_stream');

    const raw = await backend.store.readStream(course);
    for (const clear of [siti, budi, rina]) expect(JSON.stringify(raw)).not.toContain(clear);
    const envelopes = (raw[3]!.data as { $enc: Array<{ k: string; p: string[] }> }).$enc;
    expect(envelopes.map(({ k, p }) => ({ k, p }))).toEqual([
      { k: `household-${h1}`, p: ['data.present[0]', 'data.present[2]'] },
      { k: `household-${h2}`, p: ['data.present[1]'] },
    ]);
    expect((await sealed.readStream(course)).map((e) => e.data)).toEqual([...invitations, session].map((e) => e.data));

    await keyring.erase(`household-${h1}`);
    const after = await sealed.readStream(course);
    const present = (after[3]!.data as { present: string[] }).present;
    const nikOf = (i: number) => (after[i]!.data as { nik: string }).nik;
    // Household 1's members: a marker each, the same as in their invitations; household 2 reads.
    expect(present).toEqual([nikOf(0), budi, nikOf(2)]);
    expect(nikOf(1)).toBe(budi);
    for (const marker of [nikOf(0), nikOf(2)]) expect(marker).toMatch(/^\[erased:[0-9a-f]{12}\]$/);
    expect(nikOf(0)).not.toBe(nikOf(2));
    expect(after[3]!.data).toMatchObject({ householdIds: [h1, h2], presentHouseholds: [h1, h2, h1] });
    expect(await backend.store.readStream(course)).toEqual(raw);
    expect(storedFormOf(after[3]!)).toEqual(raw[3]);

    // Recorded after the erasure: nothing of household 1 is stored, household 2 is sealed still.
    await sealed.append(course, [attended([siti, budi], [h1, h2])], 3);
    const late = (await backend.store.readStream(course))[4]!;
    expect(JSON.stringify(late)).not.toContain(siti);
    expect(JSON.stringify(late)).not.toContain(budi);
    expect((late.data as { present: string[] }).present[0]).toBe('[erased]');
    expect(((await sealed.readStream(course))[4]!.data as { present: string[] }).present).toEqual(['[erased]', budi]);
  });

  it('leaves an event that names no household as it is', async () => {
    const { store, sealed } = await setup();
    const event = { ...noted(), data: { text: 'Course hall booked', topic: 'other' } };
    await sealed.append('training-1', [event], 'no_stream');
    expect((await store.readStream('training-1'))[0]!.data).toEqual(event.data);
  });
});
