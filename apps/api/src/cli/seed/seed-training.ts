import { DECLINE_REASONS } from '#libs/training/index.js';
import { AREA_LIST, caseworker, supervisor, type SeededHousehold, type Seeding } from './seed-context.js';
import { at, date } from './seed-random.js';

/**
 * Sewing and catering courses: many invited, fewer enrol, some drop out; P2K2 family sessions.
 * The caseworker of the course's kelurahan schedules it and records its sessions; the kecamatan's
 * supervisor, who reaches every invited household, sends what names a participant.
 */
export async function seedCourses(s: Seeding, households: SeededHousehold[]): Promise<void> {
  const { rnd } = s;
  const courses = [
    ...Array.from({ length: 8 }, (_, c) => ({ kind: 'vocational' as const, skill: c % 2 ? 'catering' : 'sewing' })),
    ...Array.from({ length: 4 }, () => ({ kind: 'family_session' as const, skill: undefined })),
  ];
  for (const [c, course] of courses.entries()) {
    const area = AREA_LIST[(c * 5) % AREA_LIST.length]!;
    const startsOn = date(rnd.int(4, 8), 1);
    const cw = caseworker(area);
    const sv = supervisor(area);
    const vocational = course.kind === 'vocational';
    const scheduled = await s.send(cw, at(startsOn), `course${c}`, (api, headers) =>
      api.POST('/api/v1/trainings', {
        body: {
          kind: course.kind,
          skill: course.skill,
          title: vocational
            ? `${course.skill === 'sewing' ? 'Menjahit' : 'Tata boga'} angkatan ${c + 1}`
            : `P2K2 modul ${c - 7}`,
          provider: vocational ? 'BLK Kota Bekasi' : 'Pendamping PKH',
          capacity: vocational ? 20 : 30,
          sessions: 4,
          startsOn,
          endsOn: startsOn.slice(0, 8) + '28',
          kecamatan: area.kecamatan,
          kelurahan: area.kelurahan,
          costPerParticipant: vocational ? 750_000 : 0,
        },
        headers,
      }),
    );
    if (!scheduled) continue;
    const id = scheduled.id;
    const participant = (nik: string) => ({ params: { path: { id, nik } } });
    const invitees = households.filter((h) => h.area.kecamatan === area.kecamatan).slice(0, vocational ? 60 : 35);
    const enrolled: string[] = [];
    for (const [p, h] of invitees.entries()) {
      const nik = h.members[0]!.nik;
      const invited = await s.send(sv, at(startsOn, 8), `course${c}-invite${p}`, (api, headers) =>
        api.POST('/api/v1/trainings/{id}/invitations', {
          params: { path: { id } },
          body: { householdId: h.id, nik },
          headers,
        }),
      );
      if (!invited) continue;
      if (rnd.chance(vocational ? 0.35 : 0.8)) {
        const accepted = await s.send(sv, at(startsOn, 10), `course${c}-accept${p}`, (api, headers) =>
          api.POST('/api/v1/trainings/{id}/participants/{nik}/response', {
            ...participant(nik),
            body: { accept: true },
            headers,
          }),
        );
        if (accepted) enrolled.push(nik);
      } else {
        const declineReason = rnd.chance(0.45) ? 'not_interested' : rnd.pick(DECLINE_REASONS);
        await s.send(sv, at(startsOn, 10), `course${c}-decline${p}`, (api, headers) =>
          api.POST('/api/v1/trainings/{id}/participants/{nik}/response', {
            ...participant(nik),
            body: { accept: false, declineReason },
            headers,
          }),
        );
      }
    }
    const dropped = new Set(enrolled.filter(() => rnd.chance(0.12)));
    for (let n = 1; n <= 4; n++) {
      const present = enrolled.filter((nik) => !dropped.has(nik) && rnd.chance(0.92));
      const heldOn = startsOn.slice(0, 8) + String(n * 6).padStart(2, '0');
      await s.send(cw, at(heldOn, 15), `course${c}-session${n}`, (api, headers) =>
        api.POST('/api/v1/trainings/{id}/sessions', {
          params: { path: { id } },
          body: { sessionNo: n, heldOn, present },
          headers,
        }),
      );
    }
    const end = at(startsOn.slice(0, 8) + '28', 16);
    for (const [p, nik] of enrolled.entries()) {
      if (dropped.has(nik)) {
        const reason = rnd.pick(['found_work', 'childcare', 'health', 'lost_interest'] as const);
        await s.send(sv, end, `course${c}-drop${p}`, (api, headers) =>
          api.POST('/api/v1/trainings/{id}/participants/{nik}/dropout', {
            ...participant(nik),
            body: { reason },
            headers,
          }),
        );
      } else {
        const certificateNo = vocational ? `BLK-${c}-${p}` : undefined;
        await s.send(sv, end, `course${c}-complete${p}`, (api, headers) =>
          api.POST('/api/v1/trainings/{id}/participants/{nik}/completion', {
            ...participant(nik),
            body: { certificateNo },
            headers,
          }),
        );
      }
    }
  }
}
