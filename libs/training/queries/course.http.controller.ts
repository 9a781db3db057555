import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { CallerReach, Roles, Scoped, type Reach } from '#libs/platform/auth/index.js';
import { AsOfQueryDto, UuidParamPipe } from '#libs/platform/http/index.js';
import { GetCourseQuery } from './course.queries.js';

@ApiTags('training')
@ApiBearerAuth()
@Controller('trainings')
export class CourseController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/state')
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @Scoped({ kind: 'course', param: 'id' })
  @PersonalData({
    households: (course: { participants: Record<string, { householdId: string }> }) =>
      Object.values(course.participants).map((p) => p.householdId),
  })
  @ApiOperation({ summary: 'The course as it stood at a time, replayed from the events recorded until then' })
  stateAsOf(@Param('id', UuidParamPipe) id: string, @Query() query: AsOfQueryDto, @CallerReach() reach: Reach) {
    return this.queryBus.execute(new GetCourseQuery(id, reach, query.asOf ?? new Date().toISOString()));
  }

  @Get(':id')
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @Scoped({ kind: 'course', param: 'id' })
  @PersonalData({
    households: (course: { participants: Record<string, { householdId: string }> }) =>
      Object.values(course.participants).map((p) => p.householdId),
  })
  @ApiOperation({ summary: 'The course with its participants and sessions held' })
  get(@Param('id', UuidParamPipe) id: string, @CallerReach() reach: Reach) {
    return this.queryBus.execute(new GetCourseQuery(id, reach));
  }
}
