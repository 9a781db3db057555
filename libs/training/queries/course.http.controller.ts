import { Controller, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { CallerReach, Scoped, type Reach } from '#libs/platform/auth/index.js';
import { AsOfQueryDto, ReadRoute, UuidParamPipe } from '#libs/platform/http/index.js';
import { GetCourseQuery } from './course.queries.js';
import { CourseDto, CourseParticipantDto } from './course.response.dto.js';

@ApiTags('training')
@ApiBearerAuth()
@ApiExtraModels(CourseParticipantDto)
@Controller('trainings')
export class CourseController {
  constructor(private readonly queryBus: QueryBus) {}

  @ReadRoute(
    ':id/state',
    'The course as it stood at a time, replayed from the events recorded until then',
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: CourseDto },
  )
  @Scoped({ kind: 'course', param: 'id' })
  @PersonalData({
    households: (course: { participants: Record<string, { householdId: string }> }) =>
      Object.values(course.participants).map((p) => p.householdId),
  })
  stateAsOf(@Param('id', UuidParamPipe) id: string, @Query() query: AsOfQueryDto, @CallerReach() reach: Reach) {
    return this.queryBus.execute(new GetCourseQuery(id, reach, query.asOf ?? new Date().toISOString()));
  }

  @ReadRoute(
    ':id',
    'The course with its participants and sessions held',
    ['caseworker', 'supervisor', 'auditor', 'admin'],
    { type: CourseDto },
  )
  @Scoped({ kind: 'course', param: 'id' })
  @PersonalData({
    households: (course: { participants: Record<string, { householdId: string }> }) =>
      Object.values(course.participants).map((p) => p.householdId),
  })
  get(@Param('id', UuidParamPipe) id: string, @CallerReach() reach: Reach) {
    return this.queryBus.execute(new GetCourseQuery(id, reach));
  }
}
