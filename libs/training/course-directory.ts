import { Injectable } from '@nestjs/common';
import { StreamReader } from '#libs/platform/streams/index.js';
import { trainingDecider } from './domain/index.js';
import { trainingStream } from './training-streams.js';

/** What other capabilities may know of a course: where it is held and whose members take part. */
export type CourseRecord =
  | { exists: false }
  | {
      exists: true;
      kecamatan: string;
      kelurahan: string;
      /** The household of each person invited, by NIK. */
      participants: ReadonlyMap<string, string>;
    };

@Injectable()
export class CourseDirectory {
  constructor(private readonly reader: StreamReader) {}

  async find(courseId: string): Promise<CourseRecord> {
    const { state } = await this.reader.stateAt(trainingStream(courseId), trainingDecider);
    if (!state.course) return { exists: false };
    const participants = new Map(Object.entries(state.participants).map(([nik, p]) => [nik, p.householdId]));
    return { exists: true, kecamatan: state.course.kecamatan, kelurahan: state.course.kelurahan, participants };
  }
}
