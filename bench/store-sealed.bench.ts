import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Keyring, SqliteKeyStore, encryptPersonalData } from '#libs/platform/crypto-shredding/index.js';
import { SqliteEventStore, type EventStore, type NewEvent } from '#libs/platform/event-store/index.js';
import { PERSONAL_DATA_AT_REST } from '#libs/privacy/index.js';
import { type Row } from './report.js';
import { writeSyntheticCity } from './synthetic-city.js';

const note = (householdId: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'CaseNoteRecorded',
  data: { noteId: randomUUID(), text: 'Home visit: the family asked about the sewing course.', topic: 'visit' },
  metadata: {
    actor: 'bench',
    role: 'caseworker',
    correlationId: householdId,
    causationId: householdId,
    occurredAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

/** A session's attendance naming one member of each of `households`: an envelope per household when sealed. */
const attendance = (households: readonly string[], sessionNo: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'SessionAttendanceRecorded',
  data: {
    courseId: 'bench',
    sessionNo,
    heldOn: '2026-04-02',
    present: households.map((_, i) => `32750145018${String(50_000 + i).padStart(5, '0')}`),
    householdIds: [...households],
    presentHouseholds: [...households],
  },
  metadata: note(households[0]!).metadata,
});

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function readEverything(store: EventStore): Promise<number> {
  let after = 0;
  let n = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: 1_000 });
    if (!page.length) return n;
    n += page.length;
    after = page.at(-1)!.position;
  }
}

interface Figures {
  cityUsPerEvent: number;
  firstUsPerAppend: number;
  noteUsPerEvent: number;
  attendanceUsPerEvent: number;
  readUsPerEvent: number;
  events: number;
}

async function figures(store: EventStore, households: number): Promise<Figures> {
  let events = 0;
  const cityMs = await time(async () => (events = await writeSyntheticCity(store, households)));
  // A household's first sealed event makes its key (one more durable write, in keys.db).
  const firsts = 200;
  const ids = Array.from({ length: firsts }, () => randomUUID());
  const firstMs = await time(async () => {
    for (const id of ids) await store.append(`household-${id}`, [note(id)], 'any');
  });
  // Then notes for households whose key exists, 500 to a commit: the fsync shared, the sealing not.
  const notes = 50_000;
  const noteMs = await time(async () => {
    for (let i = 0; i < notes; i += 500)
      await store.append(
        `household-${ids[(i / 500) % firsts]}`,
        Array.from({ length: 500 }, () => note(ids[(i / 500) % firsts]!)),
        'any',
      );
  });
  // Attendance lists naming 20 households whose keys exist, 100 to a commit.
  const lists = 5_000;
  const present = ids.slice(0, 20);
  const attendanceMs = await time(async () => {
    for (let i = 0; i < lists; i += 100)
      await store.append(
        `training-bench-${i}`,
        Array.from({ length: 100 }, (_, n) => attendance(present, n + 1)),
        'any',
      );
  });
  // Warm, then measured: the keys of every household are cached after the first pass.
  await readEverything(store);
  let read = 0;
  const readMs = await time(async () => (read = await readEverything(store)));
  return {
    cityUsPerEvent: (cityMs * 1000) / events,
    firstUsPerAppend: (firstMs * 1000) / firsts,
    noteUsPerEvent: (noteMs * 1000) / notes,
    attendanceUsPerEvent: (attendanceMs * 1000) / lists,
    readUsPerEvent: (readMs * 1000) / read,
    events: read,
  };
}

const us = (n: number): number => Math.round(n * 10) / 10;

/**
 * What sealing personal fields costs (ADR 0010), SQLite, in one run: the same synthetic city and
 * the same case notes into a plain store and into one sealed above it, then every
 * event read back, with the household keys cached (a key is read from its store once per
 * household and kept while it is among the 10,000 used last).
 */
export async function sealedStoreRows(dir: string, households: number): Promise<Row[]> {
  const plain = new SqliteEventStore({ filename: join(dir, 'plain.db') });
  const inner = new SqliteEventStore({ filename: join(dir, 'sealed.db') });
  const keyring = new Keyring(new SqliteKeyStore(join(dir, 'keys.db')));
  const sealed = encryptPersonalData(inner, keyring, PERSONAL_DATA_AT_REST);
  try {
    const a = await figures(plain, households);
    const b = await figures(sealed, households);
    const row = (measure: string, without: number, withSealing: number): Row => ({
      adapter: 'sqlite',
      measure,
      count: a.events,
      perSecond: '',
      'µs plain': us(without),
      'µs sealed': us(withSealing),
      'µs extra': us(withSealing - without),
    });
    return [
      row(`sealed: append, synthetic city of ${households} households, per event`, a.cityUsPerEvent, b.cityUsPerEvent),
      row('sealed: append, case notes in batches of 500, per event', a.noteUsPerEvent, b.noteUsPerEvent),
      row(
        'sealed: append, attendance of 20 households (20 envelopes) in batches of 100, per event',
        a.attendanceUsPerEvent,
        b.attendanceUsPerEvent,
      ),
      row(
        "sealed: append, a household's first sealed event (makes its key), per append",
        a.firstUsPerAppend,
        b.firstUsPerAppend,
      ),
      row('sealed: readAll, pages of 1,000, per event', a.readUsPerEvent, b.readUsPerEvent),
    ];
  } finally {
    await plain.close();
    await sealed.close();
    await keyring.close();
  }
}
