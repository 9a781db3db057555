import { idFor } from '#libs/platform/command-handling/index.js';
import { DECLINE_REASONS } from '#libs/training/index.js';
import { AREA_LIST, caseworkerOf, type SeededHousehold, type Seeding } from './seed-context.js';
import { at, date } from './seed-random.js';

/** Sewing and catering courses: many invited, fewer enrol, some drop out; P2K2 family sessions. */
export async function seedCourses(s: Seeding, households: SeededHousehold[]): Promise<void> {
  const { rnd } = s;
  const courses = [
    ...Array.from({ length: 8 }, (_, c) => ({ kind: 'vocational' as const, skill: c % 2 ? 'catering' : 'sewing' })),
    ...Array.from({ length: 4 }, () => ({ kind: 'family_session' as const, skill: null })),
  ];
  for (const [c, course] of courses.entries()) {
    const area = AREA_LIST[(c * 5) % AREA_LIST.length]!;
    const startsOn = date(rnd.int(4, 8), 1);
    const cw = caseworkerOf(area);
    const context = s.ctx(cw, 'caseworker', at(startsOn), `course${c}`);
    const courseId = idFor(context.idempotencyKey, cw, 'course');
    const vocational = course.kind === 'vocational';
    const scheduled = await s.send(() =>
      s.trainings.execute(
        courseId,
        {
          type: 'ScheduleCourse',
          data: {
            courseId,
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
            at: context.now,
          },
        },
        context,
      ),
    );
    if (!scheduled) continue;
    const invitees = households.filter((h) => h.area.kecamatan === area.kecamatan).slice(0, vocational ? 60 : 35);
    const enrolled: string[] = [];
    for (const [p, h] of invitees.entries()) {
      const nik = h.members[0]!.nik;
      const invited = await s.send(() =>
        s.trainings.invite(courseId, h.id, nik, s.ctx(cw, 'caseworker', at(startsOn, 8), `course${c}-invite${p}`)),
      );
      if (!invited) continue;
      if (rnd.chance(vocational ? 0.35 : 0.8)) {
        const answer = s.ctx(cw, 'caseworker', at(startsOn, 10), `course${c}-accept${p}`);
        if (
          await s.send(() =>
            s.trainings.execute(courseId, { type: 'AcceptInvitation', data: { nik, at: answer.now } }, answer),
          )
        )
          enrolled.push(nik);
      } else {
        const reason = rnd.chance(0.45) ? 'not_interested' : rnd.pick(DECLINE_REASONS);
        const answer = s.ctx(cw, 'caseworker', at(startsOn, 10), `course${c}-decline${p}`);
        await s.send(() =>
          s.trainings.execute(
            courseId,
            { type: 'DeclineInvitation', data: { nik, reason, detail: null, at: answer.now } },
            answer,
            reason,
          ),
        );
      }
    }
    const dropped = new Set(enrolled.filter(() => rnd.chance(0.12)));
    for (let n = 1; n <= 4; n++) {
      const present = enrolled.filter((nik) => !dropped.has(nik) && rnd.chance(0.92));
      const heldOn = startsOn.slice(0, 8) + String(n * 6).padStart(2, '0');
      const session = s.ctx(cw, 'caseworker', at(heldOn, 15), `course${c}-session${n}`);
      await s.send(() =>
        s.trainings.execute(
          courseId,
          { type: 'RecordSessionAttendance', data: { sessionNo: n, heldOn, present, at: session.now } },
          session,
        ),
      );
    }
    const end = at(startsOn.slice(0, 8) + '28', 16);
    for (const [p, nik] of enrolled.entries()) {
      if (dropped.has(nik)) {
        const reason = rnd.pick(['found_work', 'childcare', 'health', 'lost_interest'] as const);
        const drop = s.ctx(cw, 'caseworker', end, `course${c}-drop${p}`);
        await s.send(() =>
          s.trainings.execute(
            courseId,
            { type: 'RecordDropOut', data: { nik, reason, detail: null, at: end } },
            drop,
            reason,
          ),
        );
      } else {
        const certificateNo = vocational ? `BLK-${c}-${p}` : null;
        const done = s.ctx(cw, 'caseworker', end, `course${c}-complete${p}`);
        await s.send(() =>
          s.trainings.execute(courseId, { type: 'CompleteTraining', data: { nik, certificateNo, at: end } }, done),
        );
      }
    }
  }
}
